"""Matching for an organization, a municipality or a region: read the scope into arrays, build candidate
pairs by blocking, keep those the forms' rules allow (programmes.eligibility), score them, solve once for
all the forms, explain the suggestions and say why each mentee left without a mentor is left.

Scopes: an organization's curator matches its own mentors and mentees (and partners' mentors its
agreements bring); a municipality also gives a partner's mentors to the pupils of every school its
agreements serve; a region also matches teachers across its organizations (virtual mentoring), each
young teacher keeping their ACROSS_BEST best-scoring mentors from other organizations as candidates.
"""

import datetime
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from itertools import accumulate

import numpy as np

from matching import blocking, scoring
from matching.models import MatchingWeights
from matching.reading import Scope, read_questionnaires, read_scope
from matching.solver import Assignment, solve
from organizations.models import Organization
from programmes import eligibility
from programmes.models import MentorshipForm
from programmes.rules import form_rules_by_organization
from utilities.memory import cycles_collected_after

ACROSS_BEST = 30
CODES = max(eligibility.REASONS) + 1

NO_MENTORS = "нет наставников подходящей формы в области подбора"
BY_RULES = "нет подходящих наставников по правилам формы: {}"
ALL_FORBIDDEN = "куратор исключил всех подходящих наставников"
MENTORS_FULL = "подходящие наставники заняты"
PLACES_TAKEN = "места у подходящих наставников отданы другим наставляемым"


def weights_for(scope: Organization) -> dict[str, int]:
    """The weights of the scope, or of the nearest territory above it that set them, or the defaults."""
    lineage = scope.lineage()
    found = {w.organization_id: w for w in MatchingWeights.objects.filter(organization__in=lineage)}
    return next((found[o.pk].as_dict() for o in lineage if o.pk in found), dict(scoring.DEFAULT_WEIGHTS))


@dataclass
class Tally:
    """Per mentee: candidates, by the reason code the rules gave them, and how many were allowed, not
    forbidden by the curator, and with a mentor who still has a free place."""

    codes: np.ndarray
    open: np.ndarray
    free: np.ndarray

    @classmethod
    def empty(cls, n: int) -> "Tally":
        return cls(np.zeros((n, CODES), dtype=np.int64), np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64))

    def add(self, mentee: np.ndarray, reason: np.ndarray, forbidden: np.ndarray | None, free: np.ndarray | None) -> None:
        """`forbidden`, `free`: per candidate, None when none is forbidden and every mentor has a free place (mostly)."""
        n = len(self.open)
        codes = np.bincount(mentee * CODES + reason, minlength=n * CODES).reshape(n, CODES)
        self.codes += codes
        if forbidden is None and free is None:  # the open ones are the allowed ones, counted already
            self.open += codes[:, 0]
            self.free += codes[:, 0]
            return
        open_ = reason == 0 if forbidden is None else (reason == 0) & ~forbidden
        opened = np.bincount(mentee[open_], minlength=n)
        self.open += opened
        self.free += opened if free is None else np.bincount(mentee[open_ & free], minlength=n)


@dataclass
class Candidates:
    mentee: list = field(default_factory=list)
    mentor: list = field(default_factory=list)
    score: list = field(default_factory=list)
    form: list = field(default_factory=list)

    def add(self, mentee, mentor, score, form_index: int) -> None:
        self.mentee.append(mentee)
        self.mentor.append(mentor)
        self.score.append(score)
        self.form.append(form_index)

    def best_of_each_pair(self, n_mentors: int) -> tuple[np.ndarray, ...]:
        """Concatenated; a pair allowed in several forms keeps its best-scoring form."""
        if not self.mentee:
            return tuple(np.empty(0, dtype=np.int64) for _ in range(4))
        mentee, mentor, score = (np.concatenate(x) for x in (self.mentee, self.mentor, self.score))
        if len(set(self.form)) == 1:  # one form: blocks never repeat a pair, and no array of the form to lay out
            return mentee, mentor, score, np.broadcast_to(np.int64(self.form[0]), len(mentee))
        form = np.repeat(np.array(self.form, dtype=np.int64), [len(m) for m in self.mentee])
        key = mentee * n_mentors + mentor
        order = np.lexsort((-score, key))
        first = order[np.r_[True, key[order][1:] != key[order][:-1]][: len(order)]]
        return mentee[first], mentor[first], score[first], form[first]


