"""The deadlines the documents set for a pair's work (DOMAIN.md §3 stages 6–7, seed 000 §2.11–2.14). No Django.

- A regular meeting at least every `period_days` (14 unless the organization sets another) while the pair works:
  the clock runs from the last meeting, the day the pair began work or the day its current mentor took over,
  whichever is latest; days of holidays and of a pause of the pair do not count. A meeting on the due day is in
  time.
- The mentor's report to the curator for every calendar month that ends while the pair works (not paused that
  day), due MONTHLY_GRACE_DAYS after the month ends, owed by the mentor of that day.
- After the pair ends (completed or terminated): within FINAL_DAYS the mentor's report on the plan, each mentee's
  report with an evaluation of the mentor, and the curator's final interview with each mentee (the 10th day
  after the end is in time, the 11th is late).
- Plan items not done by their deadline, while the pair works.

Every deadline has a `key` that names it for good (the reminder of a deadline is sent once per key), and the
report that meets it is stored under the same key.
"""

import datetime
from dataclasses import dataclass, field

DAY = datetime.timedelta(days=1)
DEFAULT_PERIOD_DAYS = 14
FINAL_DAYS = 10
MONTHLY_GRACE_DAYS = 5
# A clock stopped longer than this (an open pause, endless holidays) has no due day.
HORIZON_DAYS = 366

MEETING, MONTHLY_REPORT, MENTOR_FINAL, MENTEE_FINAL, FINAL_INTERVIEW, PLAN_ITEM = (
    "meeting", "monthly_report", "mentor_final", "mentee_final", "final_interview", "plan_item")
MENTOR, MENTEE, CURATOR = "mentor", "mentee", "curator"


