"""The demo's pairs at every stage of their life, made through pairs.actions and fixed, extended and
changed by orders registered through documents.actions.

Who is paired with whom is chosen with the same eligibility rules the actions enforce (forms,
consents on the start date, a parent never mentors their child), within each mentor's limit, and
with mentees whose desired form and interests fit the mentor best — so every action call passes.
"""

import datetime
import random
import re
from dataclasses import dataclass

import numpy as np

from demo.orders import OrderBook
from demo.region import HOME_SCHOOL
from documents.models import OrderKind
from organizations.models import Organization
from pairs import actions
from pairs.inputs import live_pairs, people
from pairs.models import Pair, PairChange
from people.models import Participant
from programmes import eligibility
from programmes.models import MentoringKind, MentorshipForm
from programmes.rules import form_rules
from programmes.terms import expected_leaving, school_year, school_year_end

COMPLETED, ACTIVE, EXTENDED, REPLACED, TERMINATED, APPROVED, PROPOSED = (
    "completed", "active", "extended", "replaced", "terminated", "approved", "proposed")
NOT_STARTED = (APPROVED, PROPOSED)
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
    # this school year, started on 1 October
    PairPlan(HOME_SCHOOL, "pupil_pupil", ACTIVE, 4),
    PairPlan(HOME_SCHOOL, "pupil_pupil", ACTIVE, 1, group=2),
    PairPlan(HOME_SCHOOL, "teacher_teacher", ACTIVE, 2),
    PairPlan(HOME_SCHOOL, "employer_pupil", ACTIVE, 2, partner="19-P-001"),
    PairPlan(HOME_SCHOOL, "student_pupil", ACTIVE, 1),
    PairPlan(HOME_SCHOOL, "pupil_pupil", EXTENDED, 1),
    PairPlan(HOME_SCHOOL, "teacher_teacher", REPLACED, 1),
    PairPlan(HOME_SCHOOL, "pupil_pupil", TERMINATED, 1),
    PairPlan("19-01-002", "pupil_pupil", ACTIVE, 2),
    PairPlan("19-01-101", "employer_student", ACTIVE, 2, partner="19-P-001"),
    PairPlan("19-01-101", "student_student", ACTIVE, 2),
    PairPlan("19-02-001", "employer_pupil", ACTIVE, 1, partner="19-P-002"),
    PairPlan("19-02-101", "employer_student", ACTIVE, 1, partner="19-P-002"),
    PairPlan("19-03-001", "teacher_teacher", ACTIVE, 1),
    PairPlan("19-04-001", "pupil_pupil", ACTIVE, 1),
    # starting in two weeks: fixed by an order, or still proposed
    PairPlan(HOME_SCHOOL, "pupil_pupil", APPROVED, 2),
    PairPlan(HOME_SCHOOL, "teacher_teacher", APPROVED, 1),
    PairPlan(HOME_SCHOOL, "pupil_pupil", PROPOSED, 3),
    PairPlan(HOME_SCHOOL, "teacher_teacher", PROPOSED, 1),
    PairPlan(HOME_SCHOOL, "employer_pupil", PROPOSED, 1, partner="19-P-001"),
]
# The «mentor» login's group, with the «mentee» login in it.
STORY = PairPlan(HOME_SCHOOL, "pupil_pupil", ACTIVE, 1, group=2)


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
        if stage in NOT_STARTED:  # a pair's term ends with its school year (programmes.terms)
            start = today + datetime.timedelta(days=14)
            return cls(start, school_year_end(school_year(start)), today)
        start = min(year_start.replace(month=10), today)
        return cls(start, end_of_year, min(year_start.replace(day=25), start))

    def later(self, days: int, today: datetime.date) -> datetime.date:
        """`days` after the start, never after today."""
        return min(self.start + datetime.timedelta(days=days), today)


_STEM = re.compile(r"\w{5,}")


def _stems(*texts: str) -> set[str]:
    return {word[:5] for text in texts for word in _STEM.findall(text.lower())}


