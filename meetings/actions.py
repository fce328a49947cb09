"""Every change of meetings, feedback, pauses, reports and calendar addresses: one transaction each, the audit row
in it. Who may do what is checked here (PermissionDenied → 403), the rules of the documents too (ValidationError
with the field in Russian). Adding a meeting to a pair locks the pair's row first, so that two meetings planned at
once never break the order of the first three."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Role
from accounts.scoping import may
from audit import log
from audit.models import AuditEntry
from meetings import deadlines, questions
from meetings.models import CalendarToken, Feedback, Holiday, Meeting, MeetingPair, Pause, Report, Schedule, Side
from pairs.models import MentorTerm, Pair, PairMentee, PairStatus, PlanItem
from roadmaps import actions as roadmap_actions

# Meetings are planned for pairs approved by the order (the introduction may come before the start) or working.
MEETING_STATUSES = (PairStatus.APPROVED, PairStatus.ACTIVE)


def may_plan(user, pair: Pair) -> bool:
    """The pair's managers and its mentor plan and record its meetings."""
    return may(user, "manage_pairs", pair.organization) or user.is_authenticated and user.roles.filter(
        role=Role.MENTOR, participant=pair.mentor_id).exists()


def sides_of(user, pair: Pair) -> list[tuple[int, str]]:
    """(participant id, side) the user speaks for in the pair: as its mentor, a mentee or a mentee's parent."""
    if not user.is_authenticated:
        return []
    mentees = set(PairMentee.objects.filter(pair=pair, left_on__isnull=True).values_list("mentee", flat=True))
    sides = []
    for role, participant in user.roles.filter(participant__isnull=False).values_list("role", "participant"):
        if role == Role.MENTOR and participant == pair.mentor_id:
            sides.append((participant, Side.MENTOR))
        elif role in (Role.MENTEE, Role.REPRESENTATIVE) and participant in mentees:
            sides.append((participant, Side.MENTEE))
    return sorted(set(sides))


def _audit(actor, obj, organization, action: str, changes: dict) -> None:
    log.record(actor=actor, action=action, obj=obj, organization=organization, changes=changes)


def _check_meeting(pairs: list[Pair], kind: str, starts_at: datetime.datetime, format: str, link: str) -> None:
    if not pairs:
        raise ValidationError({"pairs": "Выберите пару или группу."})
    group = kind in (Meeting.Kind.GROUP, Meeting.Kind.GROUP_REFLECTION)
    if not group and len(pairs) > 1:
        raise ValidationError({"pairs": "Встреча этого вида — одной пары; для нескольких пар — групповая встреча."})
    if len({pair.organization_id for pair in pairs}) > 1:
        raise ValidationError({"pairs": "Пары встречи — из одной организации."})
    for pair in pairs:
        # A finished pair's meetings may still be logged afterwards, up to its last day.
        logged_late = pair.ended_on is not None and starts_at.date() <= pair.ended_on
        if pair.status not in MEETING_STATUSES and not logged_late:
            raise ValidationError({"pairs": f"Пара в состоянии «{pair.get_status_display()}»: встречи не планируются."})
        if starts_at.date() < pair.start_date and kind not in (Meeting.Kind.INTRODUCTION, Meeting.Kind.GROUP):
            raise ValidationError({"starts_at": f"Пара начинает работу {pair.start_date:%d.%m.%Y}."})
        earlier = list(MeetingPair.objects.filter(pair=pair, meeting__starts_at__lt=starts_at)
                       .values_list("meeting__kind", flat=True))
        problem = deadlines.sequence_problem(kind, earlier)
        if problem:
            raise ValidationError({"kind": problem})
    if format == Meeting.Format.REMOTE and not link:
        raise ValidationError({"link": "Для дистанционной встречи укажите ссылку."})


