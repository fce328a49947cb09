"""Who may mentor whom in a form: the rules of the seeds, vectorised so that one code path checks a
single pair (the pair actions) and millions of candidate pairs (matching). No Django here.

The caller describes people as a struct of arrays (`People`) and the form's rules as `FormRules`
(the seeds' numbers after the region's and the organization's overrides, programmes.rules.form_rules),
and gets one reason code per candidate pair: 0 when the pair is allowed, otherwise the first rule it
breaks. `REASONS` names each rule briefly (lists of candidates); `describe` says it with the numbers in
force (the refusal of one pair). The inputs of the rules are defined here too — a person's age on the
start date (`ages`), whether the consents a minor or an adult needs are in force (`consents_in_force`), a
mentor's readiness for a form (`ready_for`), the mentor's position (`POSITION_*`), the mentor's limit
(`mentee_limit`) and free places (`remaining_capacity`); the callers (the pair actions and the pair form,
the API and the import through them, and matching) only read the raw values from the database.
"""

import datetime
from dataclasses import dataclass, field

import numpy as np

CATEGORY_CODES = {"pupil": 1, "student": 2, "teacher": 3, "graduate": 4, "parent": 5,
                  "partner_employee": 6, "other": 7}
UNKNOWN = -1

ALLOWED = 0
NONE = 127  # inside `check`: no rule broken yet
MENTOR_CATEGORY, MENTEE_CATEGORY, SAME_PERSON, PARENT_OF_MENTEE, MENTOR_CONSENT, MENTEE_CONSENT, \
    MENTEE_AGE, GRADE_NOT_HIGHER, NOT_YOUNG_SPECIALIST, NO_PARTNER_AGREEMENT, MENTOR_EXPERIENCE, \
    MENTOR_POSITION, MENTOR_NOT_READY, MENTEE_BUSY, ALREADY_PAIRED = range(1, 16)

ADULT_AGE = 18
# The mentor's position, as bits: the head of their organization; a teacher of a college or a university (a
# partner). The forms of the teachers' model (seed 004) name the mentor by position.
POSITION_HEAD, POSITION_HIGHER_EDUCATION = 1, 2
MENTOR_POSITIONS = {"head": POSITION_HEAD, "higher_education": POSITION_HIGHER_EDUCATION}

REASONS = {
    MENTOR_CATEGORY: "категория наставника не подходит для этой формы",
    MENTEE_CATEGORY: "категория наставляемого не подходит для этой формы",
    SAME_PERSON: "наставник и наставляемый — один и тот же человек",
    PARENT_OF_MENTEE: "родитель не может быть наставником своего ребёнка",
    MENTOR_CONSENT: "у наставника нет нужных согласий",
    MENTEE_CONSENT: "у наставляемого нет нужных согласий (для несовершеннолетнего — и законного представителя)",
    MENTEE_AGE: "возраст наставляемого на дату начала вне допустимого для формы",
    GRADE_NOT_HIGHER: "наставник должен учиться в более старшем классе (на более старшем курсе), чем наставляемый",
    NOT_YOUNG_SPECIALIST: "наставляемый не молодой специалист (стаж больше допустимого), не новый педагог "
                          "и не отмечен куратором",
    NO_PARTNER_AGREEMENT: "наставник не из организации-партнёра с действующим соглашением о сотрудничестве",
    MENTOR_EXPERIENCE: "у наставника недостаточный профессиональный стаж",
    MENTOR_POSITION: "в этой форме наставник — руководитель образовательной организации (или педагог вуза, колледжа)",
    MENTOR_NOT_READY: "наставник указал, что готов к другим формам наставничества",
    MENTEE_BUSY: "уже в паре этой формы",
    ALREADY_PAIRED: "наставник уже ведёт этого наставляемого в другой паре",
}
POSITION_REASONS = {
    "head": "в этой форме наставник — руководитель образовательной организации",
    "higher_education": "в этой форме наставник — педагог вуза или колледжа",
}


