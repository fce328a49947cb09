"""The indicators of the target model (DOMAIN.md §5, seed 002; seed 004 adds the organizations implementing it):
shares, targets and the status of a value against its target. Plain Python: the counts come from
monitoring.counting, the denominators and targets entered from the database, and the seed's table is the default.
"""

import datetime
from dataclasses import dataclass

from programmes.catalogue import FORMS, PUPIL_AGE

ON_TRACK, BEHIND, NO_TARGET, NO_DATA = "on_track", "behind", "no_target", "no_data"
STATUS_LABELS = {ON_TRACK: "в графике", BEHIND: "отстаёт", NO_TARGET: "цель не задана", NO_DATA: "нет данных"}

# The ages of the indicators: mentees are the pupils' forms' (10–19, programmes.catalogue); mentors are counted
# from 15, the seed's «дети и подростки в возрасте от 15 до 19 лет».
MENTEE_AGES = (PUPIL_AGE["mentee_age_min"], PUPIL_AGE["mentee_age_max"])
MENTOR_AGES = (15, PUPIL_AGE["mentee_age_max"])
# A young specialist, as the form «учитель – учитель» defines one: at most this many years of teaching.
YOUNG_SPECIALIST_YEARS = next(f["mentee_max_teaching_years"] for f in FORMS if f["code"] == "teacher_teacher")


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    denominator: str | None  # the kind of entered denominator, or None when the system counts it itself


INDICATORS = [
    Indicator("mentees_10_19", "Доля детей в возрасте от 10 до 19 лет, вошедших в программы наставничества "
                               "в роли наставляемого, %", "children_10_19"),
    Indicator("mentors_15_19", "Доля детей и подростков в возрасте от 15 до 19 лет, вошедших в программы "
                               "наставничества в роли наставника, %", "children_15_19"),
    Indicator("young_teachers", "Доля учителей – молодых специалистов, вошедших в программы наставничества "
                                "в роли наставляемого, %", "young_teachers"),
    Indicator("enterprises", "Доля предприятий (организаций), вошедших в программы наставничества, "
                             "предоставив своих наставников, %", "enterprises"),
    Indicator("satisfaction_mentees", "Уровень удовлетворённости наставляемых участием в программах "
                                      "наставничества, %", None),
    Indicator("satisfaction_mentors", "Уровень удовлетворённости наставников участием в программах "
                                      "наставничества, %", None),
    Indicator("organizations_implementing", "Доля образовательных организаций, реализующих целевую модель "
                                            "наставничества, %", None),
]
BY_CODE = {indicator.code: indicator for indicator in INDICATORS}

# What the entered denominators count: in a territory its children or enterprises; in an organization its own
# pupils and teachers (the alternative when the territory's number is not known).
DENOMINATORS = {
    "children_10_19": ("Дети в возрасте 10–19 лет", "Обучающиеся организации в возрасте 10–19 лет"),
    "children_15_19": ("Дети в возрасте 15–19 лет", "Обучающиеся организации в возрасте 15–19 лет"),
    "young_teachers": ("Учителя – молодые специалисты", "Учителя – молодые специалисты организации"),
    "enterprises": ("Предприятия (организации) территории", "Организации-партнёры организации"),
}

# Seed 002, «Показатели эффективности внедрения целевой модели наставничества»: the values of 2020 and 2024.
SEED_TARGETS = {
    "mentees_10_19": {2020: 10, 2024: 70},
    "mentors_15_19": {2020: 2, 2024: 10},
    "young_teachers": {2020: 10, 2024: 70},
    "enterprises": {2020: 2, 2024: 30},
    "satisfaction_mentees": {2020: 50, 2024: 85},
    "satisfaction_mentors": {2020: 50, 2024: 85},
}


def default_target(code: str, year: int) -> float | None:
    """The seed's target of `year`: its two values, a straight line between them, the last one after it (the
    model goes on to 2030); none before the first year or for an indicator the seed does not set."""
    points = SEED_TARGETS.get(code)
    if not points:
        return None
    (first, start), (last, end) = min(points.items()), max(points.items())
    if year < first:
        return None
    if year >= last:
        return float(end)
    return round(start + (end - start) * (year - first) / (last - first), 1)


