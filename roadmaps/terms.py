"""Terms of a roadmap as people write them («до 10.09.2020», «сентябрь – октябрь 2020 г.», «декабрь
ежегодно», «в течение 2020/2021 учебного года», «КТ – пять месяцев после издания приказа») read into due
dates within the roadmap's period. No Django here.

A term is normalised (case, «ё», every dash and minus, spacing, tags pasted from Word), then the known
wordings are found in it, each leaving its dates; the words around them («до», «в течение», «г.», «далее», a
comment) change nothing. A term in which nothing known is found, or a date that is none (31.02.2022), is
`unread`: it is kept as written and marked for the user to set a date — a reader never guesses. A date
read outside the roadmap's period is kept and marked too.

The due date of a span (a month, a range of months, a quarter, a year, a school year) is its last day; a
month or a day written without a year is its first occurrence in the period; «после издания приказа»
counts from the order's date written in the term, else from the start of the period (the order that
launches the roadmap); a recurring term gives one date in each of its periods (year, half-year, quarter,
month) within the roadmap's period, on its written day («декабрь ежегодно», «ежегодно до 25 декабря»);
a continuous one is due at the end of the period; one on demand has no due date.
"""

import calendar
import datetime
import re
from dataclasses import dataclass, field

from programmes.terms import school_year_end

KINDS = ("date", "dates", "recurring", "continuous", "on_demand", "relative", "unread")
MAX_TERM = 500  # characters: a term is a phrase; a longer cell is kept as written, for the user

_MONTHS = {
    1: r"январ[ьяею]|янв", 2: r"феврал[ьяею]|февр?", 3: r"марта?|марте|мар", 4: r"апрел[ьяею]|апр",
    5: r"ма[йяею]", 6: r"июн[ьяею]|июн", 7: r"июл[ьяею]|июл", 8: r"августа?|августе|авг",
    9: r"сентябр[ьяею]|сент?", 10: r"октябр[ьяею]|окт", 11: r"ноябр[ьяею]|нояб?", 12: r"декабр[ьяею]|дек",
}
MONTH = "(?<![а-я])(?:" + "|".join(f"(?:{words})" for words in _MONTHS.values()) + r")\.?(?![а-я])"
YEAR = r"(20\d\d)(?:\s*(?:г\.?|гг\.?|года?|году|годы|годов)(?![а-я]))?"
_DAY = r"(?<!\d)(\d{1,2})"

_CARDINALS = {"одного": 1, "один": 1, "двух": 2, "два": 2, "трех": 3, "три": 3, "четырех": 4, "четыре": 4,
              "пяти": 5, "пять": 5, "шести": 6, "шесть": 6, "семи": 7, "семь": 7, "восьми": 8, "восемь": 8,
              "девяти": 9, "девять": 9, "десяти": 10, "десять": 10, "одиннадцати": 11, "одиннадцать": 11,
              "двенадцати": 12, "двенадцать": 12}
_ORDINALS = {"первого": 1, "второго": 2, "третьего": 3, "четвертого": 4, "пятого": 5, "шестого": 6,
             "седьмого": 7, "восьмого": 8, "девятого": 9, "десятого": 10, "одиннадцатого": 11, "двенадцатого": 12}
_COUNT = "|".join(sorted([*_CARDINALS, *_ORDINALS], key=len, reverse=True))
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

@dataclass(frozen=True)
class Term:
    """A term read: its kind, its due dates in order, and whether the user must look at it."""

    text: str
    kind: str
    due: tuple[datetime.date, ...] = ()
    control_point: bool = False  # «КТ», «контрольная точка»
    outside: bool = False  # a date read lies outside the roadmap's period

    @property
    def attention(self) -> bool:
        return self.kind == "unread" or self.outside


@dataclass
class _Found:
    points: list[datetime.date] = field(default_factory=list)  # dates of the kind `date`
    days: list[tuple[int, int]] = field(default_factory=list)  # (month, day) written without a year
    recurring: str = ""  # "year", "half", "quarter", "month"
    relative: list[datetime.date] = field(default_factory=list)
    continuous: bool = False
    on_demand: bool = False
    years: list[int] = field(default_factory=list)  # «2020–2024 гг.»: each year's end
    programme_end: bool = False  # «по итогам реализации программы»: the end of the period
    broken: bool = False  # a date that is none (31.02.2022): the whole term goes to the user