class _Pairing:
    def __init__(self, *, seed: int, year_start: datetime.date, today: datetime.date, actor, orders: OrderBook):
        self.rng = random.Random(seed)
        self.year_start, self.today, self.actor, self.orders = year_start, today, actor, orders
        self.forms = {f.code: f for f in MentorshipForm.objects.prefetch_related("variants")}
        self.organizations = {o.code: o for o in Organization.objects.select_related("parent__parent")}
        self.used: set[int] = set()  # mentees already paired once in the demo
        self.free: dict[int, int] = {}  # mentor id → places left
        self.pools: dict[tuple[str, str], list[Participant]] = {}
        self.stems: dict[int, tuple[set[str], set[str]]] = {}  # participant id → (offered, wanted)

    # --- choosing ----------------------------------------------------------------------------
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
            self.free[mentor.pk] = actions.mentee_limit_of(mentor) - actions.live_mentee_count(mentor)
        return self.free[mentor.pk]

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

    def choose(self, plan: PairPlan, mentors: list[Participant], mentees: list[Participant],
               start: datetime.date) -> tuple[Participant, list[Participant]] | None:
        """The mentor with room for the group whose best eligible, still unpaired mentees fit best."""
        form, organization = self.forms[plan.form], self.organizations[plan.org]
        mentors = [m for m in mentors if form in m.mentor_profile.forms.all() and self.places(m) >= plan.group]
        mentees = [m for m in mentees if m.pk not in self.used]
        if plan.stage == EXTENDED:  # an extension past 31 May needs people who do not leave school then
            def stays(person):
                leaving = expected_leaving(person.category, person.grade, start)
                return leaving is None or leaving > school_year_end(school_year(start))

            mentors, mentees = [m for m in mentors if stays(m)], [m for m in mentees if stays(m)]
        if not mentors or not mentees:
            return None
        allowed = _allowed(form, organization, mentors, mentees, start)
        best, best_score = None, None
        for i, mentor in enumerate(mentors):
            fits = sorted((-self.fit(form, mentor, m), m.pk, m) for j, m in enumerate(mentees) if allowed[i, j])
            score = -sum(fit for fit, _, _ in fits[: plan.group])
            if len(fits) >= plan.group and (best_score is None or score > best_score):
                best, best_score = (mentor, [m for _, _, m in fits[: plan.group]]), score
        return best

    def successor(self, plan: PairPlan, pair: Pair, on: datetime.date) -> Participant | None:
        """Another mentor with room who may take over the pair's mentees on `on`."""
        mentees = [m for m in self.pool(plan.org, "is_mentee") if m.pk in {pm.mentee_id for pm in pair.mentees.all()}]
        form = self.forms[plan.form]
        mentors = [m for m in self.pool(plan.partner or plan.org, "is_mentor") if m.pk != pair.mentor_id
                   and form in m.mentor_profile.forms.all() and self.places(m) >= len(mentees)]
        if not mentors:
            return None
        allowed = _allowed(form, self.organizations[plan.org], mentors, mentees, on, exclude_pair=pair).all(axis=1)
        return next((m for m, ok in zip(mentors, allowed, strict=True) if ok), None)

    # --- making ------------------------------------------------------------------------------
    def propose(self, plan: PairPlan, mentor: Participant, mentees: list[Participant], terms: Terms) -> Pair:
        form = self.forms[plan.form]
        pair = actions.propose_pair(
            organization=self.organizations[plan.org], form=form, mentor=mentor, mentees=mentees,
            start_date=terms.start, planned_end_date=terms.end, actor=self.actor,
            variant=self.rng.choice(list(form.variants.all())),
            kind=MentoringKind.GROUP if len(mentees) > 1 else MentoringKind.TRADITIONAL)
        self.used.update(m.pk for m in mentees)
        self.free[mentor.pk] -= len(mentees)
        return pair

    def propose_all(self, plan: PairPlan, terms: Terms) -> list[Pair]:
        mentors, mentees = self.pool(plan.partner or plan.org, "is_mentor"), self.pool(plan.org, "is_mentee")
        pairs = []
        for _ in range(plan.count):
            chosen = self.choose(plan, mentors, mentees, terms.start)
            if chosen is None:
                break
            pairs.append(self.propose(plan, *chosen, terms))
        return pairs

    def propose_story(self, mentor: Participant, mentee: Participant, terms: Terms) -> Pair:
        [mentor] = [m for m in self.pool(HOME_SCHOOL, "is_mentor") if m.pk == mentor.pk]
        [mentee] = [m for m in self.pool(HOME_SCHOOL, "is_mentee") if m.pk == mentee.pk]
        self.used.add(mentee.pk)
        single = PairPlan(STORY.org, STORY.form, STORY.stage, 1)
        other = self.choose(single, [mentor], self.pool(HOME_SCHOOL, "is_mentee"), terms.start)
        return self.propose(STORY, mentor, [mentee, *(other[1] if other else [])], terms)

    def fix_by_orders(self, planned: list[tuple[PairPlan, Pair]], terms: Terms) -> None:
        """One order «О закреплении наставнических пар (групп)» for each organization's pairs."""
        by_org: dict[str, list[Pair]] = {}
        for plan, pair in planned:
            if plan.stage != PROPOSED:
                by_org.setdefault(plan.org, []).append(pair)
        for code, pairs in by_org.items():
            self.orders.issue(self.organizations[code], OrderKind.PAIRS, pairs, terms.order_date)

    def advance(self, plan: PairPlan, pair: Pair, terms: Terms) -> PairChange | None:
        """Start the pair and take it to its plan's stage; a change waiting for its order is returned."""
        if plan.stage in NOT_STARTED:
            return None
        pair.refresh_from_db()
        actions.start_pair(pair, actor=self.actor)
        if plan.stage in (COMPLETED, TERMINATED):
            self.free[pair.mentor_id] += pair.mentees.count()
        if plan.stage == COMPLETED:
            actions.complete_pair(pair, actor=self.actor, on=terms.end)
        elif plan.stage == TERMINATED:
            actions.terminate_pair(pair, actor=self.actor, on=terms.later(45, self.today), reason=TERMINATION_REASON)
        elif plan.stage == EXTENDED:
            return actions.request_extension(pair, actor=self.actor, reason=PairChange.Reason.ILLNESS,
                                             new_end_date=terms.end + datetime.timedelta(days=30))
        elif plan.stage == REPLACED:
            return self.replace(plan, pair, terms.later(30, self.today))
        return None

    def replace(self, plan: PairPlan, pair: Pair, on: datetime.date) -> PairChange | None:
        new_mentor = self.successor(plan, pair, on) if on > pair.start_date else None
        if new_mentor is None:
            return None
        count = pair.mentees.count()
        self.free[new_mentor.pk] -= count
        self.free[pair.mentor_id] += count
        return actions.request_mentor_replacement(pair, actor=self.actor, reason=PairChange.Reason.TRANSFER,
                                                  new_mentor=new_mentor, on=on)

    def apply_by_orders(self, changes: list[PairChange], terms: Terms) -> None:
        """One order «О продлении срока…» or «О замене наставника» for each organization and kind."""
        kinds = {PairChange.Kind.EXTENSION: OrderKind.EXTENSION, PairChange.Kind.REPLACEMENT: OrderKind.REPLACEMENT}
        by_order: dict[tuple[Organization, str], list[PairChange]] = {}
        for change in changes:
            by_order.setdefault((change.pair.organization, kinds[change.kind]), []).append(change)
        dated = [(max(c.effective_on or terms.later(40, self.today) for c in items), organization.pk, kind, items)
                 for (organization, kind), items in by_order.items()]
        for on, _, kind, items in sorted(dated, key=lambda row: row[:3]):
            self.orders.issue(items[0].pair.organization, kind, items, on)

    def batch(self, stages: tuple[str, ...], story: tuple[Participant, Participant] | None = None) -> list[Pair]:
        """Every plan of `stages` (which share their terms): proposals, the orders fixing them, the
        pairs taken to their stages, the orders applying their changes."""
        terms = Terms.of(stages[0], self.year_start, self.today)
        planned = [(STORY, self.propose_story(*story, terms))] if story else []
        for plan in (p for p in PLAN if p.stage in stages):
            planned += [(plan, pair) for pair in self.propose_all(plan, terms)]
        self.fix_by_orders(planned, terms)
        changes = [change for plan, pair in planned if (change := self.advance(plan, pair, terms))]
        self.apply_by_orders(changes, terms)
        return [pair for _, pair in planned]


