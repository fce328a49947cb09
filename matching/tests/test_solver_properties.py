"""The solver against an independent exact method (brute force) on random small instances."""

import itertools

import numpy as np
from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.solver import greedy, solve


@st.composite
def instances(draw):
    m = draw(st.integers(1, 5))
    n = draw(st.integers(1, 3))
    capacity = draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))
    allowed = draw(st.lists(st.tuples(st.integers(0, m - 1), st.integers(0, n - 1)), max_size=m * n, unique=True))
    scores = draw(st.lists(st.integers(0, 50), min_size=len(allowed), max_size=len(allowed)))
    return m, np.array(capacity), allowed, scores


def brute_force(m, capacity, allowed, scores):
    """The best (matched, total score) over every way to give each mentee one allowed mentor or none."""
    options = [[None] + [k for k, (mentee, _) in enumerate(allowed) if mentee == i] for i in range(m)]
    best = (0, 0)
    for choice in itertools.product(*options):
        used = [k for k in choice if k is not None]
        load = np.bincount([allowed[k][1] for k in used], minlength=len(capacity))
        if (load <= capacity).all():
            best = max(best, (len(used), sum(scores[k] for k in used)))
    return best


def arrays(allowed, scores):
    pairs = np.array(allowed, dtype=np.int64).reshape(-1, 2)
    return pairs[:, 0], pairs[:, 1], np.array(scores, dtype=np.int64)


class SolverPropertyTests(SimpleTestCase):
    @settings(max_examples=300, deadline=None)
    @given(instances())
    def test_the_assignment_is_optimal_and_breaks_no_rule(self, instance):
        m, capacity, allowed, scores = instance
        mentee, mentor, score = arrays(allowed, scores)
        result = solve(m, capacity, mentee, mentor, score)
        # never an unallowed pair, a mentee twice, or a mentor over capacity
        self.assertTrue(set(zip(result.mentee.tolist(), result.mentor.tolist(), strict=True)) <= set(allowed))
        self.assertEqual(len(set(result.mentee.tolist())), result.matched)
        self.assertTrue((np.bincount(result.mentor, minlength=len(capacity)) <= capacity).all())
        # first the most mentees, then the highest total score
        self.assertEqual((result.matched, result.total_score), brute_force(m, capacity, allowed, scores))

    @settings(max_examples=200, deadline=None)
    @given(instances())
    def test_greedy_never_beats_the_solver(self, instance):
        m, capacity, allowed, scores = instance
        args = (m, capacity, *arrays(allowed, scores))
        optimal, hand = solve(*args), greedy(*args)
        self.assertGreaterEqual((optimal.matched, optimal.total_score), (hand.matched, hand.total_score))

    def test_more_mentees_matched_beats_a_higher_score(self):
        # mentee 0 could take the only place with score 100, but then mentee 1 stays alone
        result = solve(2, np.array([1, 1]), np.array([0, 0, 1]), np.array([0, 1, 0]), np.array([100, 1, 1]))
        self.assertEqual(result.matched, 2)

    def test_a_pinned_pair_is_kept_even_when_not_optimal(self):
        mentee, mentor, score = np.array([0, 0]), np.array([0, 1]), np.array([90, 10])
        result = solve(1, np.array([1, 1]), mentee, mentor, score, pinned=np.array([False, True]))
        self.assertEqual((result.mentor.tolist(), result.total_score), ([1], 10))