@dataclass
class Result:
    """The suggestions (rows of the scope's rosters), the mentees left without a mentor, the figures."""

    scope: Scope
    forms: list[MentorshipForm]
    weights: dict[str, int]
    assignment: Assignment
    form_of: np.ndarray                 # form index of each suggestion
    points: np.ndarray                  # (suggestions, len(scoring.POINTS)): what each score is made of
    unmatched_mentees: list[dict]
    notes: list[str]
    candidates: int
    timings: dict[str, float]
    problem: dict = field(repr=False, default_factory=dict)   # the solved arrays (for the benchmark)

    @property
    def matched(self) -> int:
        return self.assignment.matched

    @property
    def total_score(self) -> int:
        return self.assignment.total_score

    @cycles_collected_after()
    def stored(self) -> dict:
        """The suggestions as a run keeps them: columns, not a dict a suggestion (`suggestions` lays them out as pairs
        for the page that shows them). Mentors by name, then id, each with how many of the mentees' rows, in turn, are
        theirs, in the order solved; a suggestion's form and points as indexes into the run's forms and kinds of
        points (few: each becomes a dict once)."""
        mentees, mentors = self.scope.mentees, self.scope.mentors
        points = self.points.reshape(-1, len(scoring.POINTS))
        which, first = scoring.kinds(points)
        made = [{c: p for c, p in zip(scoring.POINTS, row, strict=True) if p} for row in points[first].tolist()]
        # Each mentor's rank by name, then id (a stable sort of them in id order), so that one stable argsort lays
        # the suggestions out mentor by mentor in that order.
        chosen = np.unique(self.assignment.mentor)
        named = sorted(chosen[np.argsort(mentors.ids[chosen])].tolist(), key=mentors.names.__getitem__)
        rank = np.zeros(len(mentors), dtype=np.int64)
        rank[named] = np.arange(len(named))
        order = np.argsort(rank[self.assignment.mentor], kind="stable")
        rows = self.assignment.mentee[order]
        return {
            "forms": [{"id": f.pk, "name": f.name} for f in self.forms], "points": made,
            "mentors": {"id": mentors.ids[named].tolist(), "name": list(map(mentors.names.__getitem__, named)),
                        "mentees": np.bincount(self.assignment.mentor, minlength=len(mentors))[named].tolist()},
            "mentees": {"id": mentees.ids[rows].tolist(), "name": list(map(mentees.names.__getitem__, rows.tolist())),
                        "score": self.assignment.score[order].tolist(), "form": self.form_of[order].tolist(),
                        "points": which[order].tolist()}}

    def pairs(self) -> list[dict]:
        """The suggestions laid out as pairs (`suggestions`)."""
        return suggestions({"suggestions": self.stored()})


def suggestions(result: dict | None, mentor_ids=None) -> list[dict]:
    """A run's suggestions (as `Result.stored` keeps them) grouped by mentor, mentors by name, each mentee with the
    points of their score (`explained` puts them into words): [{mentor: {id, name}, mentees: [{id, name, score, form:
    {id, name}, points}]}], of every mentor or of those of `mentor_ids`. A run kept before runs kept columns has its
    pairs as they are."""
    wanted = None if mentor_ids is None else set(mentor_ids)
    if not result or "suggestions" not in result:
        return [p for p in (result or {}).get("pairs", []) if wanted is None or p["mentor"]["id"] in wanted]
    stored = result["suggestions"]
    forms, points, mentors, mentees = stored["forms"], stored["points"], stored["mentors"], stored["mentees"]
    bounds = list(accumulate(mentors["mentees"], initial=0))
    return [{"mentor": {"id": pid, "name": name},
             "mentees": [{"id": mentees["id"][r], "name": mentees["name"][r], "score": mentees["score"][r],
                          "form": forms[mentees["form"][r]], "points": points[mentees["points"][r]]}
                         for r in range(bounds[k], bounds[k + 1])]}
            for k, (pid, name) in enumerate(zip(mentors["id"], mentors["name"], strict=True))
            if wanted is None or pid in wanted]


