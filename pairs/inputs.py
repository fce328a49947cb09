"""What the rules of programmes.eligibility read of a few participants (one pair, a group, the candidates of
the pair form), from the database. Matching reads the same inputs for a whole scope as arrays
(matching.reading); both derive them with the functions of programmes.eligibility."""

import datetime

import numpy as np

from accounts.models import Role, RoleAssignment
from organizations.models import Organization
from pairs.models import Pair, PairMentee
from people.rules import missing_consents
from programmes import eligibility
from programmes.rules import agreement_valid_for


def heads(participants) -> set[tuple[int, int]]:
    """(user id, organization id) of the participants' logins that hold the role «руководитель» there."""
    users = [p.user_id for p in participants if p.user_id]
    return set(RoleAssignment.objects.filter(role=Role.HEAD, user__in=users).values_list("user", "organization"))


def position(organization_kind: str, is_head: bool) -> int:
    """The mentor's position bits (eligibility.POSITION_*): the head of their organization — their login holds
    the role «руководитель» there; a teacher of a college or of a partner (a university)."""
    higher = organization_kind in (Organization.Kind.COLLEGE, Organization.Kind.PARTNER)
    bits = eligibility.POSITION_HIGHER_EDUCATION if higher else 0
    return bits | (eligibility.POSITION_HEAD if is_head else 0)


def _ready(participant, form) -> bool:
    profile = getattr(participant, "mentor_profile", None) if participant.is_mentor else None
    named = [f.pk for f in profile.forms.all()] if profile else []
    return bool(eligibility.ready_for(np.array([bool(named)]), np.array([form.pk in named]))[0])


def busy_mentee_ids(mentees, form, exclude_pair: Pair | None = None) -> set[int]:
    """The mentees already in a live pair of `form`."""
    busy = PairMentee.objects.live().filter(pair__form=form, mentee__in=mentees)
    if exclude_pair is not None:
        busy = busy.exclude(pair=exclude_pair)
    return set(busy.values_list("mentee", flat=True))


def live_pairs(mentees, exclude_pair: Pair | None = None) -> np.ndarray:
    """(mentor id, mentee id) of the mentees' live pairs of any form, as eligibility.check takes them."""
    live = PairMentee.objects.live().filter(mentee__in=mentees)
    if exclude_pair is not None:
        live = live.exclude(pair=exclude_pair)
    return np.array(list(live.values_list("pair__mentor", "mentee")), dtype=np.int64).reshape(-1, 2)


def people(participants, organization, day: datetime.date, form, exclude_pair: Pair | None = None
           ) -> eligibility.People:
    """Eligibility arrays of a few participants on the pair's start date, for pairs of `form`."""
    participants = list(participants)
    busy = busy_mentee_ids([p for p in participants if p.is_mentee], form, exclude_pair)
    head = heads(participants)
    rows = []
    for p in participants:
        profile = getattr(p, "mentee_profile", None) if p.is_mentee else None
        rows.append({
            "id": p.pk, "category": p.category, "grade": p.grade, "age_at_start": p.age_on(day),
            "teaching_years": p.teaching_experience_years, "professional_years": p.professional_experience_years,
            "partner_agreement_valid": agreement_valid_for(p, organization, day),
            "consents_ok": not missing_consents(p, day),
            "flagged": bool(profile and (profile.new_to_organization or profile.support_reason)),
            "position": position(p.organization.kind, (p.user_id, p.organization_id) in head), "ready": _ready(p, form), "busy": p.pk in busy,
        })
    return eligibility.People.build(rows)
