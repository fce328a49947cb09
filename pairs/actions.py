"""Every change of pairs and groups. Each action runs in one transaction, rechecks the rules of the
form (programmes.eligibility), the consents and the mentor's capacity, and writes its audit row.

Capacity holds under concurrency because every action that adds mentees to a mentor first locks
the mentor's row (SELECT … FOR UPDATE on PostgreSQL; SQLite runs one writer at a time), so two
approvals can never both see a free place that only one of them may take. Every action that changes a
pair locks the pair's row first, reads its state, mentor and term as they are then, and saves only the
fields it changes, so a termination racing an extension or a replacement never undoes either. Rows are
locked in one order: pairs, then their changes, then participants."""

import datetime

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Role
from accounts.scoping import may
from audit import log
from audit.models import AuditEntry
from pairs import plan_templates
from pairs.capacity import live_mentee_count, lock_mentor, lock_participants
from pairs.inputs import live_pairs, people
from pairs.models import (
    EXTENSION_REASONS,
    LIVE_STATUSES,
    REPLACEMENT_REASONS,
    IndividualPlan,
    MentorTerm,
    Pair,
    PairChange,
    PairMentee,
    PairStatus,
    PlanItem,
)
from people.models import Participant
from people.rules import missing_consents
from programmes import eligibility, terms
from programmes.actions import record_order
from programmes.models import MentoringKind, Programme
from programmes.rules import form_rules, mentee_limit_of


def _reason(code: int, rules, mentor: Participant, mentee: Participant, day: datetime.date) -> str:
    """The rule broken, with the numbers in force and the consents that are missing."""
    person = {eligibility.MENTOR_CONSENT: mentor, eligibility.MENTEE_CONSENT: mentee}.get(code)
    missing = f" ({'; '.join(missing_consents(person, day))})" if person else ""
    return eligibility.describe(code, rules) + missing


def check_pair(*, organization, form, mentor: Participant, mentees: list[Participant], start_date: datetime.date,
               exclude_pair: Pair | None = None) -> None:
    """Raise ValidationError naming every rule the pair would break."""
    errors = []
    if not mentor.is_mentor:
        errors.append(f"«{mentor.full_name}» не отмечен(а) как наставник.")
    for mentee in mentees:
        if not mentee.is_mentee:
            errors.append(f"«{mentee.full_name}» не отмечен(а) как наставляемый.")
        if mentee.organization_id != organization.pk:
            errors.append(f"«{mentee.full_name}» не из организации «{organization}».")
    mentor_rows = people([mentor], organization, start_date, form, exclude_pair)
    mentee_rows = people(mentees, organization, start_date, form, exclude_pair)
    parents = np.array([(parent.pk, mentee.pk) for mentee in mentees for parent in mentee.parents.all()],
                       dtype=np.int64).reshape(-1, 2)
    rules = form_rules(form, organization)
    reasons = eligibility.check(rules, mentor_rows, mentee_rows, np.zeros(len(mentees), dtype=np.int64),
                                np.arange(len(mentees)), parents, live_pairs(mentees, exclude_pair))
    errors += [f"«{mentor.full_name}» → «{mentee.full_name}»: {_reason(code, rules, mentor, mentee, start_date)}."
               for mentee, code in zip(mentees, reasons.tolist(), strict=True) if code]
    limit, taken = mentee_limit_of(mentor), live_mentee_count(mentor, exclude_pair)
    if taken + len(mentees) > limit:
        errors.append(f"У наставника «{mentor.full_name}» уже {taken} наставляемых из {limit} возможных.")
    if errors:
        raise ValidationError(errors)


def _people(participants) -> list[terms.Person]:
    return [terms.Person(p.full_name, p.category, p.grade) for p in participants]


def term_limit(organization, start_date: datetime.date, people=()) -> terms.Limit:
    """The latest planned end of a pair of `people` (Participants) of `organization` starting on `start_date`:
    the end of the organization's programme of that school year (31 May when it set none) or the earlier
    expected leaving of a pupil or student among them (programmes.terms)."""
    year_end = Programme.objects.year_end(organization, terms.school_year(start_date))
    return terms.latest_end(start_date, _people(people), year_end=year_end)