@dataclass(frozen=True)
class FormRules:
    """A form's rules; None switches a numeric rule off, False a yes/no rule."""

    mentor_categories: tuple[str, ...]
    mentee_categories: tuple[str, ...]
    mentee_age_min: int | None = None
    mentee_age_max: int | None = None
    mentor_grade_above_mentee: bool = False
    mentee_max_teaching_years: int | None = None
    mentor_from_partner: bool = False
    mentor_min_experience_years: int | None = None
    mentor_position: str | None = None       # a key of MENTOR_POSITIONS, or None: any position


# The inputs of People only some rules look at, by side: a matching run reads them only for forms that have those rules.
MENTOR_INPUTS = frozenset({"professional_years", "position"})
MENTEE_INPUTS = frozenset({"teaching_years", "flagged"})


def inputs(rules) -> tuple[frozenset[str], frozenset[str]]:
    """The inputs of MENTOR_INPUTS and MENTEE_INPUTS that any of `rules` looks at: (the mentors', the mentees')."""
    mentors, mentees = set(), set()
    for r in rules:
        if r.mentor_min_experience_years is not None:
            mentors.add("professional_years")
        if r.mentor_position is not None:
            mentors.add("position")
        if r.mentee_max_teaching_years is not None:
            mentees |= {"teaching_years", "flagged"}
    return frozenset(mentors), frozenset(mentees)


def _flags(n: int, value: bool) -> np.ndarray:
    return np.full(n, value, dtype=bool)


@dataclass
class People:
    """One row per person; ints use -1 for «unknown»."""

    ids: np.ndarray                     # database ids (int64)
    category: np.ndarray                # CATEGORY_CODES
    grade: np.ndarray                   # class or course
    age_at_start: np.ndarray            # full years on the pair's start date
    teaching_years: np.ndarray
    professional_years: np.ndarray
    partner_agreement_valid: np.ndarray  # bool: partner organization with an agreement valid at the start
    consents_ok: np.ndarray             # bool: the consents required on the start date are in force
    flagged: np.ndarray                 # bool: new to the organization or flagged by the curator
    position: np.ndarray = field(default=None)  # int8 bits of POSITION_*
    ready: np.ndarray = field(default=None)     # mentors, bool: ready for the form checked (`ready_for`)
    busy: np.ndarray = field(default=None)      # mentees, bool: in a live pair of the form checked

    def __post_init__(self):
        n = len(self.ids)
        self.position = np.zeros(n, dtype=np.int8) if self.position is None else self.position
        self.ready = _flags(n, True) if self.ready is None else self.ready
        self.busy = _flags(n, False) if self.busy is None else self.busy

    @classmethod
    def build(cls, rows: list[dict]) -> "People":
        """From plain dicts (small inputs, e.g. one pair); matching builds the arrays directly."""
        def column(name, dtype, default):
            return np.array([default if r.get(name) is None else r[name] for r in rows], dtype=dtype)

        return cls(
            ids=column("id", np.int64, UNKNOWN),
            category=np.array([CATEGORY_CODES.get(r.get("category"), UNKNOWN) for r in rows], dtype=np.int8),
            grade=column("grade", np.int16, UNKNOWN),
            age_at_start=column("age_at_start", np.int16, UNKNOWN),
            teaching_years=column("teaching_years", np.int16, UNKNOWN),
            professional_years=column("professional_years", np.int16, UNKNOWN),
            partner_agreement_valid=column("partner_agreement_valid", bool, False),
            consents_ok=column("consents_ok", bool, False),
            flagged=column("flagged", bool, False),
            position=column("position", np.int8, 0),
            ready=column("ready", bool, True),
            busy=column("busy", bool, False),
        )


def _codes(categories: tuple[str, ...]) -> np.ndarray:
    return np.array([CATEGORY_CODES[c] for c in categories], dtype=np.int8)


def _keys(pairs: np.ndarray) -> np.ndarray:
    """One int64 per (mentor id, mentee id) row, for set operations on arrays."""
    return pairs[:, 0].astype(np.int64) * (1 << 32) + pairs[:, 1].astype(np.int64)


