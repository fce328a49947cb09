"""How long a pair may run: to the end of its school year, never past the expected leaving of a pupil or a
student in it. No Django here; the pair actions (new pairs from the form, the API and matching alike),
extensions and replacements call `latest_end`.

A school year runs from 1 June to 31 May (a pair starting in the summer belongs to the year ahead); the
organization may end its programme of the year on another day (programmes.Programme.ends_on). The class
or course recorded is the one of the start's school year: a pupil leaves after the 11th class, a student
after the 4th course (the longest of the college programmes), at the end of that school year.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

LAST_GRADE = {"pupil": 11, "student": 4}
GRADE_WORD = {"pupil": "класс", "student": "курс"}


def school_year(day: datetime.date) -> int:
    """The school year `day` belongs to, by its first calendar year (2026 for 2026/2027)."""
    return day.year if day.month >= 6 else day.year - 1


def school_year_end(year: int) -> datetime.date:
    return datetime.date(year + 1, 5, 31)


def expected_leaving(category: str, grade: int | None, day: datetime.date) -> datetime.date | None:
    """The end of the school year in which a pupil or a student of `grade` on `day` finishes; None for others."""
    last = LAST_GRADE.get(category)
    if last is None or grade is None:
        return None
    return school_year_end(school_year(day) + max(last - grade, 0))


@dataclass(frozen=True)
class Person:
    name: str
    category: str
    grade: int | None


@dataclass(frozen=True)
class Limit:
    end: datetime.date
    why: str  # in Russian, e.g. «конец учебного года 2026/2027»


def latest_end(start: datetime.date, people: Iterable[Person] = (), *, year_end: datetime.date | None = None,
               within_school_year: bool = True) -> Limit | None:
    """The latest planned end of a pair of `people` starting on `start`: the end of the school year (`year_end`
    when the organization set one for its programme, else 31 May), or the earlier leaving of one of them.
    `within_school_year=False` (an extension) keeps only the leaving; None when nothing limits the term."""
    year = school_year(start)
    limits = [Limit(year_end or school_year_end(year), f"конец учебного года {year}/{year + 1}")] \
        if within_school_year else []
    for person in people:
        leaving = expected_leaving(person.category, person.grade, start)
        if leaving is not None:
            limits.append(Limit(leaving, f"выпуск «{person.name}» ({person.grade} {GRADE_WORD[person.category]})"))
    return min(limits, key=lambda limit: limit.end, default=None)


def term_problem(start: datetime.date, end: datetime.date, limit: Limit | None) -> str:
    """What is wrong with the planned end `end` of a pair starting on `start`, "" when nothing is."""
    if limit is not None and limit.end <= start:
        return f"Пара не успеет начаться: {limit.why} — {limit.end:%d.%m.%Y}."
    if end <= start:
        return "Окончание должно быть позже начала."
    if limit is not None and end > limit.end:
        return f"Окончание не позже {limit.end:%d.%m.%Y}: {limit.why}."
    return ""