@dataclass(frozen=True)
class Span:
    """Days from `start` to `end` inclusive; an open span (end None) goes on."""

    start: datetime.date
    end: datetime.date | None = None

    def __contains__(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Term:
    mentor: int
    start: datetime.date
    end: datetime.date | None = None


@dataclass(frozen=True)
class Item:
    pk: int
    title: str
    deadline: datetime.date
    done: bool = False


@dataclass(frozen=True)
class PairFacts:
    """What the rules read of one pair. `active_from` is None until the pair begins work."""

    active_from: datetime.date | None
    ended_on: datetime.date | None = None
    terms: tuple[Term, ...] = ()
    mentees: tuple[int, ...] = ()
    meetings: tuple[datetime.date, ...] = ()  # days of the pair's meetings held so far
    reports: frozenset[str] = frozenset()  # keys of the reports submitted
    items: tuple[Item, ...] = ()
    pauses: tuple[Span, ...] = ()
    holidays: tuple[Span, ...] = ()
    period_days: int = DEFAULT_PERIOD_DAYS


@dataclass(frozen=True)
class Deadline:
    kind: str
    key: str
    due: datetime.date
    who: str  # MENTOR, MENTEE or CURATOR
    participant: int | None  # the mentor or the mentee it falls on; None for the curator's interview of …
    label: str
    about: int | None = field(default=None)  # the mentee an interview or a mentee's report is about

    def overdue(self, today: datetime.date) -> bool:
        return today > self.due


def is_paused(facts: PairFacts, day: datetime.date) -> bool:
    return any(day in pause for pause in facts.pauses)


def _stopped(facts: PairFacts, day: datetime.date) -> bool:
    return is_paused(facts, day) or any(day in holiday for holiday in facts.holidays)


def add_working_days(facts: PairFacts, start: datetime.date, days: int) -> datetime.date | None:
    """The day `days` counted days after `start`, skipping stopped days; None past the horizon."""
    day, counted = start, 0
    for _ in range(HORIZON_DAYS + days):
        day += DAY
        if not _stopped(facts, day):
            counted += 1
            if counted == days:
                return day
    return None


def mentor_on(facts: PairFacts, day: datetime.date) -> int | None:
    """The mentor whose term covers `day` (the last term for a day after them all)."""
    covering = [t for t in facts.terms if t.start <= day and (t.end is None or day <= t.end)]
    chosen = covering[-1] if covering else (facts.terms[-1] if facts.terms else None)
    return chosen.mentor if chosen else None


def meeting_deadline(facts: PairFacts, today: datetime.date) -> Deadline | None:
    if facts.active_from is None or facts.ended_on is not None:
        return None
    held = [day for day in facts.meetings if day <= today]
    term_start = max((t.start for t in facts.terms if t.start <= today), default=facts.active_from)
    since = max([facts.active_from, term_start, *held])
    due = add_working_days(facts, since, facts.period_days)
    if due is None:
        return None
    return Deadline(MEETING, f"{MEETING}:{since.isoformat()}", due, MENTOR, mentor_on(facts, today),
                    f"Регулярная встреча (последняя — {since:%d.%m.%Y})")


def _month_ends(first: datetime.date, last: datetime.date):
    """The last days of the months from `first`'s month while they are not after `last`."""
    month = first.replace(day=1)
    while True:
        following = (month + 32 * DAY).replace(day=1)
        end = following - DAY
        if end > last:
            return
        yield end
        month = following


def monthly_deadlines(facts: PairFacts, today: datetime.date) -> list[Deadline]:
    """Unsubmitted monthly reports, up to the one of the current month."""
    if facts.active_from is None:
        return []
    this_month_end = next(_month_ends(today, today + 31 * DAY))
    last = this_month_end if facts.ended_on is None else min(this_month_end, facts.ended_on - DAY)
    result = []
    for end in _month_ends(facts.active_from, last):
        key = f"{MONTHLY_REPORT}:{end:%Y-%m}"
        if key in facts.reports or is_paused(facts, end):
            continue
        result.append(Deadline(MONTHLY_REPORT, key, end + MONTHLY_GRACE_DAYS * DAY, MENTOR, mentor_on(facts, end),
                               f"Отчёт наставника куратору за {end:%m.%Y}"))
    return result


def final_deadlines(facts: PairFacts) -> list[Deadline]:
    if facts.ended_on is None:
        return []
    due = facts.ended_on + FINAL_DAYS * DAY
    wanted = [Deadline(MENTOR_FINAL, MENTOR_FINAL, due, MENTOR, mentor_on(facts, facts.ended_on),
                       "Отчёт наставника о выполнении плана")]
    for mentee in facts.mentees:
        wanted.append(Deadline(MENTEE_FINAL, f"{MENTEE_FINAL}:{mentee}", due, MENTEE, mentee,
                               "Отчёт наставляемого с оценкой наставника", about=mentee))
        wanted.append(Deadline(FINAL_INTERVIEW, f"{FINAL_INTERVIEW}:{mentee}", due, CURATOR, None,
                               "Итоговое собеседование куратора с наставляемым", about=mentee))
    return [d for d in wanted if d.key not in facts.reports]


def item_deadlines(facts: PairFacts) -> list[Deadline]:
    if facts.active_from is None or facts.ended_on is not None:
        return []
    mentor = facts.terms[-1].mentor if facts.terms else None
    return [Deadline(PLAN_ITEM, f"{PLAN_ITEM}:{item.pk}", item.deadline, MENTOR, mentor, f"Пункт плана «{item.title}»")
            for item in facts.items if not item.done]


def deadlines(facts: PairFacts, today: datetime.date) -> list[Deadline]:
    """Every open deadline of the pair on `today`, the earliest first."""
    meeting = meeting_deadline(facts, today)
    found = ([meeting] if meeting else []) + monthly_deadlines(facts, today) + final_deadlines(facts) \
        + item_deadlines(facts)
    return sorted(found, key=lambda d: (d.due, d.kind, d.key))


def overdue(facts: PairFacts, today: datetime.date) -> list[Deadline]:
    return [d for d in deadlines(facts, today) if d.overdue(today)]


def sequence_problem(kind: str, earlier: list[str]) -> str:
    """Why a meeting of `kind` may not follow the pair's `earlier` kinds ("" when it may): встреча-знакомство,
    пробная рабочая встреча and встреча-планирование come first, once each and in this order."""
    if kind not in FIRST_MEETINGS and kind not in AFTER_PLANNING:
        return ""
    if kind in FIRST_MEETINGS and kind in earlier:
        return f"{KIND_LABELS[kind].capitalize()} у пары уже была."
    needed = FIRST_MEETINGS[FIRST_MEETINGS.index(kind) - 1] if kind in FIRST_MEETINGS[1:] else (
        FIRST_MEETINGS[-1] if kind in AFTER_PLANNING else None)
    if needed and needed not in earlier:
        return f"Сначала проводится {KIND_LABELS[needed]}."
    return ""


INTRODUCTION, TRIAL, PLANNING, REGULAR, FINAL, GROUP, GROUP_REFLECTION = (
    "introduction", "trial", "planning", "regular", "final", "group", "group_reflection")
KIND_LABELS = {INTRODUCTION: "встреча-знакомство", TRIAL: "пробная рабочая встреча", PLANNING: "встреча-планирование",
               REGULAR: "регулярная встреча", FINAL: "итоговая встреча", GROUP: "групповая встреча",
               GROUP_REFLECTION: "групповая рефлексия"}
FIRST_MEETINGS = (INTRODUCTION, TRIAL, PLANNING)
AFTER_PLANNING = (REGULAR, FINAL)


def falling(scores: list[float], window: int = 3) -> bool:
    """A falling trend of feedback: the mean scores of the last `window` meetings, each lower than the one before."""
    if len(scores) < window:
        return False
    last = scores[-window:]
    return all(later < earlier for earlier, later in zip(last, last[1:], strict=False))
