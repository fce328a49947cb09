"""Scores of candidate pairs with their reasons. No Django here.

Texts (interests, tags, requests, competences, «чем могу быть полезен») become sets of crude
Russian stems; each person's set is packed into bit masks over the scope's vocabulary, so the
overlap of millions of candidate pairs is a vectorised AND and popcount. Reasons in words are
built only for the suggestions shown.
"""

import re
from dataclasses import dataclass

import numpy as np

WORD = re.compile(r"[а-яёa-z0-9+#]+", re.IGNORECASE)
STOP = {"и", "в", "на", "по", "к", "с", "для", "о", "об", "не", "или", "от", "до", "из", "за", "как", "при"}
STEM = 5  # a crude stem: «олимпиада», «олимпиадная», «олимпиадам» meet at «олимп»

# Points per criterion; an organization may tune them (defaults documented in README).
DEFAULT_WEIGHTS = {
    "request": 30,      # per request stem met in the mentor's competences or «чем могу быть полезен»
    "interest": 10,     # per shared interest or tag
    "age": 15,          # the mentee's age within the mentor's preferred range
    "time": 10,         # the mentor has time for a meeting every two weeks
    "form": 10,         # the mentee asked for this form and the mentor is ready for it
}
MEETING_HOURS_A_MONTH = 2  # at least once every two weeks (stage 6), an hour each


def stems(text: str) -> set[str]:
    words = (w.lower().replace("ё", "е").lstrip("#") for w in WORD.findall(text or ""))
    return {w[:STEM] for w in words if len(w) > 2 and w not in STOP}


def phrases(text: str) -> list[str]:
    """Comma- or semicolon-separated items as people wrote them, for the reasons."""
    return [p.strip() for p in re.split(r"[;,\n]", text or "") if p.strip()]


class Vocabulary:
    """Stems → bit positions; a person's stems become `words` uint64 masks."""

    def __init__(self, texts_of_people: list[set[str]], max_words: int = 16):
        counts: dict[str, int] = {}
        for person in texts_of_people:
            for stem in person:
                counts[stem] = counts.get(stem, 0) + 1
        # Past 64 × max_words stems the rarest are dropped (they would rarely meet anyway).
        self.words = max(1, min(max_words, -(-len(counts) // 64)))
        top = sorted(counts, key=lambda s: (-counts[s], s))[: 64 * self.words]
        self.index = {stem: i for i, stem in enumerate(top)}

    def masks(self, people: list[set[str]]) -> np.ndarray:
        out = np.zeros((len(people), self.words), dtype=np.uint64)
        for row, person in enumerate(people):
            for stem in person:
                bit = self.index.get(stem)
                if bit is not None:
                    out[row, bit // 64] |= np.uint64(1) << np.uint64(bit % 64)
        return out


def overlap(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.bitwise_count(a & b).sum(axis=1).astype(np.int64)


@dataclass
class Profiles:
    """Arrays of one side (mentees or mentors) for scoring."""

    interests: np.ndarray       # masks
    topics: np.ndarray          # mentees: requests; mentors: competences + «чем могу быть полезен»
    age: np.ndarray             # mentees: age at the start (-1 unknown)
    age_min: np.ndarray         # mentors: preferred mentee age (-1 unknown)
    age_max: np.ndarray
    hours: np.ndarray           # mentors: hours a month (-1 unknown)
    form_wanted: np.ndarray     # bool: mentee asked for / mentor is ready for the form being matched


def score(mentees: Profiles, mentors: Profiles, mentee_idx: np.ndarray, mentor_idx: np.ndarray,
          weights: dict[str, int] = DEFAULT_WEIGHTS) -> np.ndarray:
    s = weights["request"] * overlap(mentees.topics[mentee_idx], mentors.topics[mentor_idx])
    s += weights["interest"] * overlap(mentees.interests[mentee_idx], mentors.interests[mentor_idx])
    age, low, high = mentees.age[mentee_idx], mentors.age_min[mentor_idx], mentors.age_max[mentor_idx]
    s += weights["age"] * ((age >= 0) & (low >= 0) & (high >= 0) & (low <= age) & (age <= high))
    s += weights["time"] * (mentors.hours[mentor_idx] >= MEETING_HOURS_A_MONTH)
    s += weights["form"] * (mentees.form_wanted[mentee_idx] & mentors.form_wanted[mentor_idx])
    return s


def reasons(mentee: dict, mentor: dict, weights: dict[str, int] = DEFAULT_WEIGHTS) -> list[tuple[str, int]]:
    """One pair's score in words, [(reason, points)], counted as `score` counts it.
    `mentee` holds requests (list), interests, age, form_wanted; `mentor` competences, useful_for,
    interests, tags, age_min, age_max, hours, form_wanted."""
    out = []
    offered = [(p, stems(p)) for p in phrases(mentor["competences"]) + phrases(mentor["useful_for"])]
    met = set().union(*(stems(r) for r in mentee["requests"])) & set().union(set(), *(h for _, h in offered))
    if met:
        links = [f"запрос «{r}» ↔ компетенция «{p}»" for r in mentee["requests"] for p, h in offered if stems(r) & h]
        out.append(("; ".join(dict.fromkeys(links)), weights["request"] * len(met)))
    mentor_interests = stems(mentor["interests"]) | stems(mentor["tags"])
    common = stems(mentee["interests"]) & mentor_interests
    if common:
        shared = [p for p in phrases(mentee["interests"]) if stems(p) & mentor_interests]
        out.append(("общие интересы: " + ", ".join(shared), weights["interest"] * len(common)))
    age, low, high = mentee["age"], mentor["age_min"], mentor["age_max"]
    if None not in (age, low, high) and low <= age <= high:
        out.append((f"возраст {age} в предпочтениях наставника ({low}–{high})", weights["age"]))
    if (mentor["hours"] or 0) >= MEETING_HOURS_A_MONTH:
        out.append((f"у наставника есть время: {mentor['hours']} ч в месяц", weights["time"]))
    if mentee["form_wanted"] and mentor["form_wanted"]:
        out.append(("оба выбрали эту форму наставничества", weights["form"]))
    return out
