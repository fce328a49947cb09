"""The optimal assignment of mentees to mentors as a min-cost flow (OR-Tools), fed with arrays.
No Django here.

Graph, built from whole arrays (never one Python object per candidate pair):
source → mentee (capacity 1) → mentor (capacity 1, cost −(BONUS + score′)) → sink (capacity = the
mentor's free places), plus a source → sink bypass that carries the mentees left without a mentor.
Only mentees and mentors that have at least one candidate become nodes.

The objective is lexicographic — first as many matched mentees as possible, then the highest total
score. Proof that one min-cost flow gives it:
1. Scores may be negative (a stated dislike). Let score′ = score − min(score) ≥ 0. A matching of k
   pairs has Σscore′ = Σscore − k·min(score): among matchings of the same size k the order by Σscore′
   is the order by Σscore, so it is enough to optimise (k, Σscore′) lexicographically.
2. Let S = max(score′) and K = min(number of mentees, total free places) ≥ k for every matching.
   The flow's cost is −(k·BONUS + Σscore′) with BONUS = K·S + 1. For a matching of k + 1 ≤ K pairs
   and any matching of k pairs: (k+1)·BONUS + Σ′(k+1 pairs) ≥ (k+1)·BONUS = k·BONUS + K·S + 1
   > k·BONUS + k·S ≥ k·BONUS + Σ′(k pairs), because every score′ ≤ S and k < K. So a larger matching
   always costs less, and among equal sizes the cost orders matchings by Σscore′ exactly: the
   minimum cost is the lexicographic optimum. Costs stay within int64: |cost| ≤ (K + 1)·S + 1, and
   OR-Tools multiplies them by the node count (≤ 10⁶) — 10⁶·10⁶·10³ < 9·10¹⁸ for S ≤ 10³.
Pinned pairs are decided before the flow: their mentees leave the graph and their mentors lose the
places they take. Forbidden candidates are dropped.

The graph falls apart into connected components (a school's mentees and mentors, joined only where a
partner's or a region's mentors span several schools). Both parts of the objective are sums over the
components, and no arc joins two of them, so the optimum of the whole is the union of the optima of
the parts: each is solved on its own (small ones packed together up to ARCS_A_SOLVE arcs). A region's
2 000 schools then cost 2 000 small flows instead of one large one — several times faster, and each
component's BONUS is its own K·S, a far smaller cost range for the cost-scaling algorithm.
"""

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

ARCS_A_SOLVE = 5_000  # small components are packed into one flow up to this many candidate arcs


@dataclass
class Assignment:
    candidate: np.ndarray  # the chosen rows of the candidate arrays
    mentee: np.ndarray     # mentee row of each chosen pair
    mentor: np.ndarray     # mentor row
    score: np.ndarray      # the pair's score

    @property
    def matched(self) -> int:
        return len(self.mentee)

    @property
    def total_score(self) -> int:
        return int(self.score.sum())


class SolverError(ValueError):
    pass


@dataclass
class Network:
    """The flow network of the free candidates; arc k < len(candidate) is the candidate arc of row candidate[k]."""

    candidate: np.ndarray
    tails: np.ndarray
    heads: np.ndarray
    capacities: np.ndarray
    costs: np.ndarray
    source: int
    sink: int
    supply: int

    def solver(self) -> min_cost_flow.SimpleMinCostFlow:
        flow = min_cost_flow.SimpleMinCostFlow()
        flow.add_arcs_with_capacity_and_unit_cost(self.tails, self.heads, self.capacities, self.costs)
        flow.set_nodes_supplies(np.array([self.source, self.sink]), np.array([self.supply, -self.supply]))
        return flow


def _bonus(score: np.ndarray, mentees: int, places: int) -> int:
    """The per-match bonus of the module's proof: K·S + 1 (S = the largest shifted score)."""
    return min(mentees, places) * int(score.max(initial=0)) + 1


def network(capacity: np.ndarray, cand_mentee: np.ndarray, cand_mentor: np.ndarray, score: np.ndarray,
            rows: np.ndarray) -> Network:
    """The min-cost-flow network of the candidate `rows` (capacity already net of pins)."""
    mentees, mentee_node = np.unique(cand_mentee[rows], return_inverse=True)
    mentors, mentor_node = np.unique(cand_mentor[rows], return_inverse=True)
    m, n = len(mentees), len(mentors)
    source, sink = m + n, m + n + 1
    shifted = score[rows] - score[rows].min(initial=0)
    bonus = _bonus(shifted, m, int(capacity[mentors].sum()))
    tails = np.concatenate([mentee_node, m + np.arange(n), np.full(m, source), [source]])
    heads = np.concatenate([m + mentor_node, np.full(n, sink), np.arange(m), [sink]])
    capacities = np.concatenate([np.ones(len(rows)), capacity[mentors], np.ones(m), [m]])
    costs = np.concatenate([-(bonus + shifted), np.zeros(n + m + 1)])
    return Network(rows, tails.astype(np.int32), heads.astype(np.int32), capacities.astype(np.int64),
                   costs.astype(np.int64), source, sink, m)