@transaction.atomic
def propose_pair(*, organization, form, mentor: Participant, mentees: list[Participant], start_date: datetime.date,
                 actor, planned_end_date: datetime.date | None = None, variant=None,
                 kind: str = MentoringKind.TRADITIONAL) -> Pair:
    """A proposed pair; without `planned_end_date` it runs as long as `term_limit` allows, never longer."""
    if not mentees:
        raise ValidationError("Выберите хотя бы одного наставляемого.")
    if len({m.pk for m in mentees}) != len(mentees):
        raise ValidationError("Наставляемый указан дважды.")
    if variant is not None and variant.form_id != form.pk:
        raise ValidationError({"variant": "Вариация не относится к выбранной форме."})
    mentor = lock_mentor(mentor, mentees)
    limit = term_limit(organization, start_date, [mentor, *mentees])
    planned_end_date = planned_end_date or limit.end
    if problem := terms.term_problem(start_date, planned_end_date, limit):
        raise ValidationError({"planned_end_date": problem})
    check_pair(organization=organization, form=form, mentor=mentor, mentees=mentees, start_date=start_date)
    pair = Pair.objects.create(organization=organization, form=form, variant=variant, kind=kind, mentor=mentor,
                               start_date=start_date, planned_end_date=planned_end_date, created_by=actor)
    PairMentee.objects.bulk_create([PairMentee(pair=pair, mentee=m) for m in mentees])
    MentorTerm.objects.create(pair=pair, mentor=mentor, started_on=start_date)
    log.record(actor=actor, action=AuditEntry.Action.CREATE, obj=pair, organization=organization,
               changes={"mentor": [None, mentor.full_name], "mentees": [None, [m.full_name for m in mentees]],
                        "form": [None, form.name], "start_date": [None, start_date.isoformat()],
                        "planned_end_date": [None, planned_end_date.isoformat()]})
    return pair


# What concurrent actions on one pair change; `_lock` reads them again under the lock.
CHANGING_FIELDS = ["status", "mentor_id", "planned_end_date", "ended_on"]


def _lock(pair: Pair) -> Pair:
    """Lock the pair's row until the end of the transaction and bring `pair` up to date with it: what a
    concurrent action wrote before the lock (state, mentor, term) is what this one checks and keeps."""
    pair.refresh_from_db(fields=CHANGING_FIELDS, from_queryset=Pair.objects.select_for_update())
    return pair


def _transition(pair: Pair, *, actor, to: str, allowed_from: tuple[str, ...], changes=None, **values) -> Pair:
    """Move the locked pair to `to`, setting `values` too; only these fields are saved."""
    _lock(pair)
    if pair.status not in allowed_from:
        raise ValidationError(f"Пара в состоянии «{pair.get_status_display()}»: действие недоступно.")
    before = pair.status
    pair.status = to
    for name, value in values.items():
        setattr(pair, name, value)
    pair.save(update_fields=["status", *values])
    log.record(actor=actor, action=AuditEntry.Action.TRANSITION, obj=pair, organization=pair.organization,
               changes={"status": [before, to], **(changes or {})})
    return pair


@transaction.atomic
def approve_pairs(pairs, *, actor, order_number: str, order_date: datetime.date) -> list[Pair]:
    """The order fixing the pairs is registered: each proposed pair is rechecked and approved, or none is.

    The pairs' rows are locked first (so two orders never approve one pair twice), then every mentor
    and mentee of the order in id order (so capacity and «one live pair a form» are counted alone)."""
    pairs = list(Pair.objects.select_for_update(of=("self",)).filter(pk__in=[p.pk for p in pairs])
                 .select_related("organization", "form").order_by("pk"))
    members = list(PairMentee.objects.filter(pair__in=pairs).select_related("mentee__organization",
                                                                            "mentee__mentee_profile"))
    locked = lock_participants([p.mentor_id for p in pairs] + [m.mentee_id for m in members])
    approved = []
    for pair in pairs:
        mentees = [m.mentee for m in members if m.pair_id == pair.pk]
        check_pair(organization=pair.organization, form=pair.form, mentor=locked[pair.mentor_id], mentees=mentees,
                   start_date=pair.start_date, exclude_pair=pair)
        approved.append(_transition(pair, actor=actor, to=PairStatus.APPROVED, allowed_from=(PairStatus.PROPOSED,),
                                    approved_on=order_date,
                                    changes={"order": [None, f"№ {order_number} от {order_date:%d.%m.%Y}"]}))
    for organization in {pair.organization for pair in approved}:
        record_order(organization, kind="pairs_order", number=order_number, dated=order_date, actor=actor)
    return approved


