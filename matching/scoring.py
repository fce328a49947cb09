"""Scores of candidate pairs on a 0–100 scale, and their reasons in Russian. No Django here.

A score is a sum of integer points per criterion, from the questionnaires of stages 2–5 (the default points of the
six criteria add up to 100):
- the mentee's requests met by the mentor's competences and «чем могу быть полезен»: the share of what the
  requests ask for that the mentor offers, each subject weighted by its rarity in the scope (`matching.texts`
  says what a request asks for: its subjects, whatever the word forms, not generic words);
- shared interests (the mentor's interests and #tags): the share of the mentee's interests the mentor shares;
- the mentee's age within the mentor's preferred age;
- the mentor's time resource for a meeting at least once every two weeks (stage 6);
- the form: the mentee asked for it and the mentor is ready for it;
- the role-model variant the mentee needs, when the mentor's tags or competences name its mentor role
  (for «лидер – пассивный», a mentor tagged «#лидер»);
- the preferences stated after the group meeting (stage 5): a like of either side adds, a dislike
  subtracts — a preference, not a rule, so a disliked pair may still be the only way to match someone.
The sum is kept within 0–100.

Each person's terms are packed into bit masks over the terms present on both sides (a term only one side uses
can never meet); a mentee's terms are split into bit planes by weight (1–7), so the weighted overlap of millions
of candidate pairs is a vectorised AND and popcount per plane, exact. Reasons in words are built only for the
suggestions shown, from the same terms and weights, so their points always add up to the score.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace

import numpy as np

from matching.texts import needs, phrases, terms

MEETINGS_A_MONTH = 2  # «не реже одного раза в две недели» (stage 6), an hour each
SCALE = 100
PLANES = 3            # a term's weight 1..7 takes three bit planes

# Points per criterion (the documented defaults; an organization tunes its own in MatchingWeights).
DEFAULT_WEIGHTS = {
    "request": 40,    # all the mentee's requests met (a share of them: a share of the points)
    "interest": 15,   # all the mentee's interests shared
    "age": 10,        # the mentee's age within the mentor's preferred range
    "time": 10,       # the mentor has ≥ 2 hours a month: a meeting every two weeks
    "form": 10,       # the mentee asked for this form and the mentor is ready for it
    "variant": 15,    # the mentor fits the role-model variant the mentee needs
    "like": 10,       # per side that would like to work with the other (after the group meeting)
    "dislike": 50,    # subtracted per side that would not
}
CRITERIA = ("request", "interest", "age", "time", "form", "variant")


def variant_mentor_role(variant: str) -> str:
    """«лидер – пассивный» → «лидер»: the mentor's part of a role-model variant."""
    return re.split(r"\s+[–—-]\s+", variant, maxsplit=1)[0]


@dataclass
class Questionnaire:
    """What one person answered, as far as matching uses it (texts as they were written)."""

    requests: tuple[str, ...] = ()   # mentee: the requests (запросы)
    interests: str = ""
    tags: str = ""                   # mentor
    competences: str = ""            # mentor
    useful_for: str = ""             # mentor: «чем могу быть полезен»
    age: int = -1                    # mentee: full years on the start date, -1 unknown
    age_min: int = -1                # mentor: the preferred age of mentees, -1 unknown
    age_max: int = -1
    hours: int = -1                  # mentor: hours a month, -1 unknown
    variant: str = ""                # mentee: the role-model variant they need (its name)

    def topic_text(self) -> str:
        """Requests of a mentee, or competences and «чем могу быть полезен» of a mentor."""
        return "\n".join([*self.requests, self.competences, self.useful_for])

    def interest_text(self) -> str:
        """Interests, and a mentor's #tags."""
        return f"{self.interests}\n{self.tags}"

    def role_text(self) -> str:
        return f"{self.tags}\n{self.competences}\n{self.useful_for}"