def suggested_mentees(result: dict | None) -> list[int]:
    """The ids of the mentees a run suggests a mentor for."""
    if result and "suggestions" in result:
        return list(result["suggestions"]["mentees"]["id"])
    return [m["id"] for pair in suggestions(result) for m in pair["mentees"]]


def explained(pairs: list[dict], day: datetime.date) -> list[dict]:
    """The suggestions with their reasons in words (`reasons`: [text, points]), from the questionnaires of the
    people they name as they are now, the mentees' ages on the start date `day`."""
    mentee_ids = {m["id"] for pair in pairs for m in pair["mentees"]}
    mentees = read_questionnaires(mentee_ids, day, mentors=False)
    mentors = read_questionnaires({pair["mentor"]["id"] for pair in pairs}, day, mentors=True)
    empty = scoring.Questionnaire()
    return [{**pair, "mentees": [
        {**m, "reasons": [[r.text, r.points] for r in scoring.describe(
            mentees.get(m["id"], empty), mentors.get(pair["mentor"]["id"], empty), m["points"])]}
        if "points" in m else m for m in pair["mentees"]]} for pair in pairs]


def _blocks(data: Scope, form: MentorshipForm) -> Iterator[blocking.Block]:
    mentees, mentors = data.mentees, data.mentors
    mentee_rows = np.flatnonzero(np.isin(mentees.people.category, _codes(form.mentee_categories)))
    mentor_rows = np.flatnonzero(np.isin(mentors.people.category, _codes(form.mentor_categories)))
    own = mentor_rows[~mentors.partner[mentor_rows]]
    yield from blocking.same_key(mentee_rows, mentees.organization[mentee_rows], own, mentors.organization[own])
    yield from blocking.partners(mentee_rows, mentees.lineage, mentor_rows[mentors.partner[mentor_rows]],
                                 mentors.organization, data.agreements)
    teacher = eligibility.CATEGORY_CODES["teacher"]
    if data.organization.kind == Organization.Kind.REGION and "teacher" in form.mentee_categories:
        young = mentee_rows[mentees.people.category[mentee_rows] == teacher]
        teachers = own[mentors.people.category[own] == teacher]
        yield from blocking.across(young, mentees.organization, teachers, mentors.organization, ACROSS_BEST)


def _codes(categories) -> np.ndarray:
    return np.array([eligibility.CATEGORY_CODES[c] for c in categories], dtype=np.int8)


def _check(data: Scope, people, block: blocking.Block, rule_of: np.ndarray | None, rules: list) -> np.ndarray:
    """Reason codes of the block's pairs under the rules of each mentee's organization (`people`: the mentors'
    and the mentees' inputs for the form; `rule_of`: each mentee's index in `rules`, None when there is one)."""
    mentors, mentees = people
    if len(rules) == 1:
        return eligibility.check(rules[0], mentors, mentees, block.mentor, block.mentee, data.parents, data.live)
    reason = np.zeros(len(block.mentee), dtype=np.int8)
    which = rule_of[block.mentee]
    for r in np.unique(which).tolist():
        part = which == r
        reason[part] = eligibility.check(rules[r], mentors, mentees, block.mentor[part], block.mentee[part],
                                         data.parents, data.live)
    return reason


def _among(mentee: np.ndarray, mentor: np.ndarray, n_mentors: int, chosen: np.ndarray) -> np.ndarray:
    """Whether each candidate (mentee row, mentor row) is one of the `chosen` keys (`_keys`), without a pass over
    millions of candidates when none are chosen (mostly: no pins, nothing forbidden)."""
    if not len(chosen):
        return np.zeros(len(mentee), dtype=bool)
    return np.isin(mentee * n_mentors + mentor, chosen)


