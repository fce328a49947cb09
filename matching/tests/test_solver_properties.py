"""The solver on random small instances against independent methods written here: an augmenting-path
maximum matching for the count, and an exact dynamic programme over the mentors' free places for
the lexicographic optimum (most mentees, then the highest total score)."""

import functools
from unittest import mock

import numpy as np
from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.solver import SolverError, greedy, solve


@st.composite
def instances(draw, max_mentees=8, max_mentors=4):
    m = draw(st.integers(1, max_mentees))
    n = draw(st.integers(1, max_mentors))
    capacity = np.array(draw(st.lists(st.integers(0, 3), min_size=n, max_size=n)), dtype=np.int64)
    pairs = draw(st.lists(st.tuples(st.integers(0, m - 1), st.integers(0, n - 1)), max_size=m * n, unique=True))
    scores = draw(st.lists(st.integers(-40, 100), min_size=len(pairs), max_size=len(pairs)))
    forbidden = draw(st.lists(st.booleans(), min_size=len(pairs), max_size=len(pairs)))
    # Pins a curator could set: allowed rows, one per mentee, within the mentor's places.
    pinned, load, pinned_mentees = [False] * len(pairs), np.zeros(n, dtype=np.int64), set()
    for k in draw(st.lists(st.integers(0, max(len(pairs) - 1, 0)), max_size=3)) if pairs else []:
        mentee, mentor = pairs[k]
        if not forbidden[k] and mentee not in pinned_mentees and load[mentor] < capacity[mentor]:
            pinned[k], load[mentor] = True, load[mentor] + 1
            pinned_mentees.add(mentee)
    rows = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    return {"n_mentees": m, "capacity": capacity, "cand_mentee": rows[:, 0], "cand_mentor": rows[:, 1],
            "score": np.array(scores, dtype=np.int64), "pinned": np.array(pinned, dtype=bool),
            "forbidden": np.array(forbidden, dtype=bool)}


def usable(instance):
    """Rows the rules leave (not forbidden), with the pinned mentees' other rows removed."""
    pinned_mentees = set(instance["cand_mentee"][instance["pinned"]].tolist())
    return [k for k in range(len(instance["score"])) if instance["pinned"][k] or (
        not instance["forbidden"][k] and instance["cand_mentee"][k] not in pinned_mentees)]


def maximum_matching(instance) -> int:
    """Kuhn's augmenting paths on mentors split into one node per free place; pins kept."""
    places = [(j, p) for j, c in enumerate(instance["capacity"].tolist()) for p in range(c)]
    edges: dict[int, list[int]] = {}
    for k in usable(instance):
        mentee, mentor = int(instance["cand_mentee"][k]), int(instance["cand_mentor"][k])
        slots = [s for s, (j, _) in enumerate(places) if j == mentor]
        edges.setdefault(mentee, []).extend(slots)
    owner: dict[int, int] = {}
    pinned = {int(instance["cand_mentee"][k]): int(instance["cand_mentor"][k]) for k in np.flatnonzero(instance["pinned"])}
    for mentee, mentor in pinned.items():  # a pin holds one place of its mentor for good
        slot = next(s for s, (j, _) in enumerate(places) if j == mentor and s not in owner)
        owner[slot] = mentee

    def augment(mentee, seen) -> bool:
        for slot in edges.get(mentee, []):
            if slot in seen:
                continue
            seen.add(slot)
            holder = owner.get(slot)
            if holder is None or (holder not in pinned and augment(holder, seen)):
                owner[slot] = mentee
                return True
        return False

    return len(pinned) + sum(augment(mentee, set()) for mentee in edges if mentee not in pinned)


