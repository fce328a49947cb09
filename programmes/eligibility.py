"""Who may mentor whom in a form: the rules of the seeds, vectorised so that one code path checks a
single pair (the pair actions) and millions of candidate pairs (matching). No Django here.

The caller describes people as a struct of arrays (`People`) and the form's rules as `FormRules`
(the seeds' numbers after the region's and the organization's overrides), and gets one reason code
per candidate pair: 0 when the pair is allowed, otherwise the first rule it breaks.
"""

from dataclasses import dataclass

import numpy as np

CATEGORY_CODES = {"pupil": 1, "student": 2, "teacher": 3, "graduate": 4, "parent": 5,
                  "partner_employee": 6, "other": 7}
UNKNOWN = -1

ALLOWED = 0
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


def check(rules: FormRules, mentors: People, mentees: People, mentor_idx: np.ndarray, mentee_idx: np.ndarray,
          parent_pairs: np.ndarray | None = None) -> np.ndarray:
    """Reason code per candidate (mentors row mentor_idx[k], mentees row mentee_idx[k]); 0 = allowed.

    `parent_pairs` is an (n, 2) array of (parent id, child id): a parent never mentors their child.
    Rules are applied from the last to the first, so the code kept is the first rule broken.
    """
    reason = np.zeros(len(mentor_idx), dtype=np.int8)
    mentor = {name: getattr(mentors, name)[mentor_idx] for name in vars(mentors)}
    mentee = {name: getattr(mentees, name)[mentee_idx] for name in vars(mentees)}

    def mark(code: int, broken: np.ndarray) -> None:
        reason[broken] = code

    if rules.mentor_min_experience_years is not None:
        mark(MENTOR_EXPERIENCE, mentor["professional_years"] < rules.mentor_min_experience_years)
    if rules.mentor_from_partner:
        mark(NO_PARTNER_AGREEMENT, ~mentor["partner_agreement_valid"])
    if rules.mentee_max_teaching_years is not None:
        young = (mentee["teaching_years"] >= 0) & (mentee["teaching_years"] <= rules.mentee_max_teaching_years)
        mark(NOT_YOUNG_SPECIALIST, ~(young | mentee["flagged"]))
    if rules.mentor_grade_above_mentee:
        mark(GRADE_NOT_HIGHER, (mentor["grade"] < 0) | (mentee["grade"] < 0) | (mentor["grade"] <= mentee["grade"]))
    age = mentee["age_at_start"]
    if rules.mentee_age_min is not None:
        mark(MENTEE_AGE, (age < 0) | (age < rules.mentee_age_min))
    if rules.mentee_age_max is not None:
        mark(MENTEE_AGE, (age < 0) | (age > rules.mentee_age_max))
    mark(MENTEE_CONSENT, ~mentee["consents_ok"])
    mark(MENTOR_CONSENT, ~mentor["consents_ok"])
    if parent_pairs is not None and len(parent_pairs):
        pair_keys = mentor["ids"] * (1 << 32) + mentee["ids"]
        parent_keys = parent_pairs[:, 0].astype(np.int64) * (1 << 32) + parent_pairs[:, 1].astype(np.int64)
        mark(PARENT_OF_MENTEE, np.isin(pair_keys, parent_keys))
    mark(SAME_PERSON, mentor["ids"] == mentee["ids"])
    mark(MENTEE_CATEGORY, ~np.isin(mentee["category"], _codes(rules.mentee_categories)))
    mark(MENTOR_CATEGORY, ~np.isin(mentor["category"], _codes(rules.mentor_categories)))
    return reason


MAX_MENTEES = 3  # Положение о наставничестве, п. 2.5


def mentor_limit(*limits: int | None) -> int:
    """The smallest of 3 and the organization's and the mentor's own limits (None = not set)."""
    return min([MAX_MENTEES] + [limit for limit in limits if limit is not None])


def remaining_capacity(limits: np.ndarray, live_counts: np.ndarray) -> np.ndarray:
    return np.maximum(limits - live_counts, 0)