@transaction.atomic
def start_pair(pair: Pair, *, actor, on: datetime.date | None = None) -> Pair:
    """The pair begins its work on `on` (today by default), never before its start date."""
    on = on or timezone.localdate()
    if on < pair.start_date:
        raise ValidationError(f"Пара начинает работу не раньше даты начала — {pair.start_date:%d.%m.%Y}.")
    return _transition(pair, actor=actor, to=PairStatus.ACTIVE, allowed_from=(PairStatus.APPROVED,))


def _finish(pair: Pair, *, actor, on: datetime.date) -> Pair:
    """A finished pair closes its mentor's term and cancels the changes still waiting for an order."""
    for term in pair.mentor_terms.filter(ended_on__isnull=True):
        term.ended_on = max(on, term.started_on)
        term.save(update_fields=["ended_on"])
    for change in pair.changes.filter(status=PairChange.Status.PENDING):
        cancel_change(change, actor=actor)
    return pair


@transaction.atomic
def complete_pair(pair: Pair, *, actor, on: datetime.date) -> Pair:
    if on < pair.start_date:
        raise ValidationError({"on": f"Дата завершения раньше начала пары ({pair.start_date:%d.%m.%Y})."})
    pair = _transition(pair, actor=actor, to=PairStatus.COMPLETED, allowed_from=(PairStatus.ACTIVE,), ended_on=on,
                       changes={"ended_on": [None, on.isoformat()]})
    return _finish(pair, actor=actor, on=on)


@transaction.atomic
def terminate_pair(pair: Pair, *, actor, on: datetime.date, reason: str) -> Pair:
    """Досрочное прекращение: the mentee did not fulfil the duties."""
    if not reason.strip():
        raise ValidationError({"reason": "Укажите основание досрочного прекращения."})
    pair = _transition(pair, actor=actor, to=PairStatus.TERMINATED, allowed_from=LIVE_STATUSES, ended_on=on,
                       changes={"ended_on": [None, on.isoformat()], "reason": [None, reason.strip()]})
    return _finish(pair, actor=actor, on=on)


# Extension and replacement of the mentor (seed 000 §2.8–2.9): requested, then applied by an order.
CHANGEABLE = (PairStatus.APPROVED, PairStatus.ACTIVE)


def _check_changeable(pair: Pair, kind: str) -> None:
    _lock(pair)
    if pair.status not in CHANGEABLE:
        raise ValidationError(f"Пара в состоянии «{pair.get_status_display()}»: изменить её нельзя.")
    if pair.changes.filter(kind=kind, status=PairChange.Status.PENDING).exists():
        raise ValidationError(f"{PairChange.Kind(kind).label.capitalize()} этой пары уже ожидает приказа.")


def _request(pair: Pair, *, actor, kind: str, reason: str, **values) -> PairChange:
    change = PairChange.objects.create(pair=pair, kind=kind, reason=reason, requested_by=actor, **values)
    log.record(actor=actor, action=AuditEntry.Action.CREATE, obj=change, organization=pair.organization,
               changes={"pair": [None, pair.pk], "kind": [None, kind], "reason": [None, reason],
                        **{k: [None, log.snapshot(change, [k])[k]] for k in values}})
    return change


