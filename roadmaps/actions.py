"""Every change of a roadmap: written from rows (a template, an imported file), items edited and done, sent to
the level above, approved or returned with comments, completed by the product's own records. One transaction
each, the audit row in it."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.scoping import holds_at
from audit import log
from audit.models import AuditEntry
from documents.models import Order, OrderKind
from meetings import reminders
from meetings.models import Meeting, Reminder
from programmes.stages import school_year_bounds, school_year_of
from reports.models import Report
from roadmaps import catalogue, control, rules
from roadmaps.models import Comment, Item, Roadmap, Section, Version
from roadmaps.terms import read_term
from surveys.models import Campaign, Questionnaire
from utilities.text import printable

MAX_ROWS = 1000
LIMITS = {"number": 20, "activity": 4000, "term": 500, "responsible": 1000, "result": 4000}
LABELS = {"number": "№", "activity": "Мероприятие", "term": "Срок", "responsible": "Ответственный",
          "result": "Результат"}
EDITABLE = ("number", "activity", "term", "responsible", "result")


def _allowed(actor, capability: str, organization) -> None:
    """Refuse a user without the capability at the organization itself; `actor` None is the system (a
    management command or the demo written on the server), never a request."""
    if actor is not None and not holds_at(actor, capability, organization):
        raise PermissionDenied


def check_rows(rows) -> list[str]:
    """What is wrong with the rows of a roadmap, in the words of its table: «строка 7, «Срок»: …»."""
    errors = []
    if not any(not row.section for row in rows):
        errors.append("В дорожной карте нет ни одного мероприятия.")
    if len(rows) > MAX_ROWS:
        errors.append(f"В дорожной карте больше {MAX_ROWS} строк.")
    for index, row in enumerate(rows, 1):
        where = f"строка {row.line or index}"
        for name, limit in LIMITS.items():
            if len(getattr(row, name)) > limit:
                errors.append(f"{where}, «{LABELS[name]}»: больше {limit} знаков.")
        if not row.section and not row.activity.strip():
            errors.append(f"{where}, «Мероприятие»: не заполнено.")
    return errors


def check_period(starts_on: datetime.date, ends_on: datetime.date) -> None:
    """A roadmap's period: not backwards, at most ten years (the term reader lays out dates over it)."""
    if ends_on < starts_on:
        raise ValidationError({"ends_on": "Конец периода раньше его начала."})
    if (ends_on - starts_on).days > 366 * 10:
        raise ValidationError({"ends_on": "Период дорожной карты длиннее десяти лет."})


def _read(item: Item, roadmap: Roadmap) -> None:
    """The item's due dates from its term, unless the user set them."""
    if item.due_set_by_hand:
        return
    term = read_term(item.term, roadmap.starts_on, roadmap.ends_on)
    item.kind, item.due = term.kind, [day.isoformat() for day in term.due]
    item.due_on = term.due[0] if term.due else None
    item.attention = term.attention
    item.control_point = item.control_point or term.control_point


@transaction.atomic
def create_roadmap(*, organization, title: str, starts_on: datetime.date, ends_on: datetime.date, rows,
                   actor, template: str = "") -> Roadmap:
    """A roadmap of `organization` from `rows` (catalogue.Row), all of them or none."""
    _allowed(actor, "manage_roadmaps", organization)
    check_period(starts_on, ends_on)
    if errors := check_rows(rows):
        raise ValidationError(errors)
    roadmap = Roadmap.objects.create(organization=organization, title=printable(title)[:500] or "Дорожная карта",
                                     starts_on=starts_on, ends_on=ends_on, template=template)
    section, items = None, []
    for position, row in enumerate(rows):
        values = {name: printable(getattr(row, name)).strip() for name in EDITABLE}
        if row.section:
            section = Section.objects.create(roadmap=roadmap, position=position, number=values["number"],
                                             title=values["activity"][:1000])
            continue
        item = Item(roadmap=roadmap, section=section, position=position, control_point=row.control_point,
                    **values)
        _read(item, roadmap)
        if row.confirmed_by:
            _wait_for(item, row.confirmed_by)
        items.append(item)
    Item.objects.bulk_create(items)
    log.record(actor=actor, action=AuditEntry.Action.CREATE, obj=roadmap, organization=organization,
               changes={"items": [None, len(items)], "template": [None, template or None]})
    return roadmap


