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
of candidate pairs is a vectorised AND and popcount per plane, exact. `points` gives each criterion's points of
the chosen pairs (kept with the suggestions: they add up to the score); `describe` puts them into words only for
the suggestions a page shows, from the questionnaires as they are then.
"""

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from matching.texts import needs, phrases, request_meets, terms

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
# The points a score is made of: the six criteria, and the preferences of each side.
POINTS = (*CRITERIA, "like_by_mentee", "like_by_mentor", "dislike_by_mentee", "dislike_by_mentor")
CHANGED = "по анкетам на день подбора (с тех пор анкета изменилась)"


def variant_mentor_role(variant: str) -> str:
    """«лидер – пассивный» → «лидер»: the mentor's part of a role-model variant."""
    return re.split(r"\s+[–—-]\s+", variant, maxsplit=1)[0]


def _topic(requests: tuple[str, ...], competences: str, useful_for: str) -> str:
    """Requests of a mentee, or competences and «чем могу быть полезен» of a mentor."""
    return "\n".join([*requests, competences, useful_for])


def _interest(interests: str, tags: str) -> str:
    """Interests, and a mentor's #tags."""
    return f"{interests}\n{tags}"


def _role(tags: str, competences: str, useful_for: str) -> str:
    return f"{tags}\n{competences}\n{useful_for}"


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

    def interest_text(self) -> str:
        return _interest(self.interests, self.tags)

    def role_text(self) -> str:
        return _role(self.tags, self.competences, self.useful_for)


@dataclass
class Answers:
    """The questionnaires of one side as columns, one row per person (as reading gets them from the database)."""

    requests: list[tuple[str, ...]]
    interests: list[str]
    tags: list[str]
    competences: list[str]
    useful_for: list[str]
    variant: list[str]
    age: np.ndarray
    age_min: np.ndarray
    age_max: np.ndarray
    hours: np.ndarray

    @classmethod
    def of(cls, people: list[Questionnaire]) -> "Answers":
        def column(name):
            return [getattr(q, name) for q in people]

        return cls(*(column(name) for name in ("requests", "interests", "tags", "competences", "useful_for",
                                               "variant")),
                   *(np.array(column(name), dtype=np.int64) for name in ("age", "age_min", "age_max", "hours")))

    def __len__(self) -> int:
        return len(self.interests)

    def person(self, row: int) -> Questionnaire:
        return Questionnaire(self.requests[row], self.interests[row], self.tags[row], self.competences[row],
                             self.useful_for[row], int(self.age[row]), int(self.age_min[row]),
                             int(self.age_max[row]), int(self.hours[row]), self.variant[row])

    @cached_property
    def topic_texts(self) -> list[str]:
        return list(map(_topic, self.requests, self.competences, self.useful_for))

    @cached_property
    def interest_texts(self) -> list[str]:
        return list(map(_interest, self.interests, self.tags))

    @cached_property
    def request_texts(self) -> list[str]:
        return ["\n".join(requests) for requests in self.requests]

    @cached_property
    def _found(self) -> dict[str, "Distinct"]:
        return {}

    def distinct(self, *names: str) -> list["Distinct"]:
        """The distinct texts of the named columns (or of topic_texts, interest_texts), each found once."""
        found = self._found
        for name in names:
            if name not in found:
                found[name] = _distinct(getattr(self, name))
        return [found[name] for name in names]

    def asked(self, name: str) -> "Distinct":
        """The texts of `name` (topic_texts, interest_texts) told apart by what they ask for: by their set of phrases
        (what `needs` reads), so «шахматы, театр» and «театр, шахматы» are read once."""
        found = self._found
        if ("asked", name) not in found:
            rows, inverse = self.distinct(name)[0]
            sets = [frozenset(phrases(text)) for text in rows]
            first: dict[frozenset, str] = {}
            for text, phrase_set in zip(rows, sets, strict=True):
                first.setdefault(phrase_set, text)
            group = {text: row for row, text in enumerate(first.values())}
            of = np.fromiter((group[first[phrase_set]] for phrase_set in sets), dtype=np.int64, count=len(rows))
            found["asked", name] = group, of[inverse]
        return found["asked", name]

    def topic_columns(self) -> list["Distinct"]:
        """What the topic text of each person is made of, column by column."""
        return self.distinct("request_texts", "competences", "useful_for")

    def interest_columns(self) -> list["Distinct"]:
        return self.distinct("interests", "tags")

    def role_columns(self) -> list["Distinct"]:
        return self.distinct("tags", "competences", "useful_for")