@transaction.atomic
def plan_meeting(*, actor, pairs, kind: str, starts_at: datetime.datetime, topic: str, format: str = "in_person",
                 duration_minutes: int = 45, place: str = "", link: str = "", summary: str = "",
                 attendees=(), plan_items=()) -> Meeting:
    """A meeting of one pair, or of several for the group kinds, planned (or logged afterwards) by a mentor of
    every pair or the pairs' manager."""
    pairs = list(Pair.objects.select_for_update().filter(pk__in=[p.pk for p in pairs]).select_related("organization")
                 .order_by("pk"))
    if not pairs or not all(may_plan(actor, pair) for pair in pairs):
        raise PermissionDenied
    if not topic.strip():
        raise ValidationError({"topic": "Укажите тему встречи."})
    _check_meeting(pairs, kind, starts_at, format, link)
    meeting = Meeting.objects.create(organization=pairs[0].organization, kind=kind, starts_at=starts_at,
                                     duration_minutes=duration_minutes, format=format, place=place.strip(),
                                     link=link, topic=topic.strip(), summary=summary.strip(), planned_by=actor)
    MeetingPair.objects.bulk_create([MeetingPair(meeting=meeting, pair=pair) for pair in pairs])
    _set_record(meeting, pairs, attendees, plan_items)
    _audit(actor, meeting, meeting.organization, AuditEntry.Action.CREATE,
           {"kind": [None, kind], "starts_at": [None, starts_at.isoformat()], "pairs": [None, [p.pk for p in pairs]]})
    return meeting


def _set_record(meeting: Meeting, pairs: list[Pair], attendees, plan_items) -> None:
    """Who attended and the plan items served: only people and items of the meeting's pairs."""
    members = set(PairMentee.objects.filter(pair__in=pairs).values_list("mentee", flat=True)) | set(
        MentorTerm.objects.filter(pair__in=pairs).values_list("mentor", flat=True)) | {pair.mentor_id for pair in pairs}
    strangers = [str(p) for p in attendees if p.pk not in members]
    if strangers:
        raise ValidationError({"attendees": f"Не участники пар встречи: {', '.join(strangers)}."})
    foreign = [item.title for item in plan_items if not PlanItem.objects.filter(pk=item.pk, plan__pair__in=pairs).exists()]
    if foreign:
        raise ValidationError({"plan_items": f"Пункты не из планов пар встречи: {', '.join(foreign)}."})
    meeting.attendees.set(attendees)
    meeting.plan_items.set(plan_items)


@transaction.atomic
def record_meeting(meeting: Meeting, *, actor, summary: str, attendees=(), plan_items=()) -> Meeting:
    """What was done at the meeting and who came, written after it: the meeting is held, and completes the
    roadmap items of its organization waiting for such a meeting."""
    pairs = list(meeting.pairs.select_related("organization"))
    if not all(may_plan(actor, pair) for pair in pairs):
        raise PermissionDenied
    if meeting.starts_at > timezone.now():
        raise ValidationError({"summary": f"Встреча ещё не прошла: она {timezone.localtime(meeting.starts_at):%d.%m.%Y %H:%M}."})
    if not summary.strip():
        raise ValidationError({"summary": "Опишите, что сделано на встрече."})
    before = meeting.summary
    meeting.summary = summary.strip()
    meeting.save(update_fields=["summary"])
    _set_record(meeting, pairs, attendees, plan_items)
    _audit(actor, meeting, meeting.organization, AuditEntry.Action.UPDATE, {"summary": [before, meeting.summary]})
    roadmap_actions.complete_by(meeting, actor=actor)
    return meeting


def _paper_side(actor, meeting: Meeting, author) -> tuple[Pair, int, str]:
    """A paper form typed in by the pair's manager: the author's pair and side in the meeting."""
    for pair in meeting.pairs.all():
        mentees = set(pair.mentees.values_list("mentee", flat=True))
        mentors = {pair.mentor_id, *pair.mentor_terms.values_list("mentor", flat=True)}
        if author.pk in mentors | mentees:
            if not may(actor, "manage_pairs", pair.organization):
                raise PermissionDenied
            return pair, author.pk, Side.MENTEE if author.pk in mentees else Side.MENTOR
    raise ValidationError({"author": f"{author} — не участник пар встречи."})