def _allowed(form, organization, mentors, mentees, day, exclude_pair=None) -> np.ndarray:
    """Mentors × mentees: whether the form's rules allow the pair on `day` (`exclude_pair`: the pair being changed)."""
    mentor_idx, mentee_idx = (a.ravel() for a in np.meshgrid(np.arange(len(mentors)), np.arange(len(mentees)),
                                                               indexing="ij"))
    parents = np.array([(p.pk, m.pk) for m in mentees for p in m.parents.all()], dtype=np.int64).reshape(-1, 2)
    reasons = eligibility.check(form_rules(form, organization), people(mentors, organization, day, form, exclude_pair),
                                people(mentees, organization, day, form, exclude_pair), mentor_idx, mentee_idx,
                                parents, live_pairs(mentees, exclude_pair))
    return (reasons == eligibility.ALLOWED).reshape(len(mentors), len(mentees))


def make_pairs(*, seed: int, year_start: datetime.date, today: datetime.date, actor, orders: OrderBook,
               story: tuple[Participant, Participant]) -> list[Pair]:
    """Last year's pairs, this year's (the story's group first), then those starting soon; returns
    this year's started pairs, the story's group first."""
    pairing = _Pairing(seed=seed, year_start=year_start, today=today, actor=actor, orders=orders)
    pairing.batch((COMPLETED,))
    current = pairing.batch((ACTIVE, EXTENDED, REPLACED, TERMINATED), story=story)
    pairing.batch(NOT_STARTED)
    return current
