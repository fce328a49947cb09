"""Who can be chosen on the «Новая пара» page: the organization's mentors — and the employees of partners
whose agreement serves it, as matching offers them — and its mentees of the form's categories, each with the
Russian reason it cannot be chosen (empty when it can). The reasons come from programmes.eligibility, on the
inputs pairs.inputs reads; the action `propose_pair` checks them again on submit."""

import datetime
from collections import Counter
from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Prefetch

from organizations.models import Agreement
from pairs.inputs import live_pairs, people
from pairs.models import PairMentee
from people.models import Consent, Participant
from programmes import eligibility
from programmes.rules import form_rules, mentee_limit_of

NO_MENTEE = "нет подходящих наставляемых в этой форме"


@dataclass(frozen=True)
class Candidate:
    participant: Participant
    reason: str = ""
    note: str = ""


@dataclass(frozen=True)
class Candidates:
    allowed: list[Candidate]
    unfit: list[Candidate]

    def __iter__(self):
        return iter(self.allowed + self.unfit)


def _split(candidates: list[Candidate]) -> Candidates:
    return Candidates([c for c in candidates if not c.reason], [c for c in candidates if c.reason])


def _with_rule_data(participants):
    """What the rules read of each person, fetched in a fixed number of queries."""
    return participants.select_related("organization", "mentor_profile", "mentee_profile").prefetch_related(
        Prefetch("consents", queryset=Consent.objects.all()), "parents", "mentor_profile__forms")


def _pool(visible, organization, categories):
    return _with_rule_data(visible.active().filter(organization=organization, category__in=categories))


def partner_mentors(organization, day: datetime.date):
    """Mentors employed by partners whose agreement, valid on `day`, serves the organization or a territory
    above it — the partners' mentors matching offers the organization."""
    agreements = Agreement.objects.valid_on(day).filter(counterparty__in=organization.lineage())
    return Participant.objects.active().filter(is_mentor=True, organization__in=agreements.values("partner"))


def _mentor_pool(visible, organization, form, day):
    own = visible.active().filter(organization=organization)
    return _with_rule_data((own | partner_mentors(organization, day)).filter(
        is_mentor=True, category__in=form.mentor_categories).distinct().order_by("last_name", "first_name", "pk"))


def _taken(mentors: list) -> dict[int, int]:
    """Live mentees of each mentor."""
    return dict(PairMentee.objects.live().filter(pair__mentor__in=mentors).values_list("pair__mentor")
                .annotate(n=Count("id")))


def _reasons(rules, organization, form, start_date, mentors: list, mentees: list, exclude_pair=None) -> np.ndarray:
    """Reason codes under `rules` as a (mentors × mentees) matrix."""
    if not mentors or not mentees:
        return np.zeros((len(mentors), len(mentees)), dtype=np.int8)
    mentor_idx, mentee_idx = np.divmod(np.arange(len(mentors) * len(mentees)), len(mentees))
    ids = {m.pk for m in mentors}
    parents = np.array([(p.pk, c.pk) for c in mentees for p in c.parents.all() if p.pk in ids],
                       dtype=np.int64).reshape(-1, 2)
    codes = eligibility.check(rules,
                              people(mentors, organization, start_date, form, exclude_pair),
                              people(mentees, organization, start_date, form, exclude_pair), mentor_idx, mentee_idx,
                              parents, live_pairs(mentees, exclude_pair))
    return codes.reshape(len(mentors), len(mentees))


def _describe(code: int, rules: eligibility.FormRules) -> str:
    """The rule broken with the numbers in force, as the pair action says it ("" when none)."""
    return eligibility.describe(code, rules) if code else ""


def _standing(participant: Participant) -> str:
    """«6А класс», «2 курс» or «стаж 2 г.»: what tells mentees of one form apart."""
    if participant.grade is not None:
        return f"{participant.grade_label} {'курс' if participant.category == 'student' else 'класс'}"
    if participant.teaching_experience_years is not None:
        return f"стаж {participant.teaching_experience_years} г."
    return ""


def mentors(visible, organization, form, start_date: datetime.date) -> Candidates:
    """Mentors with their free places; one who is full or fits no free mentee is disabled with the reason."""
    pool = list(_mentor_pool(visible, organization, form, start_date))
    mentees = list(_pool(visible, organization, form.mentee_categories).filter(is_mentee=True))
    rules = form_rules(form, organization)
    codes = _reasons(rules, organization, form, start_date, pool, mentees)
    taken = _taken(pool)
    result = []
    for row, mentor in zip(codes, pool, strict=True):
        limit, busy = mentee_limit_of(mentor), taken.get(mentor.pk, 0)
        reason = ""
        if busy >= limit:
            reason = f"уже {busy} наставляемых из {limit} возможных"
        elif not (row == eligibility.ALLOWED).any():
            reason = _describe(Counter(row.tolist()).most_common(1)[0][0], rules) if len(row) else NO_MENTEE
        result.append(Candidate(mentor, reason, f"свободно мест: {max(limit - busy, 0)} из {limit}"))
    return _split(result)


def mentees(visible, organization, form, start_date: datetime.date, mentor: Participant) -> Candidates:
    """Mentees of the organization for `mentor`: the free ones the rules allow, the others with the reason."""
    pool = list(_pool(visible, organization, form.mentee_categories).filter(is_mentee=True))
    rules = form_rules(form, organization)
    codes = _reasons(rules, organization, form, start_date, [mentor], pool)
    result = []
    for code, mentee in zip(codes[0].tolist() if pool else [], pool, strict=True):
        result.append(Candidate(mentee, _describe(code, rules), _standing(mentee)))
    return _split(result)


def replacements(visible, pair, on: datetime.date) -> Candidates:
    """Mentors who could take over all of the pair's present mentees on `on`, the others with the reason."""
    organization, form = pair.organization, pair.form
    pool = list(_mentor_pool(visible, organization, form, on).exclude(pk=pair.mentor_id))
    present = list(_with_rule_data(Participant.objects.filter(mentee_pairs__pair=pair,
                                                              mentee_pairs__left_on__isnull=True)))
    rules = form_rules(form, organization)
    codes = _reasons(rules, organization, form, on, pool, present, exclude_pair=pair)
    taken = _taken(pool)
    result = []
    for row, mentor in zip(codes, pool, strict=True):
        free = max(mentee_limit_of(mentor) - taken.get(mentor.pk, 0), 0)
        broken = [code for code in row.tolist() if code]
        reason = _describe(broken[0], rules) if broken else (
            f"свободно мест: {free}, а наставляемых в паре: {len(present)}" if free < len(present) else "")
        result.append(Candidate(mentor, reason, f"свободно мест: {free} из {mentee_limit_of(mentor)}"))
    return _split(result)