def copy_template(*, organization, code: str, actor, starts_on=None, ends_on=None) -> Roadmap:
    """The template `code` as the organization's own roadmap, to adapt; the period is the template's unless given."""
    template = catalogue.TEMPLATES.get(code)
    if template is None:
        raise ValidationError({"template": "Такого образца дорожной карты нет."})
    return create_roadmap(organization=organization, title=template.title, rows=template.rows, actor=actor,
                          starts_on=starts_on or template.starts_on, ends_on=ends_on or template.ends_on,
                          template=code)


def _editable(roadmap: Roadmap, actor) -> Roadmap:
    roadmap = Roadmap.objects.select_for_update().get(pk=roadmap.pk)
    _allowed(actor, "manage_roadmaps", roadmap.organization)
    if not roadmap.editable:
        raise ValidationError(rules.NOT_EDITABLE[roadmap.status])
    return roadmap


@transaction.atomic
def update_item(item: Item, *, actor, due_on: datetime.date | None = None, **values) -> Item:
    """New wording of the item; its term is read again, or `due_on` set by hand (an unread term)."""
    roadmap = _editable(item.roadmap, actor)
    item = Item.objects.select_for_update().get(pk=item.pk, roadmap=roadmap)
    before = log.snapshot(item, [*EDITABLE, "due"])
    for name, value in values.items():
        if name not in EDITABLE:
            raise TypeError(name)
        value = printable(value).strip()
        if len(value) > LIMITS[name]:
            raise ValidationError({name: f"«{LABELS[name]}»: больше {LIMITS[name]} знаков."})
        setattr(item, name, value)
    if not item.activity:
        raise ValidationError({"activity": "«Мероприятие»: не заполнено."})
    if due_on is not None:
        if not roadmap.starts_on <= due_on <= roadmap.ends_on:
            raise ValidationError({"due_on": "Срок вне периода дорожной карты."})
        item.kind, item.due, item.due_on, item.attention, item.due_set_by_hand = (
            "date", [due_on.isoformat()], due_on, False, True)
    elif "term" in values and values["term"] != before["term"]:
        item.due_set_by_hand = False
    _read(item, roadmap)
    item.save()
    log.record(actor=actor, action=AuditEntry.Action.UPDATE, obj=item, organization=roadmap.organization,
               changes=log.diff(before, log.snapshot(item, [*EDITABLE, "due"])))
    return item


@transaction.atomic
def add_item(roadmap: Roadmap, *, actor, section: Section | None = None, **values) -> Item:
    roadmap = _editable(roadmap, actor)
    last = roadmap.items.order_by("-position").values_list("position", flat=True).first() or 0
    item = Item.objects.create(roadmap=roadmap, section=section, position=last + 1, activity="—")
    return update_item(item, actor=actor, **values)


@transaction.atomic
def remove_item(item: Item, *, actor) -> None:
    """An item the organization does not take from a template; the versions sent keep it."""
    roadmap = _editable(item.roadmap, actor)
    item = Item.objects.select_for_update().get(pk=item.pk, roadmap=roadmap)
    log.record(actor=actor, action=AuditEntry.Action.DELETE, obj=item, organization=roadmap.organization,
               changes={name: [getattr(item, name), None] for name in ("number", "activity", "term")})
    item.delete()