def _keys(data: Scope, pairs) -> np.ndarray:
    """(mentee id, mentor id) pairs → mentee row · n_mentors + mentor row, for those in the scope."""
    pairs = np.array(list(pairs), dtype=np.int64).reshape(-1, 2)
    (i, mentee_found), (j, mentor_found) = data.mentees.lookup(pairs[:, 0]), data.mentors.lookup(pairs[:, 1])
    keep = mentee_found & mentor_found
    return np.unique(i[keep] * len(data.mentors) + j[keep])


def _form_candidates(data: Scope, form: MentorshipForm, index: int, rules_by_org: dict, *, sides, variants, weights,
                     preferences, capacity, forbidden, tally: Tally, out: Candidates) -> tuple[scoring.Side, scoring.Side]:
    """Adds the form's allowed, scored candidates to `out` (`rules_by_org`: the form's rules in each organization of
    the scope); returns the sides with the form's answers."""
    rules = list(dict.fromkeys(rules_by_org.values()))
    position = {org: rules.index(r) for org, r in rules_by_org.items()}
    # Which rules each mentee is under, when the organizations' rules differ at all (mostly they do not).
    rule_of = None if len(rules) == 1 else np.fromiter(
        (position.get(o, 0) for o in data.mentees.organization.tolist()), dtype=np.int64, count=len(data.mentees))
    busy = np.zeros(len(data.mentees), dtype=bool)
    busy[data.busy.get(form.pk, np.empty(0, dtype=np.int64))] = True
    people = (replace(data.mentors.people, ready=data.mentors.ready_for(form.pk)),
              replace(data.mentees.people, busy=busy))
    ready = data.mentors.ready.get(form.pk, np.zeros(len(data.mentors), dtype=bool))
    mentee_side, mentor_side = scoring.for_form(*sides, data.mentees.answers, data.mentors.answers,
                                                list(variants), data.mentees.desired_form == form.pk, ready)
    has_place = capacity > 0
    every_place = bool(has_place.all())
    for block in _blocks(data, form):
        reason = _check(data, people, block, rule_of, rules)
        banned = _among(block.mentee, block.mentor, len(data.mentors), forbidden) if len(forbidden) else None
        tally.add(block.mentee, reason, banned, None if every_place else has_place[block.mentor])
        allowed = np.flatnonzero(reason == 0)
        mentee, mentor = block.mentee[allowed], block.mentor[allowed]
        score = scoring.score(mentee_side, mentor_side, mentee, mentor, weights, preferences)
        if block.best_only:
            best = blocking.best_per_mentee(mentee, score, block.best_only)
            mentee, mentor, score = mentee[best], mentor[best], score[best]
        out.add(mentee, mentor, score, index)
    return mentee_side, mentor_side


def _unmatched(data: Scope, tally: Tally, matched: np.ndarray, eligible: np.ndarray) -> list[dict]:
    """The mentees left without a mentor, each with the first reason of: consents missing, no candidates, none the
    rules allow (the reason most of them broke), all forbidden by the curator, all their mentors full; else their
    mentors' places went to others."""
    left = np.ones(len(data.mentees), dtype=bool)
    left[matched] = False
    rows = np.flatnonzero(left & (eligible > 0))
    codes = tally.codes[rows]
    reasons = [NO_MENTORS, ALL_FORBIDDEN, MENTORS_FULL, PLACES_TAKEN,
               *(BY_RULES.format(eligibility.REASONS.get(code, "")) for code in range(1, CODES))]
    chosen = np.select([codes.sum(axis=1) == 0, codes[:, 0] == 0, tally.open[rows] == 0, tally.free[rows] == 0],
                       [0, 4 + codes[:, 1:].argmax(axis=1), 1, 2], default=3)
    mentees = data.mentees
    return [{"id": pid, "name": mentees.names[row],
             "reason": reasons[why] if consents_ok else f"нет согласия: {mentees.missing_consents[row]}"}
            for pid, row, why, consents_ok in zip(mentees.ids[rows].tolist(), rows.tolist(), chosen.tolist(),
                                                  mentees.people.consents_ok[rows].tolist(), strict=True)]


