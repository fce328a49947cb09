"""Who may mentor whom in a form: the rules of the seeds, vectorised so that one code path checks a
single pair (the pair actions) and millions of candidate pairs (matching). No Django here.

The caller describes people as a struct of arrays (`People`) and the form's rules as `FormRules`
(the seeds' numbers after the region's and the organization's overrides, programmes.rules.form_rules),
and gets one reason code per candidate pair: 0 when the pair is allowed, otherwise the first rule it
breaks. `REASONS` names each rule briefly (lists of candidates); `describe` says it with the numbers in
force (the refusal of one pair). What needs the database — consents, agreements, counts of live
pairs — the caller computes into the arrays; the mentor's limit is `mentor_limit`, the free places
`remaining_capacity`.
"""

from dataclasses import dataclass

import numpy as np

CATEGORY_CODES = {"pupil": 1, "student": 2, "teacher": 3, "graduate": 4, "parent": 5,
                  "partner_employee": 6, "other": 7}
UNKNOWN = -1

ALLOWED = 0
NONE = 127  # inside `check`: no rule broken yet
MENTOR_CATEGORY, MENTEE_CATEGORY, SAME_PERSON, PARENT_OF_MENTEE, MENTOR_CONSENT, MENTEE_CONSENT, \
    MENTEE_AGE, GRADE_NOT_HIGHER, NOT_YOUNG_SPECIALIST, NO_PARTNER_AGREEMENT, MENTOR_EXPERIENCE = range(1, 12)

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
              (MENTOR_CONSENT, ~mentors.consents_ok)]
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
              (MENTEE_CONSENT, ~mentees.consents_ok)]
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
          forbidden: np.ndarray | set[tuple[int, int]] | None = None) -> np.ndarray:
    """Reason code per candidate (mentors row mentor_idx[k], mentees row mentee_idx[k]); 0 = allowed.

    `forbidden` holds (parent id, child id) pairs — an (n, 2) array or a set of tuples: a parent never
    mentors their own child. Codes are numbered in the order the rules are told, so the code kept is
    the smallest one broken. The rules of one side are computed once per person, then gathered; only
    the grades and the ids are compared pair by pair.
    """
    reason = np.minimum(_mentor_codes(rules, mentors)[mentor_idx], _mentee_codes(rules, mentees)[mentee_idx])

    def mark(code: int, broken: np.ndarray) -> None:
        np.minimum(reason, np.where(broken, code, NONE).astype(np.int8), out=reason)

    if rules.mentor_grade_above_mentee:
        mark(GRADE_NOT_HIGHER, mentors.grade[mentor_idx] <= mentees.grade[mentee_idx])
    mentor_ids, mentee_ids = mentors.ids[mentor_idx], mentees.ids[mentee_idx]
    mark(SAME_PERSON, mentor_ids == mentee_ids)
    forbidden = _as_array(forbidden)
    if len(forbidden):
        # Only the few candidates whose mentee has a forbidden mentor at all are looked up pair by pair.
        rows = np.flatnonzero(_member(mentees.ids, forbidden[:, 1])[mentee_idx])
        pairs = np.column_stack([mentor_ids[rows], mentee_ids[rows]])
        parents = rows[_member(_keys(pairs), _keys(forbidden))]
        reason[parents] = np.minimum(reason[parents], PARENT_OF_MENTEE)
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
    return REASONS[code]


MAX_MENTEES = 3  # Положение о наставничестве, п. 2.5


def mentor_limit(*limits: int | None) -> int:
    """The smallest of 3 and the organization's and the mentor's own limits (None = not set)."""
    return min([MAX_MENTEES] + [limit for limit in limits if limit is not None])


def remaining_capacity(limits, live_counts):
    """Free places of each mentor (arrays, or one mentor's numbers); never below zero."""
    return np.maximum(np.asarray(limits) - np.asarray(live_counts), 0)
