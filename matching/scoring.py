"""Scores of candidate pairs, and their reasons in Russian. No Django here.

A score is a sum of integer points per criterion, from the questionnaires of stages 2–5:
- the mentee's requests against the mentor's competences and «чем могу быть полезен»: per term met;
- shared interests (the mentor's interests and #tags): per shared term;
- the mentee's age within the mentor's preferred age;
- the mentor's time resource for a meeting at least once every two weeks (stage 6);
- the form: the mentee asked for it and the mentor is ready for it;
- the role-model variant the mentee needs, when the mentor's tags or competences name its mentor role
  (for «лидер – пассивный», a mentor tagged «#лидер»);
- the preferences stated after the group meeting (stage 5): a like of either side adds, a dislike
  subtracts — a preference, not a rule, so a disliked pair may still be the only way to match someone.

Texts become sets of terms by a small normaliser (lower case, ё → е, a crude cut of Russian endings,
the first five letters). Each person's terms are packed into bit masks over the terms present on both
sides (a term only one side uses can never meet), so the overlap of millions of candidate pairs is a
vectorised AND and popcount, exact. Reasons in words are built only for the suggestions returned,
from the same terms, so their points always add up to the score.
"""

import functools
import re
from dataclasses import dataclass, replace

import numpy as np

WORD = re.compile(r"[0-9a-zа-яё+]+")
STOP = frozenset("""и в во на по к ко с со для о об обо не ни или а но от до из за как при что чтобы это мне меня
я мой моя мои свой своя свои хочу хотел хотела хотелось нужна нужен нужно нужны помощь помочь помогу могу
умею научиться научить быть есть очень более также уже""".split())
# Words of every request and offer («подготовка к …», «развитие …»): as terms they would link anything.
GENERIC = frozenset({"подго", "разви", "помощ", "помог", "научи", "обуче", "повыш"})
ENDINGS = sorted("""а я о е ё у ю ы и ь ой ей ий ый ая яя ое ее ые ие ого его ому ему ом ем ам ям ами ями ах ях ов
ев ию ия ие ии ью ья ье ть ать ять ить еть ться ами иях ями ией ость ости""".split(), key=len, reverse=True)
STEM = 5
MEETINGS_A_MONTH = 2  # «не реже одного раза в две недели» (stage 6), an hour each

# Points per criterion (the documented defaults; an organization tunes its own in MatchingWeights).
DEFAULT_WEIGHTS = {
    "request": 30,    # per term of the mentee's requests met in the mentor's competences or «чем могу быть полезен»
    "interest": 10,   # per shared term of interests and tags
    "age": 15,        # the mentee's age within the mentor's preferred range
    "time": 10,       # the mentor has ≥ 2 hours a month: a meeting every two weeks
    "form": 10,       # the mentee asked for this form and the mentor is ready for it
    "variant": 15,    # the mentor fits the role-model variant the mentee needs
    "like": 25,       # per side that would like to work with the other (after the group meeting)
    "dislike": 60,    # subtracted per side that would not
}


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    word = word.lower().replace("ё", "е")
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    return word[:STEM]


@functools.lru_cache(maxsize=200_000)
def terms(text: str) -> frozenset[str]:
    """The terms of a text: «Подготовка к олимпиадам» and «олимпиадная подготовка» give the same set."""
    words = WORD.findall((text or "").lower().replace("ё", "е"))
    return frozenset(s for s in (stem(w) for w in words if len(w) > 2 and w not in STOP) if s not in GENERIC)