@transaction.atomic
def request_extension(pair: Pair, *, actor, reason: str, new_end_date: datetime.date) -> PairChange:
    """Продление срока: illness, a business trip or another long absence of either side."""
    if reason not in EXTENSION_REASONS:
        raise ValidationError({"reason": "Срок продлевается только при болезни, командировке или ином "
                                         "продолжительном отсутствии наставника или наставляемого."})
    _check_changeable(pair, PairChange.Kind.EXTENSION)
    if new_end_date <= pair.planned_end_date:
        raise ValidationError({"new_end_date": f"Новое окончание должно быть позже {pair.planned_end_date:%d.%m.%Y}."})
    # An extension may outlast the school year, never a pupil's leaving.
    people = [pair.mentor, *(m.mentee for m in pair.mentees.filter(left_on__isnull=True).select_related("mentee"))]
    leaving = terms.latest_end(pair.start_date, _people(people), within_school_year=False)
    if leaving is not None and new_end_date > leaving.end:
        raise ValidationError({"new_end_date": f"Новое окончание не позже {leaving.end:%d.%m.%Y}: {leaving.why}."})
    return _request(pair, actor=actor, kind=PairChange.Kind.EXTENSION, reason=reason, new_end_date=new_end_date)


def _current_term(pair: Pair) -> MentorTerm:
    """The open term; a pair written before terms were kept gets its first one now."""
    return pair.mentor_terms.get_or_create(ended_on__isnull=True,
                                           defaults={"mentor": pair.mentor, "started_on": pair.start_date})[0]


def first_replacement_day(pair: Pair) -> datetime.date:
    """The earliest day a new mentor may take over: the day after the current mentor's term began."""
    began = pair.mentor_terms.filter(ended_on__isnull=True).values_list("started_on", flat=True).first()
    return (began or pair.start_date) + datetime.timedelta(days=1)


def _check_replacement(pair: Pair, new_mentor: Participant, on: datetime.date) -> Participant:
    """The new mentor, locked, after every rule of the form and their capacity are checked for the pair's mentees."""
    if new_mentor.pk == pair.mentor_id:
        raise ValidationError({"new_mentor": "Новый наставник совпадает с нынешним."})
    current = _current_term(pair)
    if not current.started_on < on < pair.planned_end_date:
        raise ValidationError({"on": f"Дата замены должна быть позже {current.started_on:%d.%m.%Y} "
                                     f"и раньше {pair.planned_end_date:%d.%m.%Y}."})
    new_mentor = lock_mentor(new_mentor)
    leaving = terms.latest_end(pair.start_date, _people([new_mentor]), within_school_year=False)
    if leaving is not None and pair.planned_end_date > leaving.end:
        raise ValidationError({"new_mentor": f"Пара идёт до {pair.planned_end_date:%d.%m.%Y}, а у нового наставника "
                                             f"раньше {leaving.why}: {leaving.end:%d.%m.%Y}."})
    mentees = [m.mentee for m in pair.mentees.filter(left_on__isnull=True).select_related(
        "mentee__organization", "mentee__mentee_profile")]
    check_pair(organization=pair.organization, form=pair.form, mentor=new_mentor, mentees=mentees, start_date=on,
               exclude_pair=pair)
    return new_mentor


@transaction.atomic
def request_mentor_replacement(pair: Pair, *, actor, reason: str, new_mentor: Participant,
                               on: datetime.date) -> PairChange:
    """Замена наставника for one of the seed's reasons; the new mentor must fit the pair as a new one would."""
    if reason not in REPLACEMENT_REASONS:
        raise ValidationError({"reason": "Укажите одно из оснований замены наставника."})
    _check_changeable(pair, PairChange.Kind.REPLACEMENT)
    new_mentor = _check_replacement(pair, new_mentor, on)
    return _request(pair, actor=actor, kind=PairChange.Kind.REPLACEMENT, reason=reason, new_mentor=new_mentor,
                    effective_on=on)


