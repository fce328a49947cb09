"""Every change of matching's state: runs (start in the background, pin or forbid a pair, run
again, accept into proposed pairs), an organization's weights, the preferences stated after the group
meeting. Each runs in one transaction and writes its audit row there."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from audit import log
from audit.models import AuditEntry
from matching.engine import suggestions
from matching.models import MatchingRun, MatchingWeights, MatchPreference
from matching.scoring import DEFAULT_WEIGHTS
from matching.tasks import run_matching
from organizations.models import Organization
from pairs.actions import propose_pair
from people.models import Participant
from programmes.models import MentoringKind, MentorshipForm, RoleModelVariant

LOOKUP_CHUNK = 5_000  # ids per query when many suggestions are accepted (SQLite's limit on parameters)


@transaction.atomic
def start_run(*, scope: Organization, form: MentorshipForm | None, start_date: datetime.date, actor,
              pinned=(), forbidden=()) -> MatchingRun:
    """A run waits in the task queue; `tasks.compute` does the work."""
    run = MatchingRun.objects.create(scope=scope, form=form, start_date=start_date, created_by=actor,
                                     pinned=[list(p) for p in pinned], forbidden=[list(p) for p in forbidden])
    transaction.on_commit(lambda: run_matching.enqueue(run.pk))
    return run


def _suggested(run: MatchingRun, mentee_id: int, mentor_id: int) -> None:
    if run.status != MatchingRun.Status.DONE:
        raise ValidationError("Отмечать пары можно только в готовом и ещё не принятом подборе.")
    if not any(m["id"] == mentee_id for p in suggestions(run.result, [mentor_id]) for m in p["mentees"]):
        raise ValidationError("Такой пары нет среди предложений этого подбора.")


def _mark(run: MatchingRun, field: str, other: str, mentee_id: int, mentor_id: int, actor) -> bool:
    """Toggle the pair in `field` (and take it out of `other`); True when it is now marked."""
    _suggested(run, mentee_id, mentor_id)
    pair = [mentee_id, mentor_id]
    marked = pair not in getattr(run, field)
    setattr(run, field, [p for p in getattr(run, field) if p != pair] + ([pair] if marked else []))
    setattr(run, other, [p for p in getattr(run, other) if p != pair])
    run.save(update_fields=[field, other])
    log.record(actor=actor, action=AuditEntry.Action.UPDATE, obj=run, organization=run.scope,
               changes={field: [None if marked else pair, pair if marked else None]})
    return marked


@transaction.atomic
def pin(run: MatchingRun, *, mentee_id: int, mentor_id: int, actor) -> bool:
    """Закрепить: the next run keeps this pair whatever else changes. Again: unpin."""
    return _mark(run, "pinned", "forbidden", mentee_id, mentor_id, actor)


@transaction.atomic
def forbid(run: MatchingRun, *, mentee_id: int, mentor_id: int, actor) -> bool:
    """Исключить: the next run never suggests this pair, and accepting this run skips it. Again: allow."""
    return _mark(run, "forbidden", "pinned", mentee_id, mentor_id, actor)


def rerun(run: MatchingRun, *, actor) -> MatchingRun:
    return start_run(scope=run.scope, form=run.form, start_date=run.start_date, actor=actor, pinned=run.pinned,
                     forbidden=run.forbidden)


def _participants(ids: list[int]) -> dict[int, Participant]:
    found = {}
    query = Participant.objects.select_related("organization", "mentor_profile", "mentee_profile__desired_variant")
    for start in range(0, len(ids), LOOKUP_CHUNK):
        found.update(query.in_bulk(ids[start:start + LOOKUP_CHUNK]))
    return found


@transaction.atomic
def propose_suggestions(pairs: list[dict], *, start_date: datetime.date, actor, skip=()) -> list:
    """Each suggested (mentor, mentee) becomes a proposed one-to-one pair through pairs.actions.propose_pair,
    which rechecks every rule and ends each pair with its school year (or a pupil's leaving, if earlier); one
    refusal undoes them all. Pairs across organizations are virtual."""
    skip = {tuple(p) for p in skip}
    wanted = [(p["mentor"]["id"], m["id"], m["form"]["id"]) for p in pairs for m in p["mentees"]
              if (m["id"], p["mentor"]["id"]) not in skip]
    people = _participants(sorted({i for mentor, mentee, _ in wanted for i in (mentor, mentee)}))
    forms = MentorshipForm.objects.in_bulk({f for _, _, f in wanted})
    variants = {(v.form_id, v.name): v for v in RoleModelVariant.objects.filter(form__in=forms)}
    proposed = []
    for mentor_id, mentee_id, form_id in wanted:
        mentor, mentee = people[mentor_id], people[mentee_id]
        desired = getattr(getattr(mentee, "mentee_profile", None), "desired_variant", None)
        across = mentor.organization_id != mentee.organization_id and not mentor.organization.is_partner
        proposed.append(propose_pair(
            organization=mentee.organization, form=forms[form_id], mentor=mentor, mentees=[mentee],
            start_date=start_date, actor=actor,
            variant=variants.get((form_id, desired.name)) if desired else None,
            kind=MentoringKind.VIRTUAL if across else MentoringKind.TRADITIONAL))
    return proposed


@transaction.atomic
def accept(run: MatchingRun, *, actor) -> int:
    """The run's suggestions, but the pairs the curator forbade, become proposed pairs, ready for the order."""
    run = MatchingRun.objects.select_for_update().get(pk=run.pk)
    if run.status != MatchingRun.Status.DONE:
        raise ValidationError("Принять можно только готовый и ещё не принятый подбор.")
    proposed = propose_suggestions(suggestions(run.result), start_date=run.start_date, actor=actor, skip=run.forbidden)
    run.status = MatchingRun.Status.ACCEPTED
    run.save(update_fields=["status"])
    log.record(actor=actor, action=AuditEntry.Action.TRANSITION, obj=run, organization=run.scope,
               changes={"status": [MatchingRun.Status.DONE, MatchingRun.Status.ACCEPTED], "pairs": [None, len(proposed)]})
    return len(proposed)


@transaction.atomic
def save_weights(organization: Organization, *, actor, **values: int) -> MatchingWeights:
    """The organization's points per criterion; missing ones keep their value (or the default)."""
    unknown = set(values) - set(DEFAULT_WEIGHTS)
    if unknown:
        raise ValidationError(f"Нет таких критериев: {', '.join(sorted(unknown))}.")
    weights, created = MatchingWeights.objects.get_or_create(organization=organization)
    before = {} if created else weights.as_dict()
    for name, value in values.items():
        setattr(weights, name, value)
    weights.updated_by = actor if actor is not None and actor.is_authenticated else None
    weights.full_clean(exclude=["organization", "updated_by"])
    weights.save()
    changes = log.diff(before, weights.as_dict())
    if changes:
        log.record(actor=actor, action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
                   obj=weights, organization=organization, changes=changes)
    return weights


@transaction.atomic
def reset_weights(organization: Organization, *, actor) -> None:
    """Back to the defaults (or to the weights of the territory above)."""
    weights = MatchingWeights.objects.filter(organization=organization).first()
    if weights:
        log.record(actor=actor, action=AuditEntry.Action.DELETE, obj=weights, organization=organization,
                   changes={k: [v, None] for k, v in weights.as_dict().items()})
        weights.delete()


def _check_preference(organization: Organization, who: Participant, whom: Participant) -> None:
    if who.pk == whom.pk:
        raise ValidationError("Предпочтение указывается о другом участнике.")
    if not ((who.is_mentee and whom.is_mentor) or (who.is_mentor and whom.is_mentee)):
        raise ValidationError({"to_participant": "Предпочтение указывается между наставником и наставляемым."})
    if organization.pk not in (who.organization_id, whom.organization_id):
        raise ValidationError({"from_participant": f"Хотя бы один из участников должен быть из «{organization}»."})


@transaction.atomic
def state_preference(*, organization: Organization, from_participant: Participant, to_participant: Participant,
                     kind: str, actor) -> MatchPreference:
    """Whom `from_participant` would like (kind «like») or not like («dislike») to work with; a new answer
    about the same person replaces the old one."""
    _check_preference(organization, from_participant, to_participant)
    if kind not in MatchPreference.Kind.values:
        raise ValidationError({"kind": "Укажите, хотел бы участник работать или нет."})
    preference = MatchPreference.objects.filter(from_participant=from_participant, to_participant=to_participant).first()
    before = preference.kind if preference else None
    preference = preference or MatchPreference(from_participant=from_participant, to_participant=to_participant)
    preference.organization, preference.kind = organization, kind
    preference.recorded_by = actor if actor is not None and actor.is_authenticated else None
    preference.save()
    log.record(actor=actor, action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
               obj=preference, organization=organization, participant=from_participant,
               changes={"kind": [before, kind]})
    return preference


@transaction.atomic
def remove_preference(preference: MatchPreference, *, actor) -> None:
    log.record(actor=actor, action=AuditEntry.Action.DELETE, obj=preference, organization=preference.organization,
               participant=preference.from_participant, changes={"kind": [preference.kind, None]})
    preference.delete()