def _eligible_somewhere(data: Scope, forms: list[MentorshipForm]) -> np.ndarray:
    """Per mentee, how many of the forms they could be matched in (their category, no live pair of it)."""
    count = np.zeros(len(data.mentees), dtype=np.int64)
    for form in forms:
        free = np.isin(data.mentees.people.category, _codes(form.mentee_categories))
        free[data.busy.get(form.pk, [])] = False
        count += free
    return count


@cycles_collected_after()
def match(scope: Organization, forms: list[MentorshipForm], *, day: datetime.date, weights: dict | None = None,
          pinned=(), forbidden=(), progress: Callable[[int, str], None] | None = None) -> Result:
    """Suggestions for `forms` in `scope` for pairs starting on `day`; `pinned`/`forbidden`: (mentee id, mentor id)."""
    progress = progress or (lambda percent, stage: None)
    timings, started = {}, time.perf_counter()
    progress(5, "чтение базы")
    below = Organization.objects.at_or_below(scope)
    rules = [form_rules_by_organization(form, below) for form in forms]
    data = read_scope(scope, forms, day, eligibility.inputs(r for by_org in rules for r in by_org.values()))
    weights = weights or weights_for(scope)
    timings["read"] = time.perf_counter() - started
    progress(30, "правила форм и оценки пар")
    capacity = eligibility.remaining_capacity(data.mentors.limit, data.mentors.live).astype(np.int64)
    banned, pins = _keys(data, forbidden), _keys(data, pinned)
    tally, found = Tally.empty(len(data.mentees)), Candidates()
    preferences = scoring.Preferences.build(data.preferences)
    sides = scoring.sides(data.mentees.ids, data.mentees.answers, data.mentors.ids, data.mentors.answers)
    variants = {form.pk: tuple(v.name for v in form.variants.all()) for form in forms}
    form_sides = [_form_candidates(data, form, index, rules[index], sides=sides, variants=variants[form.pk],
                                   weights=weights, preferences=preferences, capacity=capacity, forbidden=banned,
                                   tally=tally, out=found) for index, form in enumerate(forms)]
    n_mentors = len(data.mentors)
    mentee, mentor, score, form_of = found.best_of_each_pair(n_mentors)
    timings["score"] = time.perf_counter() - started - timings["read"]
    progress(60, "поиск наилучшего подбора")
    pinned_rows = _among(mentee, mentor, n_mentors, pins)
    held = mentee[pinned_rows] * n_mentors + mentor[pinned_rows]
    notes = [f"Закрепление не учтено: пара «{data.mentees.names[k // n_mentors]}» — "
             f"«{data.mentors.names[k % n_mentors]}» не проходит правила формы."
             for k in pins[~np.isin(pins, held)].tolist()]
    solved_at = time.perf_counter()
    assignment = solve(len(data.mentees), capacity, mentee, mentor, score, pinned=pinned_rows,
                       forbidden=_among(mentee, mentor, n_mentors, banned))
    timings["solve"] = time.perf_counter() - solved_at
    progress(90, "объяснение предложений")
    chosen_form = form_of[assignment.candidate]
    return Result(data, forms, weights, assignment, chosen_form,
                  _points(form_sides, assignment, chosen_form, weights, preferences),
                  _unmatched(data, tally, assignment.mentee, _eligible_somewhere(data, forms)), notes, len(mentee),
                  timings, {"n_mentees": len(data.mentees), "capacity": capacity, "cand_mentee": mentee,
                            "cand_mentor": mentor, "score": score})


def _points(form_sides: list, assignment: Assignment, form_of: np.ndarray, weights, preferences) -> np.ndarray:
    """What the score of each suggestion is made of, under the sides of its form."""
    out = np.zeros((assignment.matched, len(scoring.POINTS)), dtype=np.int64)
    for index, (mentee_side, mentor_side) in enumerate(form_sides):
        rows = np.flatnonzero(form_of == index)
        made = scoring.points(mentee_side, mentor_side, assignment.mentee[rows], assignment.mentor[rows], weights,
                              preferences)
        out[rows] = np.column_stack([made[c] for c in scoring.POINTS]) if len(rows) else 0
    return out