@transaction.atomic
def cancel_change(change: PairChange, *, actor) -> PairChange:
    if change.status != PairChange.Status.PENDING:
        raise ValidationError(f"Изменение уже «{change.get_status_display()}».")
    change.status = PairChange.Status.CANCELLED
    change.save(update_fields=["status"])
    log.record(actor=actor, action=AuditEntry.Action.TRANSITION, obj=change, organization=change.pair.organization,
               changes={"status": [PairChange.Status.PENDING, PairChange.Status.CANCELLED]})
    return change


def _extend(pair: Pair, change: PairChange) -> dict:
    before, pair.planned_end_date = pair.planned_end_date, change.new_end_date
    pair.save(update_fields=["planned_end_date"])
    return {"planned_end_date": [before.isoformat(), pair.planned_end_date.isoformat()]}


def _replace(pair: Pair, change: PairChange) -> dict:
    new_mentor = _check_replacement(pair, change.new_mentor, change.effective_on)
    pair.mentor_terms.filter(pk=_current_term(pair).pk).update(ended_on=change.effective_on - datetime.timedelta(days=1))
    MentorTerm.objects.create(pair=pair, mentor=new_mentor, started_on=change.effective_on,
                              reason=change.get_reason_display())
    before, pair.mentor = pair.mentor, new_mentor
    pair.save(update_fields=["mentor"])
    return {"mentor": [before.full_name, new_mentor.full_name]}


@transaction.atomic
def apply_changes(changes, *, actor, order_number: str, order_date: datetime.date) -> list[PairChange]:
    """The order on extension or replacement is registered: every change it names is applied, or none."""
    applied, ids = [], [c.pk for c in changes]
    # The pairs' rows are locked first (as every pair action does), then the changes' rows, so one change
    # is never applied twice by two orders at once and a termination waits for the order, or the order for it.
    # The locking query joins nothing: PostgreSQL rechecks a join on the row a concurrent action has just changed
    # (its mentor, its change) and would leave that row out. Once locked, the rows are read again with what they show.
    pair_ids = set(PairChange.objects.filter(pk__in=ids).values_list("pair_id", flat=True))
    list(Pair.objects.select_for_update().filter(pk__in=pair_ids).order_by("pk").values_list("pk"))
    pairs = Pair.objects.filter(pk__in=pair_ids).select_related("organization", "form", "mentor").in_bulk()
    for change in PairChange.objects.select_for_update(of=("self",)).filter(pk__in=ids).select_related(
            "new_mentor").order_by("pk"):
        if change.status != PairChange.Status.PENDING:
            raise ValidationError(f"«{change}» пары № {change.pair_id} уже «{change.get_status_display()}».")
        pair = change.pair = pairs[change.pair_id]
        if pair.status not in CHANGEABLE:
            raise ValidationError(f"Пара № {pair.pk} в состоянии «{pair.get_status_display()}»: изменить её нельзя.")
        done = _extend(pair, change) if change.kind == PairChange.Kind.EXTENSION else _replace(pair, change)
        change.status, change.order_number, change.order_date = PairChange.Status.APPLIED, order_number, order_date
        change.save(update_fields=["status", "order_number", "order_date"])
        log.record(actor=actor, action=AuditEntry.Action.UPDATE, obj=pair, organization=pair.organization,
                   changes={**done, "change": [None, str(change)],
                            "order": [None, f"№ {order_number} от {order_date:%d.%m.%Y}"]})
        applied.append(change)
    return applied


# The individual plan: the mentor (or the pair's managers) drafts it, the mentee acknowledges it, the head or the
# curator approves it.
def may_edit_plan(user, pair: Pair) -> bool:
    """The pair's managers and the pair's mentor (by their mentor role) write the plan."""
    return may(user, "manage_pairs", pair.organization) or user.is_authenticated and user.roles.filter(
        role=Role.MENTOR, participant=pair.mentor_id).exists()


def _require_editor(user, pair: Pair) -> None:
    if not may_edit_plan(user, pair):
        raise PermissionDenied


def _log_plan(actor, obj, plan: IndividualPlan, action: str, changes: dict) -> None:
    log.record(actor=actor, action=action, obj=obj, organization=plan.pair.organization,
               changes={"pair": [None, plan.pair_id], **changes})