def _pins(capacity, cand_mentee, cand_mentor, pinned, forbidden) -> np.ndarray:
    """The capacity left after the pinned pairs; refuses pins that cannot all hold."""
    if (pinned & forbidden).any():
        raise SolverError("пара закреплена и исключена одновременно")
    if np.unique(cand_mentee[pinned]).size != pinned.sum():
        raise SolverError("у наставляемого закреплено больше одного наставника")
    left = capacity - np.bincount(cand_mentor[pinned], minlength=len(capacity))
    if (left < 0).any():
        raise SolverError("закреплено больше наставляемых, чем свободных мест у наставника")
    return left


def components(cand_mentee: np.ndarray, cand_mentor: np.ndarray) -> np.ndarray:
    """Per candidate row, the connected component it lies in, named by its smallest mentee row: labels
    spread mentee → mentor → mentee by segment minima (each side sorted once), with pointer jumping."""
    by_mentor, by_mentee = np.argsort(cand_mentor, kind="stable"), np.argsort(cand_mentee, kind="stable")
    mentor_starts = np.flatnonzero(np.r_[True, np.diff(cand_mentor[by_mentor]) != 0])
    mentee_starts = np.flatnonzero(np.r_[True, np.diff(cand_mentee[by_mentee]) != 0])
    label = np.arange(int(cand_mentee.max(initial=-1)) + 1)
    while True:
        mentor_label = np.minimum.reduceat(label[cand_mentee[by_mentor]], mentor_starts)
        per_row = np.repeat(mentor_label, np.diff(np.r_[mentor_starts, len(by_mentor)]))
        row_label = np.empty(len(by_mentor), dtype=label.dtype)
        row_label[by_mentor] = per_row
        heads = cand_mentee[by_mentee][mentee_starts]
        new = label.copy()
        new[heads] = np.minimum(label[heads], np.minimum.reduceat(row_label[by_mentee], mentee_starts))
        new = new[new]  # pointer jumping: a label is a mentee row whose own label is no larger
        if (new == label).all():
            return label[cand_mentee]
        label = new


def _parts(cand_mentee: np.ndarray, cand_mentor: np.ndarray) -> list[np.ndarray]:
    """Row indices of each flow to solve: whole components, small ones packed up to ARCS_A_SOLVE arcs."""
    if not len(cand_mentee):
        return []
    component = components(cand_mentee, cand_mentor)
    arcs = np.bincount(component)
    batch_of = (np.cumsum(arcs) - arcs) // ARCS_A_SOLVE
    batch = batch_of[component]
    order = np.argsort(batch, kind="stable")
    return np.split(order, np.flatnonzero(np.diff(batch[order])) + 1)


def _optimum(net: Network) -> np.ndarray:
    """The candidate rows the min-cost flow of `net` uses."""
    flow = net.solver()
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise SolverError(f"решатель вернул состояние {status}")
    return net.candidate[flow.flows(np.arange(len(net.candidate))) > 0]


def solve(n_mentees: int, capacity: np.ndarray, cand_mentee: np.ndarray, cand_mentor: np.ndarray,
          score: np.ndarray, pinned: np.ndarray | None = None, forbidden: np.ndarray | None = None) -> Assignment:
    """The lexicographic optimum over candidate rows (mentee row, mentor row, integer score).

    `capacity[j]` is mentor j's free places; `pinned` marks rows that must be in the result (at most
    one per mentee, within capacity), `forbidden` rows that must not. Mentee rows are < n_mentees.
    """
    cand_mentee = np.asarray(cand_mentee, dtype=np.int64)
    cand_mentor = np.asarray(cand_mentor, dtype=np.int64)
    score = np.asarray(score, dtype=np.int64)
    none = np.zeros(len(score), dtype=bool)
    pinned = none if pinned is None else np.asarray(pinned, dtype=bool)
    forbidden = none if forbidden is None else np.asarray(forbidden, dtype=bool)
    left = _pins(np.asarray(capacity, dtype=np.int64), cand_mentee, cand_mentor, pinned, forbidden)
    decided = np.zeros(n_mentees, dtype=bool)
    decided[cand_mentee[pinned]] = True
    rows = np.flatnonzero(~forbidden & ~decided[cand_mentee] & (left[cand_mentor] > 0))
    chosen = [np.flatnonzero(pinned)]
    for part in _parts(cand_mentee[rows], cand_mentor[rows]):
        chosen.append(_optimum(network(left, cand_mentee, cand_mentor, score, rows[part])))
    chosen = np.sort(np.concatenate(chosen))
    return Assignment(chosen, cand_mentee[chosen], cand_mentor[chosen], score[chosen])


def greedy(n_mentees: int, capacity: np.ndarray, cand_mentee: np.ndarray, cand_mentor: np.ndarray,
           score: np.ndarray) -> Assignment:
    """What a curator does by hand in Excel: the best scores first. Only for comparison in the benchmark."""
    left = np.asarray(capacity, dtype=np.int64).copy()
    taken = np.zeros(n_mentees, dtype=bool)
    chosen = []
    order = np.argsort(-np.asarray(score), kind="stable")
    for k, mentee, mentor in zip(order.tolist(), cand_mentee[order].tolist(), cand_mentor[order].tolist(),
                                 strict=True):
        if not taken[mentee] and left[mentor] > 0:
            taken[mentee] = True
            left[mentor] -= 1
            chosen.append(k)
    chosen = np.sort(np.array(chosen, dtype=np.int64))
    return Assignment(chosen, np.asarray(cand_mentee)[chosen], np.asarray(cand_mentor)[chosen],
                      np.asarray(score)[chosen])