class Vocabulary:
    """The terms both sides use as bit positions, and the weight of every term of the scope by its rarity:
    a subject few people name (хакасский) outweighs one everybody names (математика)."""

    def __init__(self, known: frozenset[str], level: dict[str, int]):
        self.index = {term: bit for bit, term in enumerate(sorted(known))}
        self.level = level
        self.words = max(1, -(-len(self.index) // 64))

    @classmethod
    def shared(cls, needed_texts: list[str], offered_texts: list[str]) -> "Vocabulary":
        """From what one side asks for and what the other offers, a text per person."""
        people = Counter()
        for text, count in Counter(needed_texts).items():
            subjects, fallback = needs(text)
            people.update(dict.fromkeys(subjects | fallback, count))
        needed = frozenset(people)
        for text, count in Counter(offered_texts).items():
            people.update(dict.fromkeys(terms(text), count))
        total = max(1, len(needed_texts) + len(offered_texts))
        level = {term: min(7, 1 + int(math.log2(total / n))) for term, n in people.items()}
        offered = frozenset().union(*(terms(t) for t in set(offered_texts)))
        return cls(needed & offered, level)

    def weights(self, text: str) -> dict[str, int]:
        """What a text asks for, each term with its weight; generic words of a phrase with no subject weigh 1."""
        subjects, fallback = needs(text)
        return {**dict.fromkeys(fallback, 1), **{t: self.level.get(t, 1) for t in subjects}}

    def _set(self, table: np.ndarray, row: int, plane: int | None, term: str) -> None:
        bit = self.index.get(term)
        if bit is not None:
            cell = (row, bit // 64) if plane is None else (row, plane, bit // 64)
            table[cell] |= np.uint64(1) << np.uint64(bit % 64)

    def masks(self, texts: list[str]) -> np.ndarray:
        """What each text offers: one row of masks per text; each distinct text is normalised once."""
        rows, inverse = _distinct(texts)
        table = np.zeros((len(rows), self.words), dtype=np.uint64)
        for text, row in rows.items():
            for term in terms(text):
                self._set(table, row, None, term)
        return table[inverse]

    def planes(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """What each text asks for: masks per weight plane (n × PLANES × words), and each text's total weight."""
        rows, inverse = _distinct(texts)
        table = np.zeros((len(rows), PLANES, self.words), dtype=np.uint64)
        totals = np.zeros(len(rows), dtype=np.int64)
        for text, row in rows.items():
            weights = self.weights(text)
            totals[row] = sum(weights.values())
            for term, weight in weights.items():
                for plane in range(PLANES):
                    if weight >> plane & 1:
                        self._set(table, row, plane, term)
        return table[inverse], totals[inverse]

    def met(self, needed: str, offered: str) -> tuple[int, int]:
        """(weight met, weight asked) of one pair, as `weighted_overlap` counts it."""
        weights, offer = self.weights(needed), terms(offered)
        return sum(w for t, w in weights.items() if t in offer and t in self.index), sum(weights.values())


def _distinct(texts: list[str]) -> tuple[dict[str, int], np.ndarray]:
    rows: dict[str, int] = {}
    inverse = np.fromiter((rows.setdefault(t, len(rows)) for t in texts), dtype=np.int64, count=len(texts))
    return rows, inverse


def weighted_overlap(planes: np.ndarray, masks: np.ndarray) -> np.ndarray:
    """Σ over planes of 2^plane · popcount(plane & mask), row by row."""
    out = np.zeros(len(masks), dtype=np.int64)
    for plane in range(PLANES):
        out += np.bitwise_count(planes[:, plane] & masks).sum(axis=1, dtype=np.int64) << plane
    return out


def share(points: int, met, asked):
    """`points` × met / asked, rounded down (0 when nothing is asked): the same for arrays and ints."""
    return points * met // np.maximum(asked, 1)


@dataclass
class Lexicon:
    """The vocabularies of a scope: requests ↔ offers, interests ↔ interests."""

    topics: Vocabulary
    interests: Vocabulary

    @classmethod
    def of(cls, mentees: list["Questionnaire"], mentors: list["Questionnaire"]) -> "Lexicon":
        return cls(Vocabulary.shared([q.topic_text() for q in mentees], [q.topic_text() for q in mentors]),
                   Vocabulary.shared([q.interest_text() for q in mentees], [q.interest_text() for q in mentors]))


@dataclass
class Side:
    """One side (mentees or mentors) as arrays, one row per person."""

    ids: np.ndarray
    topics: np.ndarray        # mentees: weight planes of the requests; mentors: masks of competences, «чем могу быть полезен»
    interests: np.ndarray     # mentees: weight planes of the interests; mentors: masks of interests and tags
    asked: np.ndarray         # mentees: (the requests' total weight, the interests' total weight); mentors: zeros
    age: np.ndarray
    age_min: np.ndarray
    age_max: np.ndarray
    hours: np.ndarray
    form_wanted: np.ndarray
    variant: np.ndarray       # mentees: index of the needed variant in `variants`, -1 none; mentors: bit set of fitting ones
    lexicon: Lexicon = field(repr=False, default=None)


def _ints(people, name):
    return np.fromiter((getattr(q, name) for q in people), dtype=np.int64, count=len(people))


def sides(mentee_ids, mentees: list[Questionnaire], mentor_ids, mentors: list[Questionnaire]) -> tuple[Side, Side]:
    """The arrays of both sides, whatever the form; `for_form` adds the form's own answers."""
    lexicon = Lexicon.of(mentees, mentors)

    def side(ids, people, topics, interests, asked) -> Side:
        return Side(ids=np.asarray(ids, dtype=np.int64), topics=topics, interests=interests, asked=asked,
                    age=_ints(people, "age"), age_min=_ints(people, "age_min"), age_max=_ints(people, "age_max"),
                    hours=_ints(people, "hours"), form_wanted=np.zeros(len(people), dtype=bool),
                    variant=np.full(len(people), -1), lexicon=lexicon)

    topics, asked_topics = lexicon.topics.planes([q.topic_text() for q in mentees])
    interests, asked_interests = lexicon.interests.planes([q.interest_text() for q in mentees])
    mentee_side = side(mentee_ids, mentees, topics, interests, np.stack([asked_topics, asked_interests], axis=1))
    mentor_side = side(mentor_ids, mentors, lexicon.topics.masks([q.topic_text() for q in mentors]),
                       lexicon.interests.masks([q.interest_text() for q in mentors]),
                       np.zeros((len(mentors), 2), dtype=np.int64))
    return mentee_side, mentor_side


def fits_variant(mentor: Questionnaire, variant: str) -> bool:
    """The mentor's tags, competences or «чем могу быть полезен» name the mentor's role of the variant."""
    role = terms(variant_mentor_role(variant))
    return bool(role) and role <= terms(mentor.role_text())


def for_form(mentee_side: Side, mentor_side: Side, mentees: list[Questionnaire], mentors: list[Questionnaire],
             variants: list[str], mentee_wants: np.ndarray, mentor_ready: np.ndarray) -> tuple[Side, Side]:
    """The sides with one form's answers: who asked for it, who is ready for it, and its role-model variants."""
    position = {name: i for i, name in enumerate(variants)}
    wanted = np.fromiter((position.get(q.variant, -1) for q in mentees), dtype=np.int64, count=len(mentees))
    roles = [variant_mentor_role(v) for v in variants]
    vocabulary = Vocabulary(frozenset().union(*(terms(r) for r in roles)), {})
    own, needed = vocabulary.masks([q.role_text() for q in mentors]), vocabulary.masks(roles)
    fits = np.zeros(len(mentors), dtype=np.int64)
    for i, role in enumerate(needed):  # as fits_variant: every term of the role among the mentor's own
        if role.any():
            fits |= ((own & role) == role).all(axis=1).astype(np.int64) << i
    return (replace(mentee_side, form_wanted=mentee_wants, variant=wanted),
            replace(mentor_side, form_wanted=mentor_ready, variant=fits))


@dataclass
class Preferences:
    """Stated after the group meeting: sorted keys from_id·2³² + to_id of likes and of dislikes."""

    likes: np.ndarray
    dislikes: np.ndarray

    @classmethod
    def build(cls, rows) -> "Preferences":
        """From (from id, to id, is_like) rows."""
        rows = np.asarray(list(rows), dtype=np.int64).reshape(-1, 3)
        keys = rows[:, 0] * (1 << 32) + rows[:, 1]
        return cls(np.unique(keys[rows[:, 2] == 1]), np.unique(keys[rows[:, 2] == 0]))

    @staticmethod
    def _has(table: np.ndarray, keys: np.ndarray) -> np.ndarray:
        if not len(table):
            return np.zeros(len(keys), dtype=bool)
        position = np.minimum(np.searchsorted(table, keys), len(table) - 1)
        return table[position] == keys

    def count(self, table_name: str, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """How many of the two sides (a about b, b about a) stated this kind: 0, 1 or 2."""
        table = getattr(self, table_name)
        return (self._has(table, a * (1 << 32) + b).astype(np.int64) + self._has(table, b * (1 << 32) + a))


NO_PREFERENCES = Preferences(np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64))


def _age_fits(age, low, high):
    return (age >= 0) & ((low >= 0) | (high >= 0)) & ((low < 0) | (low <= age)) & ((high < 0) | (age <= high))


def score(mentees: Side, mentors: Side, mentee_idx: np.ndarray, mentor_idx: np.ndarray,
          weights: dict[str, int] = DEFAULT_WEIGHTS, preferences: Preferences = NO_PREFERENCES) -> np.ndarray:
    """The score (0–100) of each candidate (mentees row mentee_idx[k], mentors row mentor_idx[k])."""
    i, j = mentee_idx, mentor_idx
    asked = mentees.asked[i]
    s = share(weights["request"], weighted_overlap(mentees.topics[i], mentors.topics[j]), asked[:, 0])
    s += share(weights["interest"], weighted_overlap(mentees.interests[i], mentors.interests[j]), asked[:, 1])
    s += weights["age"] * _age_fits(mentees.age[i], mentors.age_min[j], mentors.age_max[j])
    s += weights["time"] * (mentors.hours[j] >= MEETINGS_A_MONTH)
    s += weights["form"] * (mentees.form_wanted[i] & mentors.form_wanted[j])
    wanted = mentees.variant[i]
    s += weights["variant"] * ((wanted >= 0) & ((mentors.variant[j] >> np.maximum(wanted, 0)) & 1).astype(bool))
    a, b = mentees.ids[i], mentors.ids[j]
    s += weights["like"] * preferences.count("likes", a, b) - weights["dislike"] * preferences.count("dislikes", a, b)
    return np.clip(s, 0, SCALE)


@dataclass(frozen=True)
class Reason:
    text: str
    points: int


def _request_links(mentee: Questionnaire, mentor: Questionnaire, topics: Vocabulary) -> list[str]:
    offered = [(p, "компетенция") for p in phrases(mentor.competences)]
    offered += [(p, "«чем могу быть полезен»:") for p in phrases(mentor.useful_for)]
    links = []
    for request in mentee.requests:
        for phrase, label in offered:
            if topics.met(request, phrase)[0]:
                links.append(f"запрос «{request}» ↔ {label} «{phrase}»")
    return list(dict.fromkeys(links))


def _age_range(mentor: Questionnaire) -> str:
    if mentor.age_min >= 0 and mentor.age_max >= 0:
        return f"{mentor.age_min}–{mentor.age_max} лет"
    return f"от {mentor.age_min} лет" if mentor.age_min >= 0 else f"до {mentor.age_max} лет"


def explain(mentee: Questionnaire, mentor: Questionnaire, weights: dict[str, int] = DEFAULT_WEIGHTS, *,
            lexicon: Lexicon | None = None, form_agreed: bool = False, variants: tuple[str, ...] = (),
            likes: tuple[bool, bool] = (False, False), dislikes: tuple[bool, bool] = (False, False)) -> list[Reason]:
    """One pair's score in words, counted exactly as `score` counts it (`total` of them is the score).
    `lexicon`: the scope's vocabularies (by default the two questionnaires alone); `form_agreed`: the mentee
    asked for the form and the mentor is ready for it; `variants`: the form's role-model variants;
    `likes`/`dislikes`: (the mentee about the mentor, the mentor about the mentee)."""
    lexicon = lexicon or Lexicon.of([mentee], [mentor])
    out = []
    met, asked = lexicon.topics.met(mentee.topic_text(), mentor.topic_text())
    if met:
        out.append(Reason("; ".join(_request_links(mentee, mentor, lexicon.topics)),
                          int(share(weights["request"], met, asked))))
    met, asked = lexicon.interests.met(mentee.interest_text(), mentor.interest_text())
    if met:
        shared = [p for p in phrases(mentee.interest_text()) if lexicon.interests.met(p, mentor.interest_text())[0]]
        out.append(Reason("общие интересы: " + ", ".join(shared), int(share(weights["interest"], met, asked))))
    if _age_fits(mentee.age, mentor.age_min, mentor.age_max):
        out.append(Reason(f"возраст {mentee.age} — в предпочтениях наставника ({_age_range(mentor)})", weights["age"]))
    if mentor.hours >= MEETINGS_A_MONTH:
        out.append(Reason(f"у наставника есть время на встречи раз в две недели: {mentor.hours} ч в месяц",
                          weights["time"]))
    if form_agreed:
        out.append(Reason("наставляемый выбрал эту форму, наставник к ней готов", weights["form"]))
    if mentee.variant in variants and fits_variant(mentor, mentee.variant):
        out.append(Reason(f"вариация «{mentee.variant}»: наставник — «{variant_mentor_role(mentee.variant)}»",
                          weights["variant"]))
    for stated, who in zip(likes, ("наставляемый хотел бы работать с этим наставником",
                                   "наставник хотел бы работать с этим наставляемым"), strict=True):
        if stated:
            out.append(Reason(f"{who} (после групповой встречи)", weights["like"]))
    for stated, who in zip(dislikes, ("наставляемый не хотел бы работать с этим наставником",
                                      "наставник не хотел бы работать с этим наставляемым"), strict=True):
        if stated:
            out.append(Reason(f"{who} (после групповой встречи)", -weights["dislike"]))
    return out


def total(reasons: list[Reason]) -> int:
    """The score the reasons make: their points, kept within 0–100."""
    return min(max(sum(r.points for r in reasons), 0), SCALE)