@transaction.atomic
def set_progress(item: Item, *, actor, status: str, day: datetime.date | None = None, evidence=None,
                 confirmed_by: str | None = None) -> Item:
    """How the item is done: its status, the document that proves it, or the product's record that completes it
    (`confirmed_by`, as Item.confirmed_by; None leaves it)."""
    item = Item.objects.select_for_update().select_related("roadmap__organization").get(pk=item.pk)
    organization = item.roadmap.organization
    _allowed(actor, "manage_roadmaps", organization)
    if status not in Item.Status.values:
        raise ValidationError({"status": "Неизвестное состояние мероприятия."})
    before = log.snapshot(item, PROGRESS)
    item.status = status
    item.done_on = (day or timezone.localdate()) if status == Item.Status.DONE else None
    if confirmed_by is not None:
        _wait_for(item, confirmed_by)
    if evidence is not None:
        item.evidence.save(evidence.name, evidence, save=False)
    item.save()
    log.record(actor=actor, action=AuditEntry.Action.UPDATE, obj=item, organization=organization,
               changes=log.diff(before, log.snapshot(item, PROGRESS)))
    return item


# Completed by the product's own records: an order registered, a questionnaire campaign closed, a report sent,
# a meeting held.

PROGRESS = ["status", "done_on", "confirmed_by"]
# The kind of a record → the item's field that links it.
LINKS = {Order: "order", Campaign: "campaign", Report: "report", Meeting: "meeting"}
UNKNOWN_CONFIRMATION = ("Неизвестно, чем подтверждается мероприятие: выберите приказ, анкету, отчёт или встречу "
                        "из списка.")
# A regular meeting is the pairs' routine, no milestone of a roadmap.
MILESTONE_MEETINGS = [kind for kind in Meeting.Kind.values if kind != Meeting.Kind.REGULAR]


def _wait_for(item: Item, confirmed_by: str) -> None:
    """The record the item waits for, from the choice "order:<kind>", "survey:<code>[:<wave>]", "report",
    "meeting:<kind>" or ""; one already there completes an item still open (and the link of a record waited for
    before goes)."""
    kind, _, rest = confirmed_by.partition(":")
    item.order_kind, item.questionnaire, item.wave, item.awaits_report, item.meeting_kind = "", None, "", False, ""
    if kind == "order" and rest in OrderKind.values:
        item.order_kind = rest
    elif kind == "survey":
        code, _, wave = rest.partition(":")
        item.questionnaire = Questionnaire.objects.filter(code=code).first()
        if item.questionnaire is None or wave not in ("", *Campaign.Wave.values):
            raise ValidationError({"confirmed_by": UNKNOWN_CONFIRMATION})
        item.wave = wave
    elif confirmed_by == "report":
        item.awaits_report = True
    elif kind == "meeting" and rest in MILESTONE_MEETINGS:
        item.meeting_kind = rest
    elif confirmed_by:
        raise ValidationError({"confirmed_by": UNKNOWN_CONFIRMATION})
    if item.status not in Item.CLOSED:
        item.order = item.campaign = item.report = item.meeting = None
        if (record := _existing(item)) is not None:
            _link(item, record)


def _done_on(record) -> datetime.date:
    if isinstance(record, Order):
        return record.date
    if isinstance(record, Meeting):
        return timezone.localdate(record.starts_at)
    return timezone.localdate(record.closed_at if isinstance(record, Campaign) else record.sent_at)


def _link(item: Item, record) -> None:
    item.status, item.done_on = Item.Status.DONE, _done_on(record)
    setattr(item, LINKS[type(record)], record)


def _existing(item: Item):
    """The first record of the organization, in the roadmap's period, that the item waits for; None if none yet."""
    roadmap = item.roadmap
    period = (roadmap.starts_on, roadmap.ends_on)
    if item.order_kind:
        return Order.objects.filter(organization=roadmap.organization_id, kind=item.order_kind,
                                    status=Order.Status.REGISTERED, date__range=period).order_by("date").first()
    if item.questionnaire_id:
        waves = [item.wave] if item.wave else Campaign.Wave.values
        return Campaign.objects.filter(organization=roadmap.organization_id, questionnaire=item.questionnaire_id,
                                       wave__in=waves, state=Campaign.State.CLOSED,
                                       closed_at__date__range=period).order_by("closed_at").first()
    if item.awaits_report:
        years = [school_year_of(day) for day in period]
        return Report.objects.filter(organization=roadmap.organization_id, status=Report.Status.SENT,
                                     year__range=years).order_by("sent_at").first()
    if item.meeting_kind:
        return Meeting.objects.filter(organization=roadmap.organization_id, kind=item.meeting_kind, summary__gt="",
                                      starts_at__date__range=period).order_by("starts_at").first()
    return None


