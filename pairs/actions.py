"""Every change of pairs and groups. Each action runs in one transaction, rechecks the rules of the
form (programmes.eligibility), the consents and the mentor's capacity, and writes its audit row.

Capacity holds under concurrency because every action that adds mentees to a mentor first locks
the mentor's row (SELECT … FOR UPDATE on PostgreSQL; SQLite runs one writer at a time), so two
approvals can never both see a free place that only one of them may take."""

import datetime

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction

from audit import log
from audit.models import AuditEntry
from pairs.models import LIVE_STATUSES, Pair, PairMentee, PairStatus
from people.models import Participant
from programmes import eligibility
from programmes.models import MentoringKind
from programmes.rules import form_rules, people


def mentor_limit(mentor: Participant) -> int:
    profile = getattr(mentor, "mentor_profile", None)
    return eligibility.mentor_limit(mentor.organization.max_mentees_per_mentor, profile and profile.max_mentees)


def live_mentee_count(mentor: Participant, exclude_pair: Pair | None = None) -> int:
    mentees = PairMentee.objects.live().filter(pair__mentor=mentor)
    if exclude_pair is not None:
        mentees = mentees.exclude(pair=exclude_pair)
    return mentees.count()


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
    mentor_rows = people([mentor], organization, start_date)
    mentee_rows = people(mentees, organization, start_date)
    parents = np.array([(parent.pk, mentee.pk) for mentee in mentees for parent in mentee.parents.all()],
                       dtype=np.int64).reshape(-1, 2)
    reasons = eligibility.check(form_rules(form, organization), mentor_rows, mentee_rows,
                                np.zeros(len(mentees), dtype=np.int64), np.arange(len(mentees)), parents)
    errors += [f"«{mentor.full_name}» → «{mentee.full_name}»: {eligibility.REASONS[code]}."
               for mentee, code in zip(mentees, reasons.tolist(), strict=True) if code]
    busy = PairMentee.objects.live().filter(mentee__in=mentees, pair__form=form)
    if exclude_pair is not None:
        busy = busy.exclude(pair=exclude_pair)
    errors += [f"«{m.mentee.full_name}» уже в паре этой формы." for m in busy.select_related("mentee")]
    limit, taken = mentor_limit(mentor), live_mentee_count(mentor, exclude_pair)
    if taken + len(mentees) > limit:
        errors.append(f"У наставника «{mentor.full_name}» уже {taken} наставляемых из {limit} возможных.")
    if errors:
        raise ValidationError(errors)


def _locked(mentor: Participant) -> Participant:
    return Participant.objects.select_for_update(of=("self",)).select_related("organization", "mentor_profile").get(
        pk=mentor.pk
    )


@transaction.atomic
def propose_pair(*, organization, form, mentor: Participant, mentees: list[Participant], start_date: datetime.date,
                 planned_end_date: datetime.date, actor, variant=None, kind: str = MentoringKind.TRADITIONAL) -> Pair:
    if not mentees:
        raise ValidationError("Выберите хотя бы одного наставляемого.")
    if len({m.pk for m in mentees}) != len(mentees):
        raise ValidationError("Наставляемый указан дважды.")
    if planned_end_date <= start_date:
        raise ValidationError({"planned_end_date": "Окончание должно быть позже начала."})
    if variant is not None and variant.form_id != form.pk:
        raise ValidationError({"variant": "Вариация не относится к выбранной форме."})
    mentor = _locked(mentor)
    check_pair(organization=organization, form=form, mentor=mentor, mentees=mentees, start_date=start_date)
    pair = Pair.objects.create(organization=organization, form=form, variant=variant, kind=kind, mentor=mentor,
                               start_date=start_date, planned_end_date=planned_end_date, created_by=actor)
    PairMentee.objects.bulk_create([PairMentee(pair=pair, mentee=m) for m in mentees])
    log.record(actor=actor, action=AuditEntry.Action.CREATE, obj=pair, organization=organization,
               changes={"mentor": [None, mentor.full_name], "mentees": [None, [m.full_name for m in mentees]],
                        "form": [None, form.name], "start_date": [None, start_date.isoformat()],
                        "planned_end_date": [None, planned_end_date.isoformat()]})
    return pair


def _transition(pair: Pair, *, actor, to: str, allowed_from: tuple[str, ...], changes=None) -> Pair:
    if pair.status not in allowed_from:
        raise ValidationError(f"Пара в состоянии «{pair.get_status_display()}»: действие недоступно.")
    before = pair.status
    pair.status = to
    pair.save()
    log.record(actor=actor, action=AuditEntry.Action.TRANSITION, obj=pair, organization=pair.organization,
               changes={"status": [before, to], **(changes or {})})
    return pair


@transaction.atomic
def approve_pairs(pairs, *, actor, order_number: str, order_date: datetime.date) -> list[Pair]:
    """The order fixing the pairs is registered: each proposed pair is rechecked and approved."""
    approved = []
    for pair in Pair.objects.filter(pk__in=[p.pk for p in pairs]).select_related("organization", "form"):
        mentor = _locked(pair.mentor)
        mentees = [m.mentee for m in pair.mentees.select_related("mentee__organization", "mentee__mentee_profile")]
        check_pair(organization=pair.organization, form=pair.form, mentor=mentor, mentees=mentees,
                   start_date=pair.start_date, exclude_pair=pair)
        approved.append(_transition(pair, actor=actor, to=PairStatus.APPROVED, allowed_from=(PairStatus.PROPOSED,),
                                    changes={"order": [None, f"№ {order_number} от {order_date:%d.%m.%Y}"]}))
    return approved


@transaction.atomic
def start_pair(pair: Pair, *, actor) -> Pair:
    return _transition(pair, actor=actor, to=PairStatus.ACTIVE, allowed_from=(PairStatus.APPROVED,))


@transaction.atomic
def complete_pair(pair: Pair, *, actor, on: datetime.date) -> Pair:
    pair.ended_on = on
    return _transition(pair, actor=actor, to=PairStatus.COMPLETED, allowed_from=(PairStatus.ACTIVE,),
                       changes={"ended_on": [None, on.isoformat()]})


@transaction.atomic
def terminate_pair(pair: Pair, *, actor, on: datetime.date, reason: str) -> Pair:
    """Досрочное прекращение: the mentee did not fulfil the duties."""
    if not reason.strip():
        raise ValidationError({"reason": "Укажите основание досрочного прекращения."})
    pair.ended_on = on
    return _transition(pair, actor=actor, to=PairStatus.TERMINATED, allowed_from=LIVE_STATUSES,
                       changes={"ended_on": [None, on.isoformat()], "reason": [None, reason.strip()]})