@transaction.atomic
def give_feedback(meeting: Meeting, *, actor, usefulness: int, comfort: int, progress: int, went_well: str = "",
                  to_change: str = "", next_step: str = "", author=None) -> Feedback:
    """Обратная связь of one side after the meeting: the user's first side that has not given it yet, or — a paper
    form typed in by the pair's manager — that of `author`."""
    if meeting.starts_at > timezone.now():
        raise ValidationError("Обратная связь — после встречи.")
    if author is not None:
        pair, participant, side = _paper_side(actor, meeting, author)
    else:
        given = set(Feedback.objects.filter(meeting=meeting).values_list("author", flat=True))
        open_sides = [(pair, participant, side) for pair in meeting.pairs.all()
                      for participant, side in sides_of(actor, pair) if participant not in given]
        if not open_sides:
            if any(sides_of(actor, pair) for pair in meeting.pairs.all()):
                raise ValidationError("Вы уже оставили обратную связь об этой встрече.")
            raise PermissionDenied
        pair, participant, side = open_sides[0]
    for name, value in (("usefulness", usefulness), ("comfort", comfort), ("progress", progress)):
        if not 1 <= value <= 5:
            raise ValidationError({name: "Оценка — от 1 до 5."})
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                meeting=meeting, pair=pair, author_id=participant, side=side, usefulness=usefulness, comfort=comfort,
                progress=progress, went_well=went_well.strip(), to_change=to_change.strip(),
                next_step=next_step.strip(), written_by=actor)
    except IntegrityError:
        raise ValidationError("Вы уже оставили обратную связь об этой встрече.") from None
    _audit(actor, feedback, pair.organization, AuditEntry.Action.CREATE,
           {"meeting": [None, meeting.pk], "side": [None, side]})
    return feedback


def _require_manager(actor, pair: Pair) -> None:
    if not may(actor, "manage_pairs", pair.organization):
        raise PermissionDenied


@transaction.atomic
def pause_pair(pair: Pair, *, actor, start: datetime.date, reason: str) -> Pause:
    """Приостановка: the meeting clock stops from `start` until the pair resumes."""
    _require_manager(actor, pair)
    pair = Pair.objects.select_for_update().get(pk=pair.pk)
    if pair.status not in MEETING_STATUSES:
        raise ValidationError(f"Пара в состоянии «{pair.get_status_display()}»: приостановить нельзя.")
    if not reason.strip():
        raise ValidationError({"reason": "Укажите причину приостановки."})
    if pair.pauses.filter(end__isnull=True).exists():
        raise ValidationError("Пара уже приостановлена.")
    if pair.pauses.filter(end__gte=start).exists():
        raise ValidationError({"start": "Приостановка не может начаться раньше конца прошлой."})
    pause = Pause.objects.create(pair=pair, start=start, reason=reason.strip(), created_by=actor)
    _audit(actor, pause, pair.organization, AuditEntry.Action.CREATE, {"start": [None, start.isoformat()]})
    return pause


@transaction.atomic
def resume_pair(pair: Pair, *, actor, on: datetime.date) -> Pause:
    """The pair works again from the day after `on` (the last day of the pause)."""
    _require_manager(actor, pair)
    pause = Pause.objects.select_for_update().filter(pair=pair, end__isnull=True).first()
    if pause is None:
        raise ValidationError("Пара не приостановлена.")
    if on < pause.start:
        raise ValidationError({"on": f"Приостановка началась {pause.start:%d.%m.%Y}."})
    pause.end = on
    pause.save(update_fields=["end"])
    _audit(actor, pause, pair.organization, AuditEntry.Action.UPDATE, {"end": [None, on.isoformat()]})
    return pause


@transaction.atomic
def set_schedule(organization, *, actor, period_days: int) -> Schedule:
    """The organization's own period of regular meetings."""
    if not may(actor, "manage_programme", organization):
        raise PermissionDenied
    if not 1 <= period_days <= 60:
        raise ValidationError({"period_days": "Период — от 1 до 60 дней."})
    schedule, _ = Schedule.objects.get_or_create(organization=organization)
    before, schedule.period_days = schedule.period_days, period_days
    schedule.save()
    _audit(actor, schedule, organization, AuditEntry.Action.UPDATE, {"period_days": [before, period_days]})
    return schedule


@transaction.atomic
def add_holiday(organization, *, actor, title: str, start: datetime.date, end: datetime.date) -> Holiday:
    if not may(actor, "manage_programme", organization):
        raise PermissionDenied
    if end < start:
        raise ValidationError({"end": "Конец каникул раньше начала."})
    holiday = Holiday.objects.create(organization=organization, title=title.strip() or "Каникулы", start=start, end=end)
    _audit(actor, holiday, organization, AuditEntry.Action.CREATE,
           {"start": [None, start.isoformat()], "end": [None, end.isoformat()]})
    return holiday