def share(numerator: int | None, denominator: int | None) -> float | None:
    """The percentage to one decimal; None when either number is unknown or there is nothing to share."""
    if numerator is None or not denominator:
        return None
    return round(100 * numerator / denominator, 1)


def status(value: float | None, target: float | None) -> str:
    if value is None:
        return NO_DATA
    if target is None:
        return NO_TARGET
    return ON_TRACK if value >= target else BEHIND


@dataclass(frozen=True)
class Counts:
    """What the database counts in a territory on a date (monitoring.counting)."""

    mentees_10_19: int = 0
    mentors_15_19: int = 0
    young_teacher_mentees: int = 0
    enterprises: int = 0
    organizations_implementing: int = 0
    organizations: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        """Counts of two disjoint parts of a territory (enterprises are distinct per territory: counted apart)."""
        return Counts(*(a + b for a, b in zip(self.as_tuple(), other.as_tuple(), strict=True)))

    def as_tuple(self) -> tuple[int, ...]:
        return (self.mentees_10_19, self.mentors_15_19, self.young_teacher_mentees, self.enterprises,
                self.organizations_implementing, self.organizations)


@dataclass(frozen=True)
class Value:
    code: str
    name: str
    numerator: int | None
    denominator: int | None
    value: float | None
    target: float | None
    status: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def evaluate(counts: Counts, denominators: dict[str, int | None], satisfaction: dict[str, tuple[int, int] | None],
             targets: dict[str, float | None]) -> list[Value]:
    """Every indicator of INDICATORS: numerator, denominator, value in %, target and status.

    `denominators` maps the kinds of DENOMINATORS to the entered numbers (None: not entered), `satisfaction`
    the codes of the satisfaction indicators to (satisfied, answered) or None, `targets` the codes to the target
    of the year (None: none set)."""
    fractions = {
        "mentees_10_19": (counts.mentees_10_19, denominators.get("children_10_19")),
        "mentors_15_19": (counts.mentors_15_19, denominators.get("children_15_19")),
        "young_teachers": (counts.young_teacher_mentees, denominators.get("young_teachers")),
        "enterprises": (counts.enterprises, denominators.get("enterprises")),
        "organizations_implementing": (counts.organizations_implementing, counts.organizations),
    }
    for code in ("satisfaction_mentees", "satisfaction_mentors"):
        fractions[code] = satisfaction.get(code) or (None, None)
    values = []
    for indicator in INDICATORS:
        numerator, denominator = fractions[indicator.code]
        value = share(numerator, denominator)
        target = targets.get(indicator.code)
        values.append(Value(indicator.code, indicator.name, numerator, denominator, value, target,
                            status(value, target)))
    return values


def _years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` earlier; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def born_between(day: datetime.date, youngest: int, oldest: int) -> tuple[datetime.date, datetime.date]:
    """The first and the last birth date of those whose age on `day` (programmes.eligibility.age_on) lies in
    youngest..oldest: a range the database compares birth dates with."""
    latest = _years_before(day, youngest)
    earliest = _years_before(day, oldest + 1) + datetime.timedelta(days=1)
    return earliest, latest


def birth_years_between(day: datetime.date, youngest: int, oldest: int) -> tuple[int, int]:
    """For a person known by the year of birth only (anonymized, people.actions keeps the year): the years whose
    1 July falls within `born_between`."""
    earliest, latest = born_between(day, youngest, oldest)
    first = earliest.year + (earliest > datetime.date(earliest.year, 7, 1))
    last = latest.year - (latest < datetime.date(latest.year, 7, 1))
    return first, last


def trend_days(day: datetime.date, years: int = 5) -> list[datetime.date]:
    """The days of the trend: the end of each of the `years` - 1 years before `day`'s, then `day`."""
    return [datetime.date(day.year - back, 12, 31) for back in range(years - 1, 0, -1)] + [day]
