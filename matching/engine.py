"""Matching for an organization, a municipality or a region: read the scope from the database into
arrays, keep the pairs the form's rules allow, score them, solve, and explain the result."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from django.db import transaction
from django.db.models import Q

from matching import scoring
from matching.solver import solve
from organizations.models import Agreement, Organization
from pairs.actions import propose_pair
from pairs.models import PairMentee
from people.models import ADULT_AGE, Consent, MenteeRequest, Participant
from programmes import eligibility
from programmes.models import MentorshipForm
from programmes.rules import form_rules

FIELDS = ["id", "organization_id", "last_name", "first_name", "middle_name", "birth_date", "category", "grade",
          "teaching_experience_years", "professional_experience_years", "interests"]


@dataclass
class Result:
    form: MentorshipForm
    pairs: list[dict] = field(default_factory=list)          # {"mentor": {...}, "mentees": [{..., "score", "reasons"}]}
    unmatched_mentees: list[dict] = field(default_factory=list)

    @property
    def matched(self) -> int:
        return sum(len(p["mentees"]) for p in self.pairs)

    @property
    def total_score(self) -> int:
        return sum(m["score"] for p in self.pairs for m in p["mentees"])


def organizations_below(scope: Organization):
    return Organization.objects.filter(Q(pk=scope.pk) | Q(parent=scope) | Q(parent__parent=scope))


def _name(row: dict) -> str:
    return " ".join(p for p in (row["last_name"], row["first_name"], row["middle_name"]) if p)


def _age(birth_date, day: datetime.date) -> int:
    if birth_date is None:
        return -1
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def _consents_ok(rows: list[dict], day: datetime.date) -> np.ndarray:
    in_force: dict[int, set[str]] = {}
    for pid, kind in (Consent.objects.filter(participant__in=[r["id"] for r in rows], given_on__lte=day)
                      .exclude(withdrawn_on__lte=day).values_list("participant_id", "kind")):
        in_force.setdefault(pid, set()).add(kind)
    return np.array([Consent.Kind.PERSONAL_DATA in in_force.get(r["id"], ())
                     and (0 <= _age(r["birth_date"], day) < ADULT_AGE) <= (Consent.Kind.REPRESENTATIVE in in_force.get(r["id"], ()))
                     for r in rows], dtype=bool)


def _people(rows: list[dict], day: datetime.date, partners_ok: set[int], flagged: set[int]) -> eligibility.People:
    def ints(key):
        return np.array([-1 if r[key] is None else r[key] for r in rows], dtype=np.int16)

    return eligibility.People(
        ids=np.array([r["id"] for r in rows], dtype=np.int64),
        category=np.array([eligibility.CATEGORY_CODES[r["category"]] for r in rows], dtype=np.int8),
        grade=ints("grade"), teaching_years=ints("teaching_experience_years"),
        professional_years=ints("professional_experience_years"),
        age_at_start=np.array([_age(r["birth_date"], day) for r in rows], dtype=np.int16),
        partner_agreement_valid=np.array([r["organization_id"] in partners_ok for r in rows], dtype=bool),
        consents_ok=_consents_ok(rows, day),
        flagged=np.array([r["id"] in flagged for r in rows], dtype=bool),
    )


def _keys(mentee_ids: np.ndarray, mentor_ids: np.ndarray) -> np.ndarray:
    """One int64 per (mentee, mentor) pair of ids, for set operations on arrays."""
    return mentee_ids.astype(np.int64) * (1 << 32) + mentor_ids.astype(np.int64)


def _columns(pairs) -> tuple[np.ndarray, np.ndarray]:
    array = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    return array[:, 0], array[:, 1]


def _candidates(mentees: list[dict], mentors: list[dict], partner_ids: set[int]):
    """Blocking: a mentor is a candidate for the mentees of their own organization; a partner's mentor
    for every mentee of the scope."""
    by_org: dict[int, list[int]] = {}
    for i, m in enumerate(mentees):
        by_org.setdefault(m["organization_id"], []).append(i)
    everyone = np.arange(len(mentees))
    mentee_parts, mentor_parts = [], []
    for j, mentor in enumerate(mentors):
        rows = everyone if mentor["organization_id"] in partner_ids else np.array(by_org.get(mentor["organization_id"], []), dtype=np.int64)
        mentee_parts.append(rows)
        mentor_parts.append(np.full(len(rows), j))
    if not mentee_parts:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    return np.concatenate(mentee_parts).astype(np.int64), np.concatenate(mentor_parts).astype(np.int64)


def match(scope: Organization, form: MentorshipForm, *, day: datetime.date, reserved: Counter | None = None,
          pinned: set[tuple[int, int]] = frozenset(), forbidden: set[tuple[int, int]] = frozenset(),
          weights=scoring.DEFAULT_WEIGHTS) -> Result:
    """Suggestions for `form` in `scope`; `reserved` counts places already promised to earlier forms."""
    reserved = reserved if reserved is not None else Counter()
    orgs = organizations_below(scope)
    lineage = [scope.pk] + [o.pk for o in scope.ancestors()]
    valid = Agreement.objects.filter(Q(counterparty__in=orgs) | Q(counterparty__in=lineage), valid_from__lte=day).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day))
    partners_ok = set(valid.values_list("partner_id", flat=True))
    busy = PairMentee.objects.live().filter(pair__form=form).values("mentee")
    mentees = list(Participant.objects.active().filter(organization__in=orgs, is_mentee=True,
                                                       category__in=form.mentee_categories)
                   .exclude(pk__in=busy).values(*FIELDS, "mentee_profile__desired_form_id",
                                                "mentee_profile__new_to_organization",
                                                "mentee_profile__support_reason"))
    mentor_orgs = Q(organization__in=orgs) | Q(organization__in=partners_ok if form.mentor_from_partner else [])
    mentors = list(Participant.objects.active().filter(mentor_orgs, is_mentor=True, category__in=form.mentor_categories)
                   .values(*FIELDS, "organization__max_mentees_per_mentor", "mentor_profile__max_mentees",
                           "mentor_profile__competences", "mentor_profile__useful_for", "mentor_profile__tags",
                           "mentor_profile__preferred_age_min", "mentor_profile__preferred_age_max",
                           "mentor_profile__hours_per_month"))
    result = Result(form)
    if not mentees:
        return result
    flagged = {m["id"] for m in mentees if m["mentee_profile__new_to_organization"] or m["mentee_profile__support_reason"]}
    mentee_people = _people(mentees, day, partners_ok, flagged)
    mentor_people = _people(mentors, day, partners_ok, set())
    cand_mentee, cand_mentor = _candidates(mentees, mentors, partners_ok)

    # The form's rules, as the region and each organization set them.
    reasons = np.zeros(len(cand_mentee), dtype=np.int8)
    parents = np.array(list(Participant.children.through.objects.filter(
        to_participant__in=[m["id"] for m in mentees]).values_list("from_participant_id", "to_participant_id")),
        dtype=np.int64).reshape(-1, 2)
    mentee_org = np.array([m["organization_id"] for m in mentees], dtype=np.int64)
    for org in Organization.objects.filter(pk__in=set(mentee_org.tolist())).select_related("parent__parent"):
        rows = mentee_org[cand_mentee] == org.pk
        reasons[rows] = eligibility.check(form_rules(form, org), mentor_people, mentee_people, cand_mentor[rows],
                                          cand_mentee[rows], parents)
    keys = _keys(mentee_people.ids[cand_mentee], mentor_people.ids[cand_mentor])
    allowed = (reasons == 0) & ~np.isin(keys, _keys(*_columns(forbidden)))

    live = Counter(PairMentee.objects.live().filter(pair__mentor__in=[m["id"] for m in mentors])
                   .values_list("pair__mentor_id", flat=True))
    capacity = np.array([max(0, eligibility.mentor_limit(m["organization__max_mentees_per_mentor"],
                                                           m["mentor_profile__max_mentees"])
                             - live[m["id"]] - reserved[m["id"]]) for m in mentors], dtype=np.int64)

    requests: dict[int, list[str]] = {}
    for pid, text in MenteeRequest.objects.filter(participant__in=[m["id"] for m in mentees]).values_list(
            "participant_id", "text"):
        requests.setdefault(pid, []).append(text)
    ready = set(MentorshipForm.objects.filter(pk=form.pk).values_list("mentorprofile__participant_id", flat=True))
    mentee_topic_stems = [scoring.stems(" ".join(requests.get(m["id"], []))) for m in mentees]
    mentor_topic_stems = [scoring.stems(f"{m['mentor_profile__competences'] or ''} {m['mentor_profile__useful_for'] or ''}")
                          for m in mentors]
    mentee_interest_stems = [scoring.stems(m["interests"]) for m in mentees]
    mentor_interest_stems = [scoring.stems(f"{m['interests']} {m['mentor_profile__tags'] or ''}") for m in mentors]
    topics = scoring.Vocabulary(mentee_topic_stems + mentor_topic_stems)
    interests = scoring.Vocabulary(mentee_interest_stems + mentor_interest_stems)

    def ints(rows, key):
        return np.array([-1 if r[key] is None else r[key] for r in rows], dtype=np.int64)

    mentee_profiles = scoring.Profiles(
        interests=interests.masks(mentee_interest_stems), topics=topics.masks(mentee_topic_stems),
        age=mentee_people.age_at_start.astype(np.int64), age_min=np.array([]), age_max=np.array([]), hours=np.array([]),
        form_wanted=np.array([m["mentee_profile__desired_form_id"] == form.pk for m in mentees], dtype=bool))
    mentor_profiles = scoring.Profiles(
        interests=interests.masks(mentor_interest_stems), topics=topics.masks(mentor_topic_stems),
        age=np.array([]), age_min=ints(mentors, "mentor_profile__preferred_age_min"),
        age_max=ints(mentors, "mentor_profile__preferred_age_max"), hours=ints(mentors, "mentor_profile__hours_per_month"),
        form_wanted=np.array([m["id"] in ready for m in mentors], dtype=bool))
    idx = np.flatnonzero(allowed)
    scores = scoring.score(mentee_profiles, mentor_profiles, cand_mentee[idx], cand_mentor[idx], weights)
    pins = np.isin(keys[idx], _keys(*_columns(pinned)))
    assignment = solve(len(mentees), capacity, cand_mentee[idx], cand_mentor[idx], scores, pins)

    by_mentor: dict[int, list[tuple[int, int]]] = {}
    for mentee_row, mentor_row, points in zip(assignment.mentee.tolist(), assignment.mentor.tolist(),
                                              assignment.score.tolist(), strict=True):
        by_mentor.setdefault(mentor_row, []).append((mentee_row, points))
        reserved[mentors[mentor_row]["id"]] += 1
    for mentor_row, matched in by_mentor.items():
        mentor = mentors[mentor_row]
        mentor_texts = {"competences": mentor["mentor_profile__competences"] or "",
                        "useful_for": mentor["mentor_profile__useful_for"] or "", "interests": mentor["interests"],
                        "tags": mentor["mentor_profile__tags"] or "",
                        "age_min": mentor["mentor_profile__preferred_age_min"],
                        "age_max": mentor["mentor_profile__preferred_age_max"],
                        "hours": mentor["mentor_profile__hours_per_month"], "form_wanted": mentor["id"] in ready}
        result.pairs.append({"mentor": {"id": mentor["id"], "name": _name(mentor)}, "mentees": [
            {"id": mentees[row]["id"], "name": _name(mentees[row]), "score": points,
             "reasons": [text for text, _ in scoring.reasons(
                 {"requests": requests.get(mentees[row]["id"], []), "interests": mentees[row]["interests"],
                  "age": int(mentee_people.age_at_start[row]), "form_wanted": bool(mentee_profiles.form_wanted[row])},
                 mentor_texts, weights)]}
            for row, points in matched]})
    result.unmatched_mentees = _unmatched(mentees, mentee_people, assignment, cand_mentee, cand_mentor, reasons,
                                          allowed, capacity)
    return result


def _unmatched(mentees, people, assignment, cand_mentee, cand_mentor, reasons, allowed, capacity) -> list[dict]:
    matched = set(assignment.mentee.tolist())
    out = []
    for row, mentee in enumerate(mentees):
        if row in matched:
            continue
        mine = cand_mentee == row
        if not people.consents_ok[row]:
            why = eligibility.REASONS[eligibility.MENTEE_CONSENT]
        elif not mine.any():
            why = "нет наставников этой формы в области подбора"
        elif not (allowed & mine).any():
            broken = Counter(reasons[mine & (reasons > 0)].tolist()).most_common(1)
            why = (f"нет подходящих наставников: {eligibility.REASONS[broken[0][0]]}" if broken
                   else "куратор исключил все подходящие пары")
        elif (capacity[cand_mentor[allowed & mine]] == 0).all():
            why = "подходящие наставники заняты"
        else:
            why = "места у подходящих наставников отданы другим наставляемым"
        out.append({"id": mentee["id"], "name": _name(mentee), "reason": why})
    return out


@transaction.atomic
def accept(result: Result, organization_of: dict[int, Organization], *, start_date, planned_end_date, actor) -> list:
    """Accepted suggestions become proposed pairs (one-on-one); the pair actions recheck every rule."""
    participants = Participant.objects.in_bulk([m["id"] for p in result.pairs for m in p["mentees"]]
                                               + [p["mentor"]["id"] for p in result.pairs])
    return [propose_pair(organization=organization_of[m["id"]], form=result.form,
                         mentor=participants[p["mentor"]["id"]], mentees=[participants[m["id"]]],
                         start_date=start_date, planned_end_date=planned_end_date, actor=actor)
            for p in result.pairs for m in p["mentees"]]