def normalise(text: str) -> str:
    text = re.sub(r"<[^>]*>", " ", text).lower().replace("ё", "е").replace("\xa0", " ")
    text = re.sub(r"[\u2010-\u2015\u2212\u00ad]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def read_term(text: str, start: datetime.date, end: datetime.date) -> Term:
    """The term `text` of a roadmap running from `start` to `end`."""
    if len(text) > MAX_TERM or end < start:
        return Term(text, "unread")
    rest = normalise(text)
    control = bool(re.search(r"(?<![а-я])(кт|контрольн\w* точк\w*)(?![а-я])", rest))
    anchor = start
    if match := re.search(r"приказ\w*\s+от\s+(\d{1,2})\.(\d{1,2})\.(\d{4})", rest):
        anchor = _date(int(match[3]), int(match[2]), int(match[1])) or start
    rest = re.sub(r"\((?:приказ|п\.)[^)]*\)?|№\s*[\d\-/]+|\(далее[^)]*\)", " ", rest)
    found = _Found()
    for pattern, read in _READERS:
        rest = pattern.sub(lambda m, read=read: read(m, found, anchor, start, end) or " ", rest)
    if found.broken or not _anything(found):
        return Term(text, "unread", control_point=control)
    return _term(text, found, start, end, control)


def _anything(found: _Found) -> bool:
    return bool(found.points or found.days or found.recurring or found.relative or found.continuous
                or found.on_demand or found.years or found.programme_end)


def _term(text: str, found: _Found, start: datetime.date, end: datetime.date, control: bool) -> Term:
    written = [*found.points, *found.relative]
    if found.recurring:
        kind, due = "recurring", _series(found, start, end) + ([end] if found.programme_end else [])
    elif found.relative:
        kind, due = "relative", [*found.relative, *found.points, *_first_in(found.days, start, end)]
    elif found.years:
        kind, due = "dates", [datetime.date(year, 12, 31) for year in found.years]
    elif found.points or found.days or found.programme_end:
        due = [end] if found.programme_end else []
        due += [*found.points, *_first_in(found.days, start, end)]
        if len(due) < len(found.points) + len(found.days) + found.programme_end:
            return Term(text, "unread", control_point=control)  # a day that never comes in the period
        kind = "dates" if len(set(due)) > 1 else "date"
    elif found.continuous:
        kind, due = "continuous", [end]
    elif found.on_demand:
        kind, due = "on_demand", []
    else:
        return Term(text, "unread", control_point=control)
    due = tuple(sorted(set(due)))
    outside = any(not start <= day <= end for day in [*written, *due])
    return Term(text, kind, due, control, outside)


def _series(found: _Found, start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The dates of a recurring term: each period's written day, or its last day, from the first written
    date (if any) to the end of the roadmap."""
    first = min([*found.points, *found.relative], default=start)
    if found.recurring == "year":
        days = found.days + [(day.month, day.day) for day in found.points] or [(12, 31)]
        due = [d for year in range(first.year, end.year + 1) for month, day in days
               if (d := _date(year, month, day or calendar.monthrange(year, month)[1])) is not None
               and first <= d and start <= d <= end]
        if not found.days and not found.points and due and due[-1] < end and end.year > due[-1].year:
            due.append(end)  # the last, partial year of the period
        return [*found.relative, *due]
    step = {"half": 6, "quarter": 3, "month": 1}[found.recurring]
    due, year, month = [], start.year, 1
    while (d := _month_end(year, month + step - 1)) <= end:
        if d >= max(first, start):
            due.append(d)
        year, month = (year + 1, 1) if month + step > 12 else (year, month + step)
    return [*found.relative, *due]


def _first_in(days: list[tuple[int, int]], start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """Each (month, day) written without a year on its first occurrence within the period."""
    out = []
    for month, day in days:
        for year in range(start.year, end.year + 1):
            d = _date(year, month, day if day else calendar.monthrange(year, month)[1])
            if d is not None and start <= d <= end:
                out.append(d)
                break
    return out


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> datetime.date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _month(word: str) -> int:
    word = word.rstrip(".")
    return next(number for number, words in _MONTHS.items() if re.fullmatch(words, word))


def add_months(day: datetime.date, months: float) -> datetime.date:
    whole = int(months)
    year, month = day.year + (day.month - 1 + whole) // 12, (day.month - 1 + whole) % 12 + 1
    moved = datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    return moved + datetime.timedelta(days=round((months - whole) * 30))


# The readers: a pattern and what it adds to the finding; the match is then blanked out.

def _relative(m, found, anchor, start, end):
    counts = re.findall(_COUNT + r"|\d+", m[1])
    months = max((int(c) if c.isdigit() else _CARDINALS.get(c) or _ORDINALS[c]) for c in counts) if counts else 1
    found.relative.append(add_months(anchor, months + (0.5 if "половин" in m[0] else 0)))


def _full_date(m, found, anchor, start, end):
    year = int(m[3]) if len(m[3]) == 4 else 2000 + int(m[3])
    if (d := _date(year, int(m[2]), int(m[1]))) is not None:
        found.points.append(d)
    else:
        found.broken = True


def _day_month(m, found, anchor, start, end):
    month, day = _month(m[2]), int(m[1])
    if m[3]:
        if (d := _date(int(m[3]), month, day)) is None:
            found.broken = True
        else:
            found.points.append(d)
    elif 1 <= day <= calendar.monthrange(2024, month)[1]:
        found.days.append((month, day))
    else:
        found.broken = True


def _months(m, found, anchor, start, end):
    """A month or a range of months, with or without a year: due at the end of the last one."""
    last = _month(m[2] or m[1])
    if m[3]:
        found.points.append(_month_end(int(m[3]), last))
    else:
        found.days.append((last, 0))


def _quarter(m, found, anchor, start, end):
    quarter = _ROMAN[m[1]]
    year = int(m[2]) if m[2] else None
    if year is None:
        found.days.append((quarter * 3, 0))
    else:
        found.points.append(_month_end(year, quarter * 3))


def _half(m, found, anchor, start, end):
    half = _ROMAN[m[1]]
    if m[2]:
        found.points.append(_month_end(int(m[2]), half * 6))
    else:
        found.days.append((half * 6, 0))


def _school_year(m, found, anchor, start, end):
    first, second = int(m[1] or m[3]), int(m[2] or m[4]) % 100
    if second != (first + 1) % 100:
        return m[0]  # «2020-2024»: years, read next
    found.points.append(school_year_end(first))


def _years(m, found, anchor, start, end):
    first, last = int(m[1]), int(m[2])
    if first < last <= first + 20:
        found.years.extend(range(first, last + 1))
    else:
        return m[0]


def _year(m, found, anchor, start, end):
    found.points.append(datetime.date(int(m[1]), 12, 31))


def _setter(**values):
    def read(m, found, anchor, start, end):
        for name, value in values.items():
            setattr(found, name, value)
    return read


def _programme_end(m, found, anchor, start, end):
    found.programme_end = True


_R = re.compile
_READERS = [
    (_R(r"(?:в течение\s+|через\s+|от\s+)?((?:(?<![\dа-я])(?:" + _COUNT + r"|\d{1,2})(?![\dа-я])"
        r"(?:\s*(?:-|и|или)\s*)?){1,4}(?:\s*с\s+половиной)?|)\s*месяц\w*"
        r"(?:\s+после\s+(?:издания|подписания|утверждения)\s+приказа"
        r"(?:\s+об?\s+[а-я ]+?(?=\(|,|$))?)?"), _relative),
    (_R(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?!\d)(?:\s*(?:г\.?|года?)(?![а-я]))?"), _full_date),
    (_R(_DAY + r"\s+(" + MONTH + r")(?:\s*" + YEAR + ")?"), _day_month),
    (_R(r"(?<![а-я])([12]|ii|i)\s*(?:-?е)?\s*полугоди\w*(?:\s*" + YEAR + ")?"), _half),
    (_R(r"(?<![а-я\d])(iv|iii|ii|i|[1-4])\s*(?:-?й)?\s*кв(?:артал\w*|\.)?(?![а-я])(?:\s*" + YEAR + ")?"), _quarter),
    (_R(r"(20\d\d)\s*[/-]\s*((?:20)?\d\d)\s*уч(?:ебн\w*|\.)?\s*(?:г(?:од\w*|\.)?)?|(20\d\d)/((?:20)?\d\d)"),
     _school_year),
    (_R(r"(20\d\d)\s*-\s*(20\d\d)(?:\s*(?:гг\.?|г\.?|годы|годов|года)(?![а-я]))?"), _years),
    (_R(r"(" + MONTH + r")(?:\s*(?:-|по|и)\s*(" + MONTH + r"))?(?:\s*" + YEAR + ")?"), _months),
    (_R(r"(?<!\d)" + YEAR), _year),
    (_R(r"ежегодн\w*|каждый год|раз в год"), _setter(recurring="year")),
    (_R(r"(?:не реже\s+)?(?:(?:1|один|одного)\s+)?раза? в полугодие|раз в полгода|ежеполугодно|"
        r"(?:2|два) раза в год"), _setter(recurring="half")),
    (_R(r"ежекварт\w*|(?:не реже\s+)?(?:(?:1|один|одного)\s+)?раза? в квартал"), _setter(recurring="quarter")),
    (_R(r"ежемесячн\w*|(?:не реже\s+)?(?:(?:1|один|одного)\s+)?раза? в месяц"), _setter(recurring="month")),
    (_R(r"постоянн\w*|на постоянной основе|в течение всего (?:периода|срока)(?:\s+(?:реализации|внедрения)"
        r"(?:\s+(?:цмн|программ\w*|целевой модели\w*|дорожной карты|проекта))?)?|весь период|"
        r"на протяжении всего периода|в течение (?:учебного )?года"), _setter(continuous=True)),
    (_R(r"по мере (?:необходимости|обновления|поступления|потребности)|при необходимости|по необходимости|"
        r"по запросу|по запросам|по заявкам"), _setter(on_demand=True)),
    (_R(r"по (?:итогам|завершени[юи]|окончании) (?:реализации )?программы"), _programme_end),
]
