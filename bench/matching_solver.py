"""The matching solver on generated candidate arrays: a region (200 000 mentees, 70 000 mentors,
about 30 eligible mentors a mentee) and one organization (2 000 mentees, 800 mentors, all pairs
allowed); the greedy, by-hand assignment as a share of the optimum."""

import resource
import time

import numpy as np

from matching.solver import greedy, solve


def _region(rng):
    mentees, mentors, per_mentee, organizations = 200_000, 70_000, 30, 2_000
    # Mentors are drawn near each mentee's organization, as blocking by territory yields.
    org_of_mentee = rng.integers(0, organizations, mentees)
    mentors_per_org = mentors // organizations
    local = rng.integers(0, mentors_per_org * 3, (mentees, per_mentee))
    cand_mentor = ((org_of_mentee[:, None] * mentors_per_org + local) % mentors).ravel()
    cand_mentee = np.repeat(np.arange(mentees), per_mentee)
    unique = np.unique(cand_mentee * mentors + cand_mentor)
    cand_mentee, cand_mentor = unique // mentors, unique % mentors
    score = rng.integers(0, 100, len(unique))
    capacity = rng.integers(1, 4, mentors)
    return mentees, capacity, cand_mentee, cand_mentor, score


def _organization(rng):
    mentees, mentors = 2_000, 800
    cand_mentee = np.repeat(np.arange(mentees), mentors)
    cand_mentor = np.tile(np.arange(mentors), mentees)
    return mentees, rng.integers(1, 4, mentors), cand_mentee, cand_mentor, rng.integers(0, 100, mentees * mentors)


def _measure(name, instance):
    started = time.perf_counter()
    optimal = solve(*instance)
    seconds = time.perf_counter() - started
    hand = greedy(*instance)
    print(f"{name}: кандидатов {len(instance[4]):,}, решение {seconds:.1f} с; подобрано {optimal.matched:,} "
          f"из {instance[0]:,}, сумма оценок {optimal.total_score:,}; жадный подбор: "
          f"{100 * hand.matched / max(optimal.matched, 1):.1f} % пар, {100 * hand.total_score / max(optimal.total_score, 1):.1f} % оценки")


def run() -> None:
    rng = np.random.default_rng(2026)
    _measure("организация 2 000 × 800, все пары допустимы", _organization(rng))
    _measure("регион 200 000 × 70 000, ≈30 наставников на наставляемого", _region(rng))
    print(f"пиковая память процесса: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} МБ")
