"""The demo's pairs at every stage of their life, made through pairs.actions.

Who is paired with whom is chosen with the same eligibility rules the actions enforce (forms,
consents on the start date, a parent never mentors their child), within each mentor's limit, and
with mentees whose desired form and interests fit the mentor best — so every action call passes.
"""

import datetime
import random
import re
from dataclasses import dataclass

import numpy as np

from nastavnik.demo.region import HOME_SCHOOL
from organizations.models import Organization
from pairs import actions
from pairs.models import Pair
from people.models import Participant
from programmes import eligibility
from programmes.models import MentoringKind, MentorshipForm
from programmes.rules import form_rules, people

# Stages of a pair, each with the actions that bring it there.
COMPLETED, ACTIVE, TERMINATED, APPROVED, PROPOSED = "completed", "active", "terminated", "approved", "proposed"
LIVE_STAGES = (ACTIVE, APPROVED, PROPOSED)
TERMINATION_REASON = "Наставляемый не выполнял обязанности: пропустил четыре встречи подряд и не выходит на связь."


@dataclass(frozen=True)
class PairPlan:
    org: str
    form: str
    stage: str
    count: int
    group: int = 1  # mentees in each pair
    partner: str = ""  # mentors come from this partner (employer forms)


PLAN = [
    # last school year, completed
    PairPlan(HOME_SCHOOL, "pupil_pupil", COMPLETED, 3),
    PairPlan(HOME_SCHOOL, "teacher_teacher", COMPLETED, 2),
    PairPlan("19-01-101", "employer_student", COMPLETED, 1, partner="19-P-001"),
    # this school year
    PairPlan(HOME_SCHOOL, "pupil_pupil", ACTIVE, 4),
    PairPlan(HOME_SCHOOL, "pupil_pupil", ACTIVE, 1, group=2),
    PairPlan(HOME_SCHOOL, "teacher_teacher", ACTIVE, 3),
    PairPlan(HOME_SCHOOL, "employer_pupil", ACTIVE, 2, partner="19-P-001"),
    PairPlan(HOME_SCHOOL, "student_pupil", ACTIVE, 1),
    PairPlan(HOME_SCHOOL, "pupil_pupil", TERMINATED, 1),
    PairPlan(HOME_SCHOOL, "pupil_pupil", APPROVED, 2),
    PairPlan(HOME_SCHOOL, "teacher_teacher", APPROVED, 1),
    PairPlan(HOME_SCHOOL, "pupil_pupil", PROPOSED, 3),
    PairPlan(HOME_SCHOOL, "teacher_teacher", PROPOSED, 1),
    PairPlan(HOME_SCHOOL, "employer_pupil", PROPOSED, 1, partner="19-P-001"),
    PairPlan("19-01-002", "pupil_pupil", ACTIVE, 2),
    PairPlan("19-01-101", "employer_student", ACTIVE, 2, partner="19-P-001"),
    PairPlan("19-01-101", "student_student", ACTIVE, 2),
    PairPlan("19-02-001", "employer_pupil", ACTIVE, 1, partner="19-P-002"),
    PairPlan("19-02-101", "employer_student", ACTIVE, 1, partner="19-P-002"),
    PairPlan("19-03-001", "teacher_teacher", ACTIVE, 1),
    PairPlan("19-04-001", "pupil_pupil", ACTIVE, 1),
]


@dataclass(frozen=True)
class Terms:
    """The dates of a stage, counted from the school year's start and never after today."""

    start: datetime.date
    end: datetime.date
    order_date: datetime.date

    @classmethod
    def of(cls, stage: str, year_start: datetime.date, today: datetime.date) -> "Terms":
        if stage == COMPLETED:
            last_year = year_start.replace(year=year_start.year - 1)
            return cls(last_year.replace(month=10), year_start.replace(month=5, day=31), last_year.replace(day=25))
        end_of_year = year_start.replace(year=year_start.year + 1, month=5, day=31)
        if stage in (APPROVED, PROPOSED):  # the pairs start in two weeks
            start = today + datetime.timedelta(days=14)
            return cls(start, max(end_of_year, start + datetime.timedelta(days=90)), today)
        start = min(year_start.replace(month=10), today)
        return cls(start, end_of_year, min(year_start.replace(day=25), start))