class Vocabulary:
    """The terms both sides use as bit positions, and the weight of every term of the scope by its rarity:
    a subject few people name (хакасский) outweighs one everybody names (математика)."""

    def __init__(self, known: frozenset[str], level: dict[str, int]):
        self.index = {term: bit for bit, term in enumerate(sorted(known))}
        self.level = level
        self.words = max(1, -(-len(self.index) // 64))

    @classmethod
    def shared(cls, needed: "Distinct", offered: list["Distinct"]) -> "Vocabulary":
        """From what one side asks for (a text per person) and what the other offers (columns of texts, a person's
        offer the lines of all their columns): each distinct text is read once, a person's terms counted by bits."""
        people = Counter()
        needed_texts, needed_of = needed
        for text, count in zip(needed_texts, np.bincount(needed_of, minlength=len(needed_texts)).tolist(), strict=True):
            subjects, fallback = needs(text)
            people.update(dict.fromkeys(subjects | fallback, count))
        asked = frozenset(people)
        everything = cls(frozenset().union(*(terms(text) for rows, _ in offered for text in rows)), {})
        held = np.unpackbits(everything.masks(*offered).view(np.uint8), axis=1, bitorder="little").sum(axis=0)
        people.update({term: int(held[bit]) for term, bit in everything.index.items()})
        total = max(1, len(needed_of) + len(offered[0][1]))
        level = {term: min(7, 1 + int(math.log2(total / n))) for term, n in people.items()}
        return cls(asked & everything.index.keys(), level)

    def weights(self, text: str) -> dict[str, int]:
        """What a text asks for, each term with its weight; generic words of a phrase with no subject weigh 1."""
        subjects, fallback = needs(text)
        return {**dict.fromkeys(fallback, 1), **{t: self.level.get(t, 1) for t in subjects}}

    def _mask(self, found) -> int:
        """The bits of the terms of `found` that both sides use, as one integer."""
        index = self.index
        return sum(1 << index[term] for term in found if term in index)

    def _words(self, masks: list[int]) -> np.ndarray:
        """Integer masks as rows of 64-bit words."""
        if self.words == 1:
            return np.array(masks, dtype=np.uint64).reshape(-1, 1)
        return np.array([[mask >> (64 * w) & _WORD for w in range(self.words)] for mask in masks],
                        dtype=np.uint64).reshape(-1, self.words)

    def masks(self, *columns: "Distinct") -> np.ndarray:
        """What each person offers: one row of masks per person, the terms of all their columns (a text each);
        each distinct text is normalised once."""
        out = None
        for rows, inverse in columns:
            found = self._words([self._mask(terms(text)) for text in rows])[inverse]
            out = found if out is None else out | found
        return out

    def planes(self, texts: "Distinct") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """What each text asks for: masks per weight plane (n × PLANES × words), each text's total weight, and which
        of the distinct texts it is."""
        rows, inverse = texts
        planes, totals = [], np.zeros(len(rows), dtype=np.int64)
        for row, text in enumerate(rows):
            weights = self.weights(text)
            totals[row] = sum(weights.values())
            planes += (self._mask(term for term, weight in weights.items() if weight >> plane & 1)
                       for plane in range(PLANES))
        return self._words(planes).reshape(len(rows), PLANES, self.words)[inverse], totals[inverse], inverse


_WORD = (1 << 64) - 1


Distinct = tuple[dict[str, int], np.ndarray]


def _distinct(texts: list[str]) -> Distinct:
    """The distinct texts in the order of their first row (each with its index), and each row's index."""
    rows = {text: row for row, text in enumerate(dict.fromkeys(texts))}
    return rows, np.fromiter(map(rows.__getitem__, texts), dtype=np.int64, count=len(texts))


def kinds(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows told apart by value: each row's kind, and a row of each kind, kinds in the rows' lexicographic order. Rows
    of small values are numbers in a mixed radix (the first column the most significant), sorted as one column;
    others by lexsort (np.unique(axis=0) sorts rows as opaque bytes, several times slower)."""
    if not len(rows):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    rows = rows.reshape(len(rows), -1)
    if rows.shape[1] and (rows.dtype.kind == "i" or (rows.dtype.kind == "u" and int(rows.max()) < 1 << 62)):
        low = rows.min(axis=0).astype(np.int64)
        span = rows.max(axis=0).astype(np.int64) - low + 1
        if math.prod(span.tolist()) < 1 << 62:
            strides = np.cumprod(np.r_[span[1:], 1][::-1])[::-1]
            key = (rows.astype(np.int64) - low) @ strides
            _, first, kind = np.unique(key, return_index=True, return_inverse=True)
            return kind.astype(np.int64), first
    order = np.lexsort(rows.T[::-1])
    first = np.r_[True, (rows[order][1:] != rows[order][:-1]).any(axis=1)]
    kind = np.empty(len(rows), dtype=np.int64)
    kind[order] = np.cumsum(first) - 1
    return kind, order[first]


def _kinds_of(inverse: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`kinds` of rows already told apart (`inverse`: each row's kind)."""
    return inverse, np.unique(inverse, return_index=True)[1]


def weighted_overlap(planes: np.ndarray, i: np.ndarray, masks: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Σ over planes of 2^plane · popcount(planes[i, plane] & masks[j]), candidate by candidate: one word of one
    plane gathered at a time, never the planes of millions of candidates at once."""
    out = np.zeros(len(i), dtype=np.int64)
    for word in range(masks.shape[1]):
        theirs = masks[:, word][j]
        for plane in range(PLANES):
            met = np.bitwise_count(planes[:, plane, word][i] & theirs)
            out += np.left_shift(met, plane, dtype=np.int64)
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
    def of(cls, mentees: Answers, mentors: Answers) -> "Lexicon":
        return cls(Vocabulary.shared(mentees.asked("topic_texts"), mentors.topic_columns()),
                   Vocabulary.shared(mentees.asked("interest_texts"), mentors.interest_columns()))


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
    # `kinds` of the topics (mentees: with the requests' total weight): people of a kind meet alike. Few people
    # write a request or an offer of their own, so the request points of a region's millions of candidates are
    # looked up in a table of kinds × kinds.
    topic_kinds: tuple[np.ndarray, np.ndarray] = field(repr=False, default=None)

    @cached_property
    def interests_asked(self) -> np.ndarray:
        """The interests' total weight of each person, contiguous: gathered for millions of candidates."""
        return np.ascontiguousarray(self.asked[:, 1])

    @cached_property
    def small_kinds(self) -> tuple[np.ndarray, np.ndarray]:
        """`kinds` of the answers of a few values each (age, time, form, variant): a few dozen in a region."""
        return kinds(np.column_stack([self.age, self.age_min, self.age_max, self.hours, self.form_wanted,
                                      self.variant]).astype(np.int64))


def sides(mentee_ids, mentees: Answers, mentor_ids, mentors: Answers,
          lexicon: Lexicon | None = None) -> tuple[Side, Side]:
    """The arrays of both sides, whatever the form; `for_form` adds the form's own answers. `lexicon`: the
    vocabularies of a wider scope (by default, of these people)."""
    lexicon = lexicon or Lexicon.of(mentees, mentors)

    def side(ids, people: Answers, topics, interests, asked, topic_kinds) -> Side:
        return Side(ids=np.asarray(ids, dtype=np.int64), topics=topics, interests=interests, asked=asked,
                    age=people.age, age_min=people.age_min, age_max=people.age_max, hours=people.hours,
                    form_wanted=np.zeros(len(people), dtype=bool), variant=np.full(len(people), -1),
                    lexicon=lexicon, topic_kinds=topic_kinds)

    topics, asked_topics, topic_text = lexicon.topics.planes(mentees.asked("topic_texts"))
    interests, asked_interests, _ = lexicon.interests.planes(mentees.asked("interest_texts"))
    mentee_side = side(mentee_ids, mentees, topics, interests, np.stack([asked_topics, asked_interests], axis=1),
                       _kinds_of(topic_text))
    offered = lexicon.topics.masks(*mentors.topic_columns())
    mentor_side = side(mentor_ids, mentors, offered, lexicon.interests.masks(*mentors.interest_columns()),
                       np.zeros((len(mentors), 2), dtype=np.int64), kinds(offered))
    return mentee_side, mentor_side


def fits_variant(mentor: Questionnaire, variant: str) -> bool:
    """The mentor's tags, competences or «чем могу быть полезен» name the mentor's role of the variant."""
    role = terms(variant_mentor_role(variant))
    return bool(role) and role <= terms(mentor.role_text())


def for_form(mentee_side: Side, mentor_side: Side, mentees: Answers, mentors: Answers,
             variants: list[str], mentee_wants: np.ndarray, mentor_ready: np.ndarray) -> tuple[Side, Side]:
    """The sides with one form's answers: who asked for it, who is ready for it, and its role-model variants."""
    position = {name: i for i, name in enumerate(variants)}
    wanted = np.fromiter((position.get(v, -1) for v in mentees.variant), dtype=np.int64, count=len(mentees))
    roles = [variant_mentor_role(v) for v in variants]
    vocabulary = Vocabulary(frozenset().union(*(terms(r) for r in roles)), {})
    own, needed = vocabulary.masks(*mentors.role_columns()), vocabulary.masks(_distinct(roles))
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

    def points(self, table_name: str, points: int, ids_a: np.ndarray, a: np.ndarray, ids_b: np.ndarray,
               b: np.ndarray) -> np.ndarray:
        """`points` where the person ids_a[a] stated this kind of preference about ids_b[b], else 0."""
        table = getattr(self, table_name)
        if not len(table):  # mostly none are stated: no keys, no array of zeros for millions of candidates
            return np.broadcast_to(np.int64(0), len(a))
        return points * self._has(table, ids_a[a] * (1 << 32) + ids_b[b])


NO_PREFERENCES = Preferences(np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64))


def _age_fits(age, low, high):
    return (age >= 0) & ((low >= 0) | (high >= 0)) & ((low < 0) | (low <= age)) & ((high < 0) | (age <= high))


TABLE = 1 << 20  # kinds × kinds of a table of points at most


def _by_kinds(made: Callable[[np.ndarray, np.ndarray], dict[str, np.ndarray]], mentee_kinds, mentor_kinds,
              i: np.ndarray, j: np.ndarray, *, summed: bool = False):
    """`made(i, j)` (criterion → points of the candidates (i, j)) through a table of the sides' `kinds` when it is
    small: people of a kind score alike, so each pair of kinds is computed once and looked up, the same numbers.
    `summed`: the criteria's sum, one lookup."""
    (kind_i, first_i), (kind_j, first_j) = mentee_kinds, mentor_kinds
    cells = len(first_i) * len(first_j)
    if cells > TABLE or cells > len(i):
        found = made(i, j)
    else:
        tables = made(np.repeat(first_i, len(first_j)), np.tile(first_j, len(first_i)))
        at = kind_i.astype(np.int32)[i] * np.int32(len(first_j)) + kind_j.astype(np.int32)[j]
        if summed:
            return np.sum(list(tables.values()), axis=0)[at]
        found = {criterion: table[at] for criterion, table in tables.items()}
    return np.sum(list(found.values()), axis=0) if summed else found


def _request_points(mentees: Side, mentors: Side, weights) -> Callable:
    """The requests met: the share of what the mentee asks for that the mentor offers, weighted by rarity."""
    return lambda i, j: {"request": share(weights["request"], weighted_overlap(mentees.topics, i, mentors.topics, j),
                                          mentees.asked[i, 0])}


def _interest_points(mentees: Side, mentors: Side, i, j, weights) -> np.ndarray:
    """The interests shared: the share of the mentee's interests (weighted by rarity) the mentor shares, from a table of
    (asked, met) — what a mentee's interests weigh and what the mentor meets of it, never more — looked up, not a
    division per candidate."""
    asked = mentees.interests_asked
    most = int(asked.max(initial=0)) + 1
    table = share(weights["interest"], np.arange(most), np.arange(most)[:, None]).ravel()
    return table[asked[i] * most + weighted_overlap(mentees.interests, i, mentors.interests, j)]


def _small_points(mentees: Side, mentors: Side, weights) -> Callable:
    """The criteria of a few values each: age, time, form, role-model variant."""
    def made(i, j):
        wanted = mentees.variant[i]
        return {
            "age": weights["age"] * _age_fits(mentees.age[i], mentors.age_min[j], mentors.age_max[j]),
            "time": weights["time"] * (mentors.hours[j] >= MEETINGS_A_MONTH),
            "form": weights["form"] * (mentees.form_wanted[i] & mentors.form_wanted[j]),
            "variant": weights["variant"] * ((wanted >= 0) & ((mentors.variant[j] >> np.maximum(wanted, 0)) & 1)
                                             .astype(bool)),
        }
    return made


def _preference_points(mentees: Side, mentors: Side, i, j, weights, preferences: Preferences) -> dict[str, np.ndarray]:
    return {
        "like_by_mentee": preferences.points("likes", weights["like"], mentees.ids, i, mentors.ids, j),
        "like_by_mentor": preferences.points("likes", weights["like"], mentors.ids, j, mentees.ids, i),
        "dislike_by_mentee": preferences.points("dislikes", -weights["dislike"], mentees.ids, i, mentors.ids, j),
        "dislike_by_mentor": preferences.points("dislikes", -weights["dislike"], mentors.ids, j, mentees.ids, i),
    }


def points(mentees: Side, mentors: Side, mentee_idx: np.ndarray, mentor_idx: np.ndarray,
           weights: dict[str, int] = DEFAULT_WEIGHTS, preferences: Preferences = NO_PREFERENCES) -> dict[str, np.ndarray]:
    """Each criterion's points (POINTS) of each candidate (mentees row mentee_idx[k], mentors row mentor_idx[k])."""
    i, j = mentee_idx, mentor_idx
    return {
        **_by_kinds(_request_points(mentees, mentors, weights), mentees.topic_kinds, mentors.topic_kinds, i, j),
        "interest": _interest_points(mentees, mentors, i, j, weights),
        **_by_kinds(_small_points(mentees, mentors, weights), mentees.small_kinds, mentors.small_kinds, i, j),
        **_preference_points(mentees, mentors, i, j, weights, preferences),
    }


def score(mentees: Side, mentors: Side, mentee_idx: np.ndarray, mentor_idx: np.ndarray,
          weights: dict[str, int] = DEFAULT_WEIGHTS, preferences: Preferences = NO_PREFERENCES) -> np.ndarray:
    """The score (0–100) of each candidate: the sum of its `points`, kept within the scale (the criteria of a table
    summed in the table)."""
    i, j = mentee_idx, mentor_idx
    total = _by_kinds(_request_points(mentees, mentors, weights), mentees.topic_kinds, mentors.topic_kinds, i, j,
                      summed=True)
    total += _interest_points(mentees, mentors, i, j, weights)
    total += _by_kinds(_small_points(mentees, mentors, weights), mentees.small_kinds, mentors.small_kinds, i, j,
                       summed=True)
    if len(preferences.likes) or len(preferences.dislikes):
        for made in _preference_points(mentees, mentors, i, j, weights, preferences).values():
            total += made
    return np.clip(total, 0, SCALE, out=total)


@dataclass(frozen=True)
class Reason:
    text: str
    points: int


def _request_links(mentee: Questionnaire, mentor: Questionnaire) -> list[str]:
    offered = [(p, "компетенция") for p in phrases(mentor.competences)]
    offered += [(p, "«чем могу быть полезен»:") for p in phrases(mentor.useful_for)]
    links = [f"запрос «{request}» ↔ {label} «{phrase}»" for request in mentee.requests for phrase, label in offered
             if request_meets(request, phrase)]
    return list(dict.fromkeys(links))


def _age_range(mentor: Questionnaire) -> str:
    if mentor.age_min >= 0 and mentor.age_max >= 0:
        return f"{mentor.age_min}–{mentor.age_max} лет"
    return f"от {mentor.age_min} лет" if mentor.age_min >= 0 else f"до {mentor.age_max} лет"


def _words(criterion: str, mentee: Questionnaire, mentor: Questionnaire) -> str:
    """What made a criterion score, as the questionnaires say now ("" when they no longer say it)."""
    if criterion == "request":
        return "; ".join(_request_links(mentee, mentor))
    if criterion == "interest":
        shared = [p for p in phrases(mentee.interest_text()) if request_meets(p, mentor.interest_text())]
        return "общие интересы: " + ", ".join(shared) if shared else ""
    if criterion == "age":
        fits = _age_fits(mentee.age, mentor.age_min, mentor.age_max)
        return f"возраст {mentee.age} — в предпочтениях наставника ({_age_range(mentor)})" if fits else ""
    if criterion == "time":
        fits = mentor.hours >= MEETINGS_A_MONTH
        return f"у наставника есть время на встречи раз в две недели: {mentor.hours} ч в месяц" if fits else ""
    if criterion == "variant":
        return (f"вариация «{mentee.variant}»: наставник — «{variant_mentor_role(mentee.variant)}»"
                if mentee.variant and fits_variant(mentor, mentee.variant) else "")
    return {
        "form": "наставляемый выбрал эту форму, наставник к ней готов",
        "like_by_mentee": "наставляемый хотел бы работать с этим наставником (после групповой встречи)",
        "like_by_mentor": "наставник хотел бы работать с этим наставляемым (после групповой встречи)",
        "dislike_by_mentee": "наставляемый не хотел бы работать с этим наставником (после групповой встречи)",
        "dislike_by_mentor": "наставник не хотел бы работать с этим наставляемым (после групповой встречи)",
    }[criterion]


def describe(mentee: Questionnaire, mentor: Questionnaire, made: dict[str, int]) -> list[Reason]:
    """One pair's points (criterion → points, as `points` gave them) in words; a criterion the questionnaires no
    longer bear out (changed since matching) keeps its points and says so."""
    return [Reason(_words(criterion, mentee, mentor) or CHANGED, made[criterion])
            for criterion in POINTS if made.get(criterion)]


def total(reasons: list[Reason]) -> int:
    """The score the reasons make: their points, kept within 0–100."""
    return min(max(sum(r.points for r in reasons), 0), SCALE)