def _waiting_for(record) -> Q:
    """The items that wait for `record` just made (the inverse of `_existing`): of its organization, in a roadmap
    whose period holds its day (a report: its school year)."""
    if isinstance(record, Report):
        starts, ends = school_year_bounds(record.year)
        waiting = Q(awaits_report=True)
    else:
        starts = ends = _done_on(record)
        waiting = (Q(order_kind=record.kind) if isinstance(record, Order)
                   else Q(meeting_kind=record.kind) if isinstance(record, Meeting)
                   else Q(questionnaire=record.questionnaire_id, wave__in=("", record.wave)))
    return waiting & Q(roadmap__organization=record.organization_id, roadmap__starts_on__lte=ends,
                       roadmap__ends_on__gte=starts)


def complete_by(record, *, actor) -> int:
    """Called in the transaction that makes `record` exist — an order registered (documents.actions), a campaign
    closed (surveys.actions), a report sent (reports.actions), a meeting held (its record written,
    meetings.actions): the items waiting for it are done with it as their evidence; how many."""
    field = LINKS[type(record)]
    items = list(Item.objects.select_for_update().filter(_waiting_for(record)).exclude(status__in=Item.CLOSED))
    for item in items:
        before = item.status
        _link(item, record)
        item.save(update_fields=["status", "done_on", field])
        log.record(actor=actor, action=AuditEntry.Action.TRANSITION, obj=item, organization=record.organization,
                   changes={"status": [before, Item.Status.DONE], field: [None, str(record)]})
    return len(items)


# Approval

def snapshot(roadmap: Roadmap) -> dict:
    sections = {s.pk: f"{s.number} {s.title}".strip() for s in roadmap.sections.all()}
    return {
        "title": roadmap.title, "starts_on": roadmap.starts_on.isoformat(), "ends_on": roadmap.ends_on.isoformat(),
        "items": [{"id": item.pk, "section": sections.get(item.section_id, ""), "due": item.due,
                   **{name: getattr(item, name) for name in EDITABLE}} for item in roadmap.items.all()],
    }


def _transition(roadmap: Roadmap, new: str, *, actor, **changes) -> None:
    old = roadmap.status
    roadmap.status = new
    roadmap.save(update_fields=["status", "updated_at"])
    log.record(actor=actor, action=AuditEntry.Action.TRANSITION, obj=roadmap, organization=roadmap.organization,
               changes={"status": [old, new], **changes})