@transaction.atomic
def create_plan(pair: Pair, *, actor) -> IndividualPlan:
    """The plan with the items of the form's template, deadlines spread over the pair's term."""
    _require_editor(actor, pair)
    if pair.status not in LIVE_STATUSES:
        raise ValidationError(f"Пара в состоянии «{pair.get_status_display()}»: план не составляется.")
    if IndividualPlan.objects.filter(pair=pair).exists():
        raise ValidationError("У пары уже есть индивидуальный план.")
    problem = plan_templates.term_problem(pair.form.code, pair.start_date, pair.planned_end_date)
    if problem:
        raise ValidationError(problem)
    plan = IndividualPlan.objects.create(pair=pair)
    items = plan_templates.items_for(pair.form.code, pair.start_date, pair.planned_end_date)
    PlanItem.objects.bulk_create([PlanItem(plan=plan, **item) for item in items])
    _log_plan(actor, plan, plan, AuditEntry.Action.CREATE, {"items": [None, len(items)]})
    return plan


@transaction.atomic
def add_item(plan: IndividualPlan, *, actor, section: str, title: str, deadline: datetime.date,
             responsible: str) -> PlanItem:
    _require_editor(actor, plan.pair)
    if plan.status != IndividualPlan.Status.DRAFT:
        raise ValidationError(f"План уже «{plan.get_status_display()}»: пункты добавляются только в черновик.")
    if not title.strip():
        raise ValidationError({"title": "Укажите мероприятие."})
    item = PlanItem.objects.create(plan=plan, section=section.strip(), title=title.strip(), deadline=deadline,
                                   responsible=responsible.strip())
    _log_plan(actor, item, plan, AuditEntry.Action.CREATE,
              {"title": [None, item.title], "deadline": [None, deadline.isoformat()]})
    return item


@transaction.atomic
def mark_item_done(item: PlanItem, *, actor, on: datetime.date, result: str = "") -> PlanItem:
    _require_editor(actor, item.plan.pair)
    if item.done:
        raise ValidationError(f"Пункт «{item.title}» уже отмечен выполненным {item.done_on:%d.%m.%Y}.")
    item.done, item.done_on, item.result = True, on, result.strip()
    item.save()
    _log_plan(actor, item, item.plan, AuditEntry.Action.UPDATE,
              {"done_on": [None, on.isoformat()], "result": [None, item.result]})
    return item


def _plan_transition(plan: IndividualPlan, *, actor, to: str, allowed_from: str, on: datetime.date) -> IndividualPlan:
    if plan.status != allowed_from:
        raise ValidationError(f"План в состоянии «{plan.get_status_display()}»: действие недоступно.")
    before, plan.status = plan.status, to
    plan.save()
    _log_plan(actor, plan, plan, AuditEntry.Action.TRANSITION, {"status": [before, to], "on": [None, on.isoformat()]})
    return plan


@transaction.atomic
def acknowledge_plan(plan: IndividualPlan, *, actor, on: datetime.date) -> IndividualPlan:
    """The mentee (a user with the mentee role for one of the pair's mentees) has read the plan."""
    mentees = plan.pair.mentees.filter(left_on__isnull=True).values("mentee")
    if not actor.is_authenticated or not actor.roles.filter(role=Role.MENTEE, participant__in=mentees).exists():
        raise PermissionDenied
    plan.acknowledged_by, plan.acknowledged_on = actor, on
    return _plan_transition(plan, actor=actor, to=IndividualPlan.Status.ACKNOWLEDGED,
                            allowed_from=IndividualPlan.Status.DRAFT, on=on)


@transaction.atomic
def approve_plan(plan: IndividualPlan, *, actor, on: datetime.date) -> IndividualPlan:
    """The head or the curator approves the plan the mentee has acknowledged."""
    if not may(actor, "approve_plans", plan.pair.organization):
        raise PermissionDenied
    plan.approved_by, plan.approved_on = actor, on
    return _plan_transition(plan, actor=actor, to=IndividualPlan.Status.APPROVED,
                            allowed_from=IndividualPlan.Status.ACKNOWLEDGED, on=on)