def exact_optimum(instance) -> tuple[int, int]:
    """The best (matched, total score) by a dynamic programme over mentees with the mentors' places left;
    the pins are counted first and take their places."""
    pins = np.flatnonzero(instance["pinned"])
    pinned = set(instance["cand_mentee"][pins].tolist())
    places = instance["capacity"] - np.bincount(instance["cand_mentor"][pins], minlength=len(instance["capacity"]))
    options: dict[int, list[tuple[int, int]]] = {}
    for k in usable(instance):
        mentee = int(instance["cand_mentee"][k])
        if mentee not in pinned:
            options.setdefault(mentee, []).append((int(instance["cand_mentor"][k]), int(instance["score"][k])))

    @functools.cache
    def best(mentee: int, left: tuple[int, ...]) -> tuple[int, int]:
        if mentee == instance["n_mentees"]:
            return (0, 0)
        result = best(mentee + 1, left)
        for mentor, points in options.get(mentee, []):
            if left[mentor] > 0:
                rest = best(mentee + 1, left[:mentor] + (left[mentor] - 1,) + left[mentor + 1:])
                result = max(result, (rest[0] + 1, rest[1] + points))
        return result

    matched, total = best(0, tuple(places.tolist()))
    return matched + len(pins), total + int(instance["score"][pins].sum())


class SolverPropertyTests(SimpleTestCase):
    def assert_breaks_no_rule(self, instance, result):
        chosen = result.candidate
        self.assertFalse(instance["forbidden"][chosen].any(), "исключённая пара в результате")
        self.assertTrue(set(np.flatnonzero(instance["pinned"]).tolist()) <= set(chosen.tolist()), "закреп потерян")
        self.assertEqual(len(set(result.mentee.tolist())), result.matched, "наставляемый дважды")
        load = np.bincount(result.mentor, minlength=len(instance["capacity"]))
        self.assertTrue((load <= instance["capacity"]).all(), "наставник сверх ёмкости")
        self.assertEqual(result.mentee.tolist(), instance["cand_mentee"][chosen].tolist())
        self.assertEqual(result.score.tolist(), instance["score"][chosen].tolist())

    @settings(max_examples=300, deadline=None)
    @given(instances())
    def test_the_assignment_breaks_no_rule_and_equals_the_exact_optimum(self, instance):
        result = solve(**instance)
        self.assert_breaks_no_rule(instance, result)
        self.assertEqual((result.matched, result.total_score), exact_optimum(instance))

    @settings(max_examples=150, deadline=None)
    @given(instances(max_mentees=12, max_mentors=6))
    def test_solving_each_component_alone_gives_the_same_optimum(self, instance):
        with mock.patch("matching.solver.ARCS_A_SOLVE", 1):
            alone = solve(**instance)
        self.assert_breaks_no_rule(instance, alone)
        self.assertEqual((alone.matched, alone.total_score), exact_optimum(instance))

    @settings(max_examples=150, deadline=None)
    @given(instances(max_mentees=25, max_mentors=8))
    def test_the_matched_count_is_the_maximum_matching(self, instance):
        result = solve(**instance)
        self.assert_breaks_no_rule(instance, result)
        self.assertEqual(result.matched, maximum_matching(instance))

    @settings(max_examples=150, deadline=None)
    @given(instances())
    def test_greedy_never_beats_the_solver(self, instance):
        args = {k: instance[k] for k in ("n_mentees", "capacity", "cand_mentee", "cand_mentor", "score")}
        optimal, hand = solve(**args), greedy(**args)
        self.assertGreaterEqual((optimal.matched, optimal.total_score), (hand.matched, hand.total_score))

    def test_more_mentees_matched_beats_a_higher_score(self):
        # mentee 0 could take the only place with score 100, but then mentee 1 stays alone
        result = solve(2, np.array([1, 1]), np.array([0, 0, 1]), np.array([0, 1, 0]), np.array([100, 1, 1]))
        self.assertEqual(result.matched, 2)

    def test_a_disliked_pair_is_still_made_when_it_is_the_only_way_to_match(self):
        result = solve(1, np.array([1]), np.array([0]), np.array([0]), np.array([-80]))
        self.assertEqual((result.matched, result.total_score), (1, -80))

    def test_a_pinned_pair_is_kept_even_when_not_optimal(self):
        mentee, mentor, score = np.array([0, 0]), np.array([0, 1]), np.array([90, 10])
        result = solve(1, np.array([1, 1]), mentee, mentor, score, pinned=np.array([False, True]))
        self.assertEqual((result.mentor.tolist(), result.total_score), ([1], 10))

    def test_pins_beyond_a_mentors_places_are_refused(self):
        with self.assertRaisesRegex(SolverError, "свободных мест"):
            solve(2, np.array([1]), np.array([0, 1]), np.array([0, 0]), np.array([1, 1]),
                  pinned=np.array([True, True]))