# Reports. Who writes which: the mentor the monthly and the final report, a mentee (or the parent) the mentee's
# report, the curator (a manager of the pair) the final interview; the head approves (seed 000 §3.1).
def report_author(actor, pair: Pair, kind: str, about: int | None, on_paper: bool = False) -> int | None:
    """The participant the actor writes the report as (None for the curator); PermissionDenied when they may not.
    `on_paper`: the pair's manager types in a report its author wrote on paper."""
    if on_paper and kind != Report.Kind.FINAL_INTERVIEW:
        if not may(actor, "manage_pairs", pair.organization):
            raise PermissionDenied
        return about if kind == Report.Kind.MENTEE_FINAL else pair.mentor_id
    sides = dict(((side, participant) for participant, side in sides_of(actor, pair)))
    if kind in (Report.Kind.MONTHLY, Report.Kind.MENTOR_FINAL) and Side.MENTOR in sides:
        return sides[Side.MENTOR]
    if kind == Report.Kind.MENTEE_FINAL and any(p == about and s == Side.MENTEE for p, s in sides_of(actor, pair)):
        return about
    if kind == Report.Kind.FINAL_INTERVIEW and may(actor, "manage_pairs", pair.organization):
        return None
    raise PermissionDenied


def report_key(kind: str, pair: Pair, *, month: datetime.date | None = None, about: int | None = None) -> str:
    """The deadline a report meets (deadlines.py keys)."""
    if kind == Report.Kind.MONTHLY:
        if month is None:
            raise ValidationError({"month": "Укажите месяц отчёта."})
        return f"{kind}:{month:%Y-%m}"
    if kind == Report.Kind.MENTOR_FINAL:
        return kind
    if about is None or not pair.mentees.filter(mentee=about).exists():
        raise ValidationError({"about": "Выберите наставляемого пары."})
    return f"{kind}:{about}"


@transaction.atomic
def submit_report(pair: Pair, *, actor, kind: str, answers: dict, on: datetime.date,
                  month: datetime.date | None = None, about: int | None = None, on_paper: bool = False) -> Report:
    author = report_author(actor, pair, kind, about, on_paper)
    if kind != Report.Kind.MONTHLY and pair.status not in (PairStatus.COMPLETED, PairStatus.TERMINATED):
        raise ValidationError("Итоговые отчёты — после завершения наставничества.")
    if kind == Report.Kind.MONTHLY and pair.status not in (PairStatus.ACTIVE, PairStatus.COMPLETED,
                                                          PairStatus.TERMINATED):
        raise ValidationError("Ежемесячный отчёт — о работе пары, которая уже началась.")
    texts = {q.code: str(answers.get(q.code, "")).strip()[:5000] for q in questions.QUESTIONS[kind]}
    missing = questions.missing(kind, texts)
    if missing:
        raise ValidationError(f"Заполните: {'; '.join(f'«{label}»' for label in missing)}.")
    for q in questions.QUESTIONS[kind]:
        if q.scale and texts[q.code] not in {"1", "2", "3", "4", "5"}:
            raise ValidationError(f"«{q.label}»: оценка от 1 до 5.")
    key = report_key(kind, pair, month=month, about=about)
    if Report.objects.filter(pair=pair, key=key).exists():
        raise ValidationError("Этот отчёт уже сдан.")
    report = Report.objects.create(pair=pair, kind=kind, key=key, author_id=author, about_id=about, answers=texts,
                                   submitted_by=actor, submitted_on=on)
    _audit(actor, report, pair.organization, AuditEntry.Action.CREATE, {"key": [None, key]})
    return report


@transaction.atomic
def approve_report(report: Report, *, actor, on: datetime.date) -> Report:
    report = Report.objects.select_for_update().select_related("pair__organization").get(pk=report.pk)
    if not may(actor, "approve_reports", report.pair.organization):
        raise PermissionDenied
    if report.status == Report.Status.APPROVED:
        raise ValidationError(f"Отчёт уже утверждён {report.approved_on:%d.%m.%Y}.")
    report.status, report.approved_by, report.approved_on = Report.Status.APPROVED, actor, on
    report.save(update_fields=["status", "approved_by", "approved_on"])
    _audit(actor, report, report.pair.organization, AuditEntry.Action.TRANSITION,
           {"status": [Report.Status.SUBMITTED, Report.Status.APPROVED]})
    return report


def renew_calendar(user) -> str:
    """A new secret address of the user's calendar; the old one stops working. Returns the key, shown once."""
    key = CalendarToken.new_key()
    CalendarToken.objects.update_or_create(user=user, defaults={"key_hash": CalendarToken.hash(key)})
    return key
