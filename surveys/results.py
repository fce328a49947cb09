"""Arithmetic of the results: satisfaction in % and the entry → intermediate → final dynamics. No Django."""

from collections.abc import Iterable, Mapping

SATISFIED_FROM = 7  # on the 1–10 scale; the documents set no threshold
WAVES = ("entry", "intermediate", "final")


def satisfied(scores: Iterable[int]) -> tuple[int, int]:
    """(satisfied, answered) for the satisfaction scores of one group of respondents."""
    scores = list(scores)
    return sum(1 for s in scores if s >= SATISFIED_FROM), len(scores)


def percent(satisfied_count: int, answered: int) -> float | None:
    """Share in %, one decimal; None when nobody answered."""
    return round(100 * satisfied_count / answered, 1) if answered else None


def dynamics(scores_by_wave: Mapping[str, Iterable[int]]) -> list[tuple[str, float | None, float | None]]:
    """Per wave, in order: (wave, mean score, change from the previous wave with a mean)."""
    rows, previous = [], None
    for wave in WAVES:
        scores = list(scores_by_wave.get(wave, ()))
        mean = round(sum(scores) / len(scores), 1) if scores else None
        change = round(mean - previous, 1) if mean is not None and previous is not None else None
        rows.append((wave, mean, change))
        previous = mean if mean is not None else previous
    return rows