@transaction.atomic
def send(roadmap: Roadmap, *, actor) -> Version:
    """The roadmap, frozen as its next version, to the level above."""
    roadmap = _editable(roadmap, actor)
    if roadmap.organization.parent_id is None:
        raise ValidationError(rules.NOBODY_ABOVE)
    if roadmap.items.filter(attention=True).exists():
        raise ValidationError(rules.DATES_MISSING)
    number = (roadmap.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = Version.objects.create(roadmap=roadmap, number=number, content=snapshot(roadmap), sent_by=actor)
    _transition(roadmap, Roadmap.Status.SENT, actor=actor, version=[None, number])
    return version


def _pending(roadmap: Roadmap, actor) -> tuple[Roadmap, Version]:
    roadmap = Roadmap.objects.select_for_update().select_related("organization").get(pk=roadmap.pk)
    _allowed(actor, "approve_roadmaps", roadmap.organization.parent)
    if roadmap.status != Roadmap.Status.SENT:
        raise ValidationError(rules.NOT_SENT)
    return roadmap, roadmap.versions.select_for_update().get(decision=Version.Decision.PENDING)


def _decide(version: Version, decision: str, actor, comment: str) -> None:
    version.decision, version.decided_by, version.decided_at = decision, actor, timezone.now()
    version.comment = printable(comment).strip()[:4000]
    version.save()


@transaction.atomic
def approve(roadmap: Roadmap, *, actor, comment: str = "") -> Version:
    roadmap, version = _pending(roadmap, actor)
    _decide(version, Version.Decision.APPROVED, actor, comment)
    _transition(roadmap, Roadmap.Status.APPROVED, actor=actor, version=[None, version.number])
    return version


@transaction.atomic
def return_for_changes(roadmap: Roadmap, *, actor, comments: dict[int, str] | None = None,
                       comment: str = "") -> Version:
    """Back to the organization with remarks per item ({item id: text}) and in general; at least one."""
    roadmap, version = _pending(roadmap, actor)
    ids = {item["id"] for item in version.content["items"]}
    remarks = {pk: printable(text).strip()[:4000] for pk, text in (comments or {}).items() if text and text.strip()}
    if not remarks and not comment.strip():
        raise ValidationError({"comment": "Напишите, что исправить: замечание к мероприятию или в целом."})
    if not remarks.keys() <= ids:
        raise ValidationError({"comments": "Замечание к мероприятию, которого нет в этой редакции."})
    _decide(version, Version.Decision.RETURNED, actor, comment)
    Comment.objects.bulk_create(Comment(version=version, item_id=pk, text=text) for pk, text in remarks.items())
    _transition(roadmap, Roadmap.Status.RETURNED, actor=actor, version=[None, version.number],
                comments=[None, len(remarks)])
    return version


@transaction.atomic
def reopen(roadmap: Roadmap, *, actor) -> Roadmap:
    """An approved roadmap back to a draft, to change it and send a new version; the approved one stays."""
    roadmap = Roadmap.objects.select_for_update().get(pk=roadmap.pk)
    _allowed(actor, "manage_roadmaps", roadmap.organization)
    if roadmap.status != Roadmap.Status.APPROVED:
        raise ValidationError(rules.NOT_APPROVED)
    _transition(roadmap, Roadmap.Status.DRAFT, actor=actor)
    return roadmap


# Chasing

@transaction.atomic
def remind(organization, *, actor, day: datetime.date) -> int:
    """«Напомнить»: the level directly above e-mails whoever answers for the organization (its curators, a
    municipality's specialists), at most once a day however often it is clicked. Each mail goes through
    `meetings.reminders.send_once` under the organization's key of the day, after the commit: a click racing this
    one inserts none of the rows and sends nothing. The number of mails."""
    _allowed(actor, "approve_roadmaps", organization.parent)
    users = list(User.objects.filter(pk__in=control.responsible([organization]).values("user")).order_by("pk"))
    if not users:
        raise ValidationError(rules.NOBODY_TO_REMIND)
    if control.reminded([organization], day):
        raise ValidationError(rules.REMINDED_TODAY)
    subject = "Наставник: напоминание о дорожной карте и программе наставничества"
    body = (f"Здравствуйте!\n\n{organization.parent.name} просит проверить дорожную карту и программу "
            f"наставничества организации «{organization.name}»: отправить дорожную карту на согласование или "
            f"исправить её по замечаниям, выполнить просроченные мероприятия, сдать отчёт.\n\n"
            f"{settings.SITE_URL}{reverse('roadmaps:list')}\n\nНапоминание приходит не чаще раза в день.")
    key = control.reminder_key(organization, day)
    sent = sum(reminders.send_once(user, subject, body, key=key, stage=Reminder.Stage.CHASING) for user in users)
    if not sent:
        raise ValidationError(rules.REMINDED_TODAY)
    log.record(actor=actor, action=AuditEntry.Action.UPDATE, obj=organization, organization=organization,
               changes={"recipients": [None, sent]})
    return sent