@functools.lru_cache(maxsize=100_000)
def phrases(text: str) -> tuple[str, ...]:
    """Comma-, semicolon- or line-separated items as people wrote them, without the # of tags."""
    items = (p.strip().lstrip("#").strip() for p in re.split(r"[;,\n]", text or ""))
    return tuple(p for p in items if p)


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
    """Terms as bit positions; texts become rows of uint64 masks."""

    def __init__(self, known: frozenset[str]):
        self.index = {term: bit for bit, term in enumerate(sorted(known))}
        self.words = max(1, -(-len(self.index) // 64))

    @classmethod
    def shared(cls, left_texts, right_texts) -> "Vocabulary":
        """The terms present on both sides: a term only one side uses can never meet."""
        def union(texts):
            return frozenset().union(*(terms(t) for t in set(texts)))

        return cls(union(left_texts) & union(right_texts))

    def masks(self, texts: list[str]) -> np.ndarray:
        """One row per text; each distinct text is normalised once."""
        rows: dict[str, int] = {}
        inverse = np.fromiter((rows.setdefault(t, len(rows)) for t in texts), dtype=np.int64, count=len(texts))
        table = np.zeros((len(rows), self.words), dtype=np.uint64)
        for text, row in rows.items():
            for term in terms(text):
                bit = self.index.get(term)
                if bit is not None:
                    table[row, bit // 64] |= np.uint64(1) << np.uint64(bit % 64)
        return table[inverse]


def overlap(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.bitwise_count(a & b).sum(axis=1, dtype=np.int64)


@dataclass
class Side:
    """One side (mentees or mentors) as arrays, one row per person."""

    ids: np.ndarray
    topics: np.ndarray        # masks: requests (mentees); competences and «чем могу быть полезен» (mentors)
    interests: np.ndarray     # masks: interests (+ tags for mentors)
    age: np.ndarray
    age_min: np.ndarray
    age_max: np.ndarray
    hours: np.ndarray
    form_wanted: np.ndarray
    variant: np.ndarray       # mentees: index of the needed variant in `variants`, -1 none; mentors: bit set of fitting ones


def sides(mentee_ids, mentees: list[Questionnaire], mentor_ids, mentors: list[Questionnaire]) -> tuple[Side, Side]:
    """The arrays of both sides, whatever the form; `for_form` adds the form's own answers."""
    topics = Vocabulary.shared([q.topic_text() for q in mentees], [q.topic_text() for q in mentors])
    interests = Vocabulary.shared([q.interest_text() for q in mentees], [q.interest_text() for q in mentors])

    def ints(people, name):
        return np.fromiter((getattr(q, name) for q in people), dtype=np.int64, count=len(people))

    def side(ids, people) -> Side:
        return Side(ids=np.asarray(ids, dtype=np.int64), topics=topics.masks([q.topic_text() for q in people]),
                    interests=interests.masks([q.interest_text() for q in people]), age=ints(people, "age"),
                    age_min=ints(people, "age_min"), age_max=ints(people, "age_max"), hours=ints(people, "hours"),
                    form_wanted=np.zeros(len(people), dtype=bool), variant=np.full(len(people), -1))

    return side(mentee_ids, mentees), side(mentor_ids, mentors)


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
    vocabulary = Vocabulary(frozenset().union(*(terms(r) for r in roles)))
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
    """The integer score of each candidate (mentees row mentee_idx[k], mentors row mentor_idx[k])."""
    i, j = mentee_idx, mentor_idx
    s = weights["request"] * overlap(mentees.topics[i], mentors.topics[j])
    s += weights["interest"] * overlap(mentees.interests[i], mentors.interests[j])
    s += weights["age"] * _age_fits(mentees.age[i], mentors.age_min[j], mentors.age_max[j])
    s += weights["time"] * (mentors.hours[j] >= MEETINGS_A_MONTH)
    s += weights["form"] * (mentees.form_wanted[i] & mentors.form_wanted[j])
    wanted = mentees.variant[i]
    s += weights["variant"] * ((wanted >= 0) & ((mentors.variant[j] >> np.maximum(wanted, 0)) & 1).astype(bool))
    a, b = mentees.ids[i], mentors.ids[j]
    s += weights["like"] * preferences.count("likes", a, b) - weights["dislike"] * preferences.count("dislikes", a, b)
    return s


@dataclass(frozen=True)
class Reason:
    text: str
    points: int


def _request_links(mentee: Questionnaire, mentor: Questionnaire, met: frozenset[str]) -> list[str]:
    offered = [(p, "компетенция") for p in phrases(mentor.competences)]
    offered += [(p, "«чем могу быть полезен»:") for p in phrases(mentor.useful_for)]
    links = []
    for request in mentee.requests:
        for phrase, label in offered:
            if terms(request) & terms(phrase) & met:
                links.append(f"запрос «{request}» ↔ {label} «{phrase}»")
    return list(dict.fromkeys(links))


def _age_range(mentor: Questionnaire) -> str:
    if mentor.age_min >= 0 and mentor.age_max >= 0:
        return f"{mentor.age_min}–{mentor.age_max} лет"
    return f"от {mentor.age_min} лет" if mentor.age_min >= 0 else f"до {mentor.age_max} лет"


def explain(mentee: Questionnaire, mentor: Questionnaire, weights: dict[str, int] = DEFAULT_WEIGHTS, *,
            form_agreed: bool = False, variants: tuple[str, ...] = (), likes: tuple[bool, bool] = (False, False),
            dislikes: tuple[bool, bool] = (False, False)) -> list[Reason]:
    """One pair's score in words, counted exactly as `score` counts it. `form_agreed`: the mentee asked for
    the form and the mentor is ready for it; `variants`: the form's role-model variants; `likes`/`dislikes`:
    (the mentee about the mentor, the mentor about the mentee)."""
    out = []
    met = terms(mentee.topic_text()) & terms(mentor.topic_text())
    if met:
        out.append(Reason("; ".join(_request_links(mentee, mentor, met)), weights["request"] * len(met)))
    common = terms(mentee.interest_text()) & terms(mentor.interest_text())
    if common:
        shared = [p for p in phrases(mentee.interest_text()) if terms(p) & common]
        out.append(Reason("общие интересы: " + ", ".join(shared), weights["interest"] * len(common)))
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
