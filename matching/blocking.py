"""Candidate pairs by blocking, as arrays of rows, in chunks of bounded size. No Django here.

Matching never forms the full product of a region's mentees and mentors: a mentor is a candidate
for the mentees of their own organization; a partner's mentor for the mentees of the organizations
and territories its agreements serve; and, across a region, a teacher for young teachers of other
organizations (virtual mentoring), of whom each mentee keeps only their best-scoring ones.
"""

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

CHUNK = 2_000_000  # candidate pairs per block: bounds the memory of checking and scoring them


@dataclass
class Block:
    mentee: np.ndarray           # mentee rows
    mentor: np.ndarray           # mentor rows
    best_only: int | None = None  # keep only each mentee's best N candidates of this block


def same_key(mentee_rows: np.ndarray, mentee_keys: np.ndarray, mentor_rows: np.ndarray,
             mentor_keys: np.ndarray, chunk: int = CHUNK) -> Iterator[Block]:
    """Every (mentee, mentor) whose keys are equal: mentors sorted once, each mentee's range found by binary
    search, the pairs laid out with repeat and arange — no Python loop over people."""
    order = np.argsort(mentor_keys, kind="stable")
    keys, mentors = mentor_keys[order], mentor_rows[order]
    first = np.searchsorted(keys, mentee_keys, "left")
    counts = np.searchsorted(keys, mentee_keys, "right") - first
    ends = np.cumsum(counts)
    start = 0
    while start < len(mentee_rows):
        done = ends[start - 1] if start else 0
        stop = max(int(np.searchsorted(ends, done + chunk, "right")), start + 1)
        part = counts[start:stop]
        # The k-th pair of a mentee whose range starts at `first` and whose pairs start at `done + before` is mentor
        # first + k: the position of the pair, shifted by the mentee's first − (done + before).
        before = np.cumsum(part) - part
        shift = np.repeat(first[start:stop] - before, part)
        if len(shift):
            yield Block(np.repeat(mentee_rows[start:stop], part), mentors[np.arange(len(shift)) + shift])
        start = stop


def partners(mentee_rows: np.ndarray, mentee_lineage: np.ndarray, mentor_rows: np.ndarray,
             mentor_organization: np.ndarray, agreements: np.ndarray) -> Iterator[Block]:
    """A partner's mentors × the mentees under each organization or territory its agreements serve
    (`mentee_lineage`: the mentee's organization and the two levels above it; `agreements`: partner, served)."""
    pairs = list(same_key(np.arange(len(agreements)), agreements[:, 0], mentor_rows, mentor_organization[mentor_rows]))
    if not pairs:
        return
    agreement = np.concatenate([b.mentee for b in pairs])
    mentors = np.concatenate([b.mentor for b in pairs])
    levels = mentee_lineage[mentee_rows]
    found = [same_key(mentee_rows, levels[:, level], mentors, agreements[agreement, 1]) for level in range(3)]
    seen = np.empty(0, dtype=np.int64)
    for blocks in found:
        for block in blocks:
            keys = block.mentee * (1 << 32) + block.mentor
            fresh = ~np.isin(keys, seen)
            seen = np.union1d(seen, keys[fresh])
            if fresh.any():
                yield Block(block.mentee[fresh], block.mentor[fresh])


def across(mentee_rows: np.ndarray, mentee_organization: np.ndarray, mentor_rows: np.ndarray,
           mentor_organization: np.ndarray, best_only: int, chunk: int = CHUNK) -> Iterator[Block]:
    """Every mentee × every mentor of another organization, a slice of mentees at a time."""
    step = max(1, chunk // max(len(mentor_rows), 1))
    for start in range(0, len(mentee_rows), step):
        mentees = mentee_rows[start:start + step]
        rows = np.repeat(mentees, len(mentor_rows))
        mentors = np.tile(mentor_rows, len(mentees))
        other = mentee_organization[rows] != mentor_organization[mentors]
        yield Block(rows[other], mentors[other], best_only)


def best_per_mentee(mentee: np.ndarray, score: np.ndarray, n: int) -> np.ndarray:
    """Indices of each mentee's `n` highest scores."""
    order = np.lexsort((-score, mentee))
    sorted_mentee = mentee[order]
    starts = np.flatnonzero(np.r_[True, sorted_mentee[1:] != sorted_mentee[:-1]])
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    return order[rank < n]