class _Pairing:
    def __init__(self, *, seed: int, year_start: datetime.date, today: datetime.date, actor):
        self.rng = random.Random(seed)
        self.year_start, self.today, self.actor = year_start, today, actor
        self.forms = {f.code: f for f in MentorshipForm.objects.prefetch_related("variants")}
        self.organizations = {o.code: o for o in Organization.objects.select_related("parent__parent")}
        self.used: set[int] = set()  # mentees already paired once in the demo
        self.free: dict[int, int] = {}  # mentor id → places left
        self.orders: dict[str, int] = {}  # organization code → orders issued
        self.pools: dict[tuple[str, str], list[Participant]] = {}
        self.stems: dict[int, tuple[set[str], set[str]]] = {}  # participant id → (offered, wanted)

    def pool(self, code: str, role: str) -> list[Participant]:
        """The organization's active mentors (role "is_mentor") or mentees ("is_mentee"), loaded once."""
        if (code, role) not in self.pools:
            self.pools[code, role] = list(
                Participant.objects.active().filter(organization=self.organizations[code], **{role: True})
                .select_related("organization__parent__parent", "mentor_profile", "mentee_profile")
                .prefetch_related("consents", "parents", "mentor_profile__forms", "requests").order_by("pk"))
        return self.pools[code, role]

    def places(self, mentor: Participant) -> int:
        if mentor.pk not in self.free:
            self.free[mentor.pk] = actions.mentor_limit(mentor) - actions.live_mentee_count(mentor)
        return self.free[mentor.pk]

    def choose(self, plan: PairPlan, mentors: list[Participant], mentees: list[Participant],
               start: datetime.date) -> tuple[Participant, list[Participant]] | None:
        """The mentor with room for the group whose best eligible, still unpaired mentees fit best."""
        form, organization = self.forms[plan.form], self.organizations[plan.org]
        mentors = [m for m in mentors if form in m.mentor_profile.forms.all() and self.places(m) >= plan.group]
        mentees = [m for m in mentees if m.pk not in self.used]
        if not mentors or not mentees:
            return None
        allowed = _allowed(form, organization, mentors, mentees, start)
        best, best_score = None, None
        for i, mentor in enumerate(mentors):
            fits = sorted((-self.fit(form, mentor, m), m.pk, m) for j, m in enumerate(mentees) if allowed[i, j])
            fitting = [m for _, _, m in fits[: plan.group]]
            score = -sum(fit for fit, _, _ in fits[: plan.group])
            if len(fitting) == plan.group and (best_score is None or score > best_score):
                best, best_score = (mentor, fitting), score
        return best

    def make(self, plan: PairPlan, mentor: Participant, mentees: list[Participant], terms: Terms) -> Pair:
        form = self.forms[plan.form]
        pair = actions.propose_pair(
            organization=self.organizations[plan.org], form=form, mentor=mentor, mentees=mentees,
            start_date=terms.start, planned_end_date=terms.end, actor=self.actor,
            variant=self.rng.choice(list(form.variants.all())),
            kind=MentoringKind.GROUP if len(mentees) > 1 else MentoringKind.TRADITIONAL)
        self.used.update(m.pk for m in mentees)
        if plan.stage in LIVE_STAGES:
            self.free[mentor.pk] -= len(mentees)
        return pair

    def stage(self, plan: PairPlan, pairs: list[Pair], terms: Terms) -> None:
        """One order fixes the plan's pairs; then each pair goes on to the plan's stage."""
        if plan.stage == PROPOSED or not pairs:
            return
        self.orders[plan.org] = number = self.orders.get(plan.org, 0) + 1
        actions.approve_pairs(pairs, actor=self.actor, order_number=f"{number}-од", order_date=terms.order_date)
        for pair in Pair.objects.filter(pk__in=[p.pk for p in pairs]).order_by("pk"):
            if plan.stage == APPROVED:
                continue
            actions.start_pair(pair, actor=self.actor)
            if plan.stage == COMPLETED:
                actions.complete_pair(pair, actor=self.actor, on=terms.end)
            elif plan.stage == TERMINATED:
                on = min(terms.start + datetime.timedelta(days=45), self.today)
                actions.terminate_pair(pair, actor=self.actor, on=on, reason=TERMINATION_REASON)

    def fit(self, form, mentor: Participant, mentee: Participant) -> int:
        """How well a mentee fits a mentor: the desired form first, then shared words of interests,
        requests and competences («олимпиаде по математике» ↔ «олимпиадная математика»)."""
        for person in (mentor, mentee):
            if person.pk not in self.stems:
                profile = getattr(person, "mentor_profile", None) if person.is_mentor else None
                self.stems[person.pk] = (
                    _stems(person.interests, *((profile.competences, profile.useful_for) if profile else ())),
                    _stems(person.interests, *(r.text for r in person.requests.all())))
        desired = getattr(mentee, "mentee_profile", None)
        return 10 * (desired is not None and desired.desired_form_id == form.pk) + len(
            self.stems[mentor.pk][0] & self.stems[mentee.pk][1])

    def run(self, plan: PairPlan) -> None:
        terms = Terms.of(plan.stage, self.year_start, self.today)
        mentors, mentees = self.pool(plan.partner or plan.org, "is_mentor"), self.pool(plan.org, "is_mentee")
        pairs = []
        for _ in range(plan.count):
            chosen = self.choose(plan, mentors, mentees, terms.start)
            if chosen is None:
                break
            pairs.append(self.make(plan, *chosen, terms))
        self.stage(plan, pairs, terms)

    def story(self, mentor: Participant, mentee: Participant) -> None:
        """The «mentor» login leads an active group of two with the «mentee» login in it."""
        plan = PairPlan(HOME_SCHOOL, "pupil_pupil", ACTIVE, 1)
        terms = Terms.of(ACTIVE, self.year_start, self.today)
        [mentor] = [m for m in self.pool(HOME_SCHOOL, "is_mentor") if m.pk == mentor.pk]
        [mentee] = [m for m in self.pool(HOME_SCHOOL, "is_mentee") if m.pk == mentee.pk]
        self.used.add(mentee.pk)
        other = self.choose(plan, [mentor], self.pool(HOME_SCHOOL, "is_mentee"), terms.start)
        self.stage(plan, [self.make(plan, mentor, [mentee, *(other[1] if other else [])], terms)], terms)


def _allowed(form, organization, mentors, mentees, day) -> np.ndarray:
    """Mentors × mentees: whether the form's rules allow the pair on `day`."""
    mentor_idx, mentee_idx = (a.ravel() for a in np.meshgrid(np.arange(len(mentors)), np.arange(len(mentees)),
                                                               indexing="ij"))
    parents = np.array([(p.pk, m.pk) for m in mentees for p in m.parents.all()], dtype=np.int64).reshape(-1, 2)
    reasons = eligibility.check(form_rules(form, organization), people(mentors, organization, day),
                                people(mentees, organization, day), mentor_idx, mentee_idx, parents)
    return (reasons == eligibility.ALLOWED).reshape(len(mentors), len(mentees))


_STEM = re.compile(r"\w{5,}")


def _stems(*texts: str) -> set[str]:
    return {word[:5] for text in texts for word in _STEM.findall(text.lower())}


def make_pairs(*, seed: int, year_start: datetime.date, today: datetime.date, actor,
               story: tuple[Participant, Participant]) -> None:
    pairing = _Pairing(seed=seed, year_start=year_start, today=today, actor=actor)
    pairing.story(*story)
    for plan in PLAN:
        pairing.run(plan)