def _member(values: np.ndarray, table: np.ndarray) -> np.ndarray:
    """np.isin for many values against a small table: a binary search per value, no sort of the values."""
    table = np.unique(table)
    position = np.minimum(np.searchsorted(table, values), len(table) - 1)
    return table[position] == values


def _as_array(forbidden) -> np.ndarray:
    if forbidden is None:
        return np.empty((0, 2), dtype=np.int64)
    if isinstance(forbidden, (set, frozenset, list, tuple)):
        forbidden = sorted(forbidden)
    return np.asarray(forbidden, dtype=np.int64).reshape(-1, 2)


def _first_broken(n: int, rules: list[tuple[int, np.ndarray]]) -> np.ndarray:
    """Per row, the smallest code among the rules it breaks; NONE when it breaks none."""
    codes = np.full(n, NONE, dtype=np.int8)
    for code, broken in sorted(rules, key=lambda rule: -rule[0]):
        codes[broken] = code
    return codes


def _mentor_codes(rules: FormRules, mentors: People) -> np.ndarray:
    """The rules that look at the mentor alone, once per mentor."""
    broken = [(MENTOR_CATEGORY, ~np.isin(mentors.category, _codes(rules.mentor_categories))),
              (MENTOR_CONSENT, ~mentors.consents_ok), (MENTOR_NOT_READY, ~mentors.ready)]
    if rules.mentor_position is not None:
        broken.append((MENTOR_POSITION, (mentors.position & MENTOR_POSITIONS[rules.mentor_position]) == 0))
    if rules.mentor_grade_above_mentee:
        broken.append((GRADE_NOT_HIGHER, mentors.grade < 0))
    if rules.mentor_from_partner:
        broken.append((NO_PARTNER_AGREEMENT, ~mentors.partner_agreement_valid))
    if rules.mentor_min_experience_years is not None:
        broken.append((MENTOR_EXPERIENCE, mentors.professional_years < rules.mentor_min_experience_years))
    return _first_broken(len(mentors.ids), broken)


def _mentee_codes(rules: FormRules, mentees: People) -> np.ndarray:
    """The rules that look at the mentee alone, once per mentee."""
    age, years = mentees.age_at_start, mentees.teaching_years
    broken = [(MENTEE_CATEGORY, ~np.isin(mentees.category, _codes(rules.mentee_categories))),
              (MENTEE_CONSENT, ~mentees.consents_ok), (MENTEE_BUSY, mentees.busy)]
    if rules.mentee_age_min is not None:
        broken.append((MENTEE_AGE, (age < 0) | (age < rules.mentee_age_min)))
    if rules.mentee_age_max is not None:
        broken.append((MENTEE_AGE, (age < 0) | (age > rules.mentee_age_max)))
    if rules.mentor_grade_above_mentee:
        broken.append((GRADE_NOT_HIGHER, mentees.grade < 0))
    if rules.mentee_max_teaching_years is not None:
        young = (years >= 0) & (years <= rules.mentee_max_teaching_years)
        broken.append((NOT_YOUNG_SPECIALIST, ~(young | mentees.flagged)))
    return _first_broken(len(mentees.ids), broken)


