"""The optimal assignment of mentees to mentors as a min-cost flow (OR-Tools), fed with arrays.
No Django here.

Graph: source → mentee (capacity 1) → mentor (capacity 1, cost −(BONUS + score)) → sink (capacity =
the mentor's free places), plus a source → sink bypass for mentees left without a mentor.

The objective is lexicographic — first as many matched mentees as possible, then the highest total
score — through one big per-match BONUS: with integer scores in [0, S] and at most M mentees, any
matching's total score lies in [0, S·M], so with BONUS = S·M + 1 one more match always outweighs
any difference of total scores, and among matchings of equal size the cost orders them by score.
"""

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow


@dataclass
class Assignment:
    mentee: np.ndarray  # row indices of matched mentees
    mentor: np.ndarray  # their mentors' row indices
    score: np.ndarray   # the pair's score

    @property
    def matched(self) -> int:
        return len(self.mentee)

    @property
    def total_score(self) -> int:
        return int(self.score.sum())


class SolverError(RuntimeError):
    pass


def solve(n_mentees: int, capacity: np.ndarray, cand_mentee: np.ndarray, cand_mentor: np.ndarray,
          score: np.ndarray, pinned: np.ndarray | None = None) -> Assignment:
    """Candidates are allowed (mentee, mentor, score ≥ 0) triples; forbidden pairs are simply absent.
    `pinned` marks candidates that must be in the result (at most one per mentee, within capacity)."""
    cand_mentee = np.asarray(cand_mentee, dtype=np.int64)
    cand_mentor = np.asarray(cand_mentor, dtype=np.int64)
    score = np.asarray(score, dtype=np.int64)
    capacity = np.asarray(capacity, dtype=np.int64).copy()
    fixed = np.zeros(len(score), dtype=bool) if pinned is None else np.asarray(pinned, dtype=bool)
    if np.unique(cand_mentee[fixed]).size != fixed.sum():
        raise SolverError("у наставляемого закреплено больше одного наставника")
    np.subtract.at(capacity, cand_mentor[fixed], 1)
    if (capacity < 0).any():
        raise SolverError("закреплено больше наставляемых, чем позволяет ёмкость наставника")
    # Pinned mentees are decided; the rest is optimised around them.
    free = ~np.isin(cand_mentee, cand_mentee[fixed]) & ~fixed
    m, n = n_mentees, len(capacity)
    source, sink = m + n, m + n + 1
    bonus = int(score.max(initial=0)) * max(m, 1) + 1
    tails = np.concatenate([np.full(m, source), cand_mentee[free], m + np.arange(n), [source]])
    heads = np.concatenate([np.arange(m), m + cand_mentor[free], np.full(n, sink), [sink]])
    caps = np.concatenate([np.ones(m), np.ones(free.sum()), capacity, [m]]).astype(np.int64)
    costs = np.concatenate([np.zeros(m), -(bonus + score[free]), np.zeros(n), [0]]).astype(np.int64)
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    flow.set_nodes_supplies(np.array([source, sink]), np.array([m, -m]))
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise SolverError(f"решатель вернул состояние {status}")
    first = m
    used = flow.flows(np.arange(first, first + free.sum())) > 0
    chosen = np.flatnonzero(fixed) if fixed.any() else np.empty(0, dtype=np.int64)
    chosen = np.concatenate([chosen, np.flatnonzero(free)[used]])
    return Assignment(cand_mentee[chosen], cand_mentor[chosen], score[chosen])


def greedy(n_mentees: int, capacity: np.ndarray, cand_mentee: np.ndarray, cand_mentor: np.ndarray,
           score: np.ndarray) -> Assignment:
    """What a curator does by hand in Excel: best scores first. Used only to compare in the benchmark."""
    left = np.asarray(capacity, dtype=np.int64).copy()
    taken = np.zeros(n_mentees, dtype=bool)
    chosen = []
    for k in np.argsort(-np.asarray(score), kind="stable"):
        mentee, mentor = cand_mentee[k], cand_mentor[k]
        if not taken[mentee] and left[mentor] > 0:
            taken[mentee] = True
            left[mentor] -= 1
            chosen.append(k)
    chosen = np.array(chosen, dtype=np.int64)
    return Assignment(np.asarray(cand_mentee)[chosen], np.asarray(cand_mentor)[chosen], np.asarray(score)[chosen])