def check(rules: FormRules, mentors: People, mentees: People, mentor_idx: np.ndarray, mentee_idx: np.ndarray,
          forbidden: np.ndarray | set[tuple[int, int]] | None = None, live: np.ndarray | None = None) -> np.ndarray:
    """Reason code per candidate (mentors row mentor_idx[k], mentees row mentee_idx[k]); 0 = allowed.

    `forbidden` holds (parent id, child id) pairs — an (n, 2) array or a set of tuples: a parent never
    mentors their own child; `live` holds (mentor id, mentee id) of the live pairs of any form: a mentor
    does not take the same mentee a second time. Codes are numbered in the order the rules are told, so the code kept is
    the smallest one broken. The rules of one side are computed once per person, then gathered; only
    the grades and the ids are compared pair by pair.
    """
    reason = np.minimum(_mentor_codes(rules, mentors)[mentor_idx], _mentee_codes(rules, mentees)[mentee_idx])

    def mark(code: int, broken: np.ndarray) -> None:
        np.minimum(reason, np.int8(code), out=reason, where=broken)

    if rules.mentor_grade_above_mentee:
        mark(GRADE_NOT_HIGHER, mentors.grade[mentor_idx] <= mentees.grade[mentee_idx])
    mentor_ids, mentee_ids = mentors.ids[mentor_idx], mentees.ids[mentee_idx]
    mark(SAME_PERSON, mentor_ids == mentee_ids)
    for code, table in ((PARENT_OF_MENTEE, _as_array(forbidden)), (ALREADY_PAIRED, _as_array(live))):
        if len(table):
            # Only the few candidates whose mentee is in the table at all are looked up pair by pair.
            rows = np.flatnonzero(_member(mentees.ids, table[:, 1])[mentee_idx])
            pairs = np.column_stack([mentor_ids[rows], mentee_ids[rows]])
            found = rows[_member(_keys(pairs), _keys(table))]
            reason[found] = np.minimum(reason[found], code)
    reason[reason == NONE] = ALLOWED
    return reason


def describe(code: int, rules: FormRules) -> str:
    """The reason of `code` with the numbers in force, e.g. «наставляемому должно быть от 10 до 19 лет…»."""
    if code == MENTEE_AGE:
        low, high = rules.mentee_age_min, rules.mentee_age_max
        bounds = (f"от {low} до {high}" if low is not None and high is not None
                  else f"не меньше {low}" if low is not None else f"не больше {high}")
        return f"наставляемому должно быть {bounds} лет на дату начала"
    if code == NOT_YOUNG_SPECIALIST:
        return (f"наставляемый должен быть молодым специалистом (педагогический стаж до "
                f"{rules.mentee_max_teaching_years} лет), новым педагогом организации или отмеченным куратором")
    if code == MENTOR_EXPERIENCE:
        return f"у наставника должен быть профессиональный стаж не меньше {rules.mentor_min_experience_years} лет"
    if code == MENTOR_POSITION:
        return POSITION_REASONS[rules.mentor_position]
    return REASONS[code]


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Full years of a person born on `birth_date` on `day`."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def ages(birth_dates, day: datetime.date) -> np.ndarray:
    """Full years on `day` of each birth date (dates, ISO texts or None), -1 for an unknown one."""
    born = np.array(birth_dates, dtype="datetime64[D]")
    months = born.astype("datetime64[M]")
    year = born.astype("datetime64[Y]").astype(np.int64) + 1970
    month = months.astype(np.int64) % 12 + 1
    date = (born - months).astype(np.int64) + 1
    not_yet = (month > day.month) | ((month == day.month) & (date > day.day))
    return np.where(np.isnat(born), -1, day.year - year - not_yet).astype(np.int16)


def consents_in_force(personal_data: np.ndarray, representative: np.ndarray, age: np.ndarray) -> np.ndarray:
    """Which consents are missing, per person: bit 1 the personal-data consent, bit 2 the legal
    representative's, which a minor needs (seeds 002, 003); 0 when none is missing."""
    minor = (age >= 0) & (age < ADULT_AGE)
    return (~personal_data).astype(np.int8) + 2 * (minor & ~representative).astype(np.int8)


def ready_for(named: np.ndarray, named_this: np.ndarray) -> np.ndarray:
    """A mentor who named the forms they are ready for is ready for those; one who named none, for any."""
    return ~named | named_this


MAX_MENTEES = 3  # Положение о наставничестве, п. 2.5: «не более трёх наставляемых»


def mentee_limit(*limits: int | None) -> int:
    """The smallest of 3 and the organization's and the mentor's own limits (None = not set)."""
    return min([MAX_MENTEES] + [limit for limit in limits if limit is not None])


def remaining_capacity(limits, live_counts):
    """Free places of each mentor (arrays, or one mentor's numbers); never below zero."""
    return np.maximum(np.asarray(limits) - np.asarray(live_counts), 0)
