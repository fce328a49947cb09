"""A school year of the pairs' work, through meetings.actions: last year's pairs met from October to May, gave
feedback after every meeting, reported every month and at the end (approved by the head); this year's pairs
meet since October — most every two weeks, some stopped in November and are overdue, one is paused, one's
feedback is falling. The «mentor» and «mentee» logins give their own feedback; the curator types in the paper
forms of the others."""

import datetime
import random

from django.utils import timezone

from meetings import actions, deadlines
from meetings.models import Meeting, Report
from pairs.models import Pair, PairStatus

DAY = datetime.timedelta(days=1)
FIRST = (Meeting.Kind.INTRODUCTION, Meeting.Kind.TRIAL, Meeting.Kind.PLANNING)
TOPICS = ("Цели на четверть", "Разбор олимпиадных задач", "Подготовка проекта", "Чтение и обсуждение статьи",
          "Тайм-менеджмент", "Подготовка к выступлению", "Итоги месяца", "Работа над ошибками контрольной")
WENT_WELL = ("Разобрали трудную тему", "Было интересно и понятно", "Составили план проекта", "Успели всё задуманное")
TO_CHANGE = ("", "", "Больше практики", "Встречаться подольше")
MONTHLY = {"done": "Проведены встречи по плану, выполнены пункты плана месяца.",
           "results": "Наставляемый увереннее решает задачи, вовремя сдаёт работы.",
           "next_month": "Продолжить работу по индивидуальному плану."}


def holidays(year: int) -> list[tuple[str, datetime.date, datetime.date]]:
    """Школьные каникулы of the school year starting in `year`."""
    return [("Осенние каникулы", datetime.date(year, 10, 26), datetime.date(year, 11, 3)),
            ("Зимние каникулы", datetime.date(year, 12, 29), datetime.date(year + 1, 1, 11)),
            ("Весенние каникулы", datetime.date(year + 1, 3, 23), datetime.date(year + 1, 3, 31))]


def _at(day: datetime.date, hour: int = 15) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


class WorkStory:
    def __init__(self, *, seed: int, year_start: datetime.date, today: datetime.date, users: dict):
        self.random = random.Random(seed)
        self.today, self.users, self.curator, self.head = today, users, users["curator"], users["head"]
        self.year_start = year_start
        self.breaks = [(start, end) for year in (year_start.year - 1, year_start.year)
                       for _, start, end in holidays(year)]

    def make(self, current: list[Pair]) -> None:
        """The work of the home school's pairs, the curator's."""
        school = current[0].organization
        for year in (self.year_start.year - 1, self.year_start.year):
            for title, start, end in holidays(year):
                actions.add_holiday(school, actor=self.curator, title=title, start=start, end=end)
        for pair in Pair.objects.filter(status=PairStatus.COMPLETED, organization=school).order_by("pk"):
            self.pair_year(pair, until=pair.ended_on - 3 * DAY, final=True)
            self.final_reports(pair)
        current = [p for p in current if p.organization == school]
        story, *others = [p for p in current if p.status in actions.MEETING_STATUSES]
        self.pair_year(story, until=self.today - 3 * DAY, story=True)
        for index, pair in enumerate(others):
            # Every fourth pair stopped meeting in November: overdue meetings and reports.
            stopped = index % 4 == 1
            until = min(self.year_start.replace(month=11, day=10), self.today - DAY) if stopped else self.today - DAY
            self.pair_year(pair, until=until, falling=index == 2, skip_reports=stopped)
            if index == 4 and pair.status == PairStatus.ACTIVE:
                actions.pause_pair(pair, actor=self.curator, start=min(self.today, self.year_start.replace(
                    month=11, day=20)), reason="Длительная болезнь наставляемого")

    def _days(self, start: datetime.date, until: datetime.date) -> list[datetime.date]:
        """Meeting days from `start`: the first three within three weeks, then every 10–14 days off the holidays."""
        days, day = [], start + DAY
        while day <= until:
            for begin, end in self.breaks:
                if begin <= day <= end:
                    day = end + DAY
            if day > until:
                break
            days.append(day)
            day += datetime.timedelta(days=self.random.randint(4, 6) if len(days) < 3 else self.random.randint(10, 14))
        return days

    def pair_year(self, pair: Pair, *, until: datetime.date, final: bool = False, story: bool = False,
                  falling: bool = False, skip_reports: bool = False) -> None:
        days = self._days(pair.start_date, min(until, self.today - DAY))
        terms = list(pair.mentor_terms.select_related("mentor").order_by("started_on"))
        mentees = [m.mentee for m in pair.mentees.all()]
        for number, day in enumerate(days):
            mentor = next((t.mentor for t in reversed(terms) if t.started_on <= day), pair.mentor)
            people = [mentor, *mentees]
            kind = FIRST[number] if number < 3 else (
                Meeting.Kind.FINAL if final and number == len(days) - 1 else Meeting.Kind.REGULAR)
            meeting = actions.plan_meeting(
                actor=self.curator, pairs=[pair], kind=kind, starts_at=_at(day, self.random.choice((14, 15, 16))),
                topic=Meeting.Kind(kind).label.capitalize() if number < 3 else self.random.choice(TOPICS),
                format=Meeting.Format.IN_PERSON, place="каб. 21", summary="Встреча прошла по плану.",
                attendees=people)
            score = max(1, 5 - (number - len(days) + 4)) if falling and number >= len(days) - 3 else None
            self.feedback(meeting, people, story, score)
        if not skip_reports:
            self.monthly_reports(pair, days, story)

    def feedback(self, meeting: Meeting, people: list, story: bool, score: int | None) -> None:
        for person in people:
            value = score or self.random.choice((4, 4, 5, 5, 5, 3))
            values = {"usefulness": value, "comfort": min(5, value + self.random.randint(0, 1)), "progress": value,
                      "went_well": self.random.choice(WENT_WELL), "to_change": self.random.choice(TO_CHANGE),
                      "next_step": "Следующая встреча по плану"}
            login = self._login(person) if story else None
            if login:
                actions.give_feedback(meeting, actor=login, **values)
            else:
                actions.give_feedback(meeting, actor=self.curator, author=person, **values)

    def _login(self, person):
        for username in ("mentor", "mentee"):
            user = self.users[username]
            if user.roles.filter(participant=person).exists():
                return user
        return None

    def monthly_reports(self, pair: Pair, days: list[datetime.date], story: bool) -> None:
        month = pair.start_date.replace(day=1)
        last = min(pair.ended_on or self.today, self.today)
        while True:
            end = (month + 32 * DAY).replace(day=1) - DAY
            if end >= last or (pair.ended_on and end >= pair.ended_on):
                return
            submitted = min(end + datetime.timedelta(days=self.random.randint(1, deadlines.MONTHLY_GRACE_DAYS)),
                            self.today)
            actor = self.users["mentor"] if story else self.curator
            report = actions.submit_report(pair, actor=actor, kind=Report.Kind.MONTHLY, answers=MONTHLY, on=submitted,
                                           month=month, on_paper=not story)
            if self.random.random() < 0.7:
                actions.approve_report(report, actor=self.head, on=submitted + DAY)
            month = end + DAY

    def final_reports(self, pair: Pair) -> None:
        on = pair.ended_on + datetime.timedelta(days=self.random.randint(2, 8))
        reports = [actions.submit_report(pair, actor=self.curator, kind=Report.Kind.MENTOR_FINAL, on=on, on_paper=True,
                                         answers={"plan_done": "План выполнен полностью.", "satisfaction": "5",
                                                  "results": "Наставляемый стал призёром муниципального этапа."})]
        for member in pair.mentees.all():
            reports.append(actions.submit_report(
                pair, actor=self.curator, kind=Report.Kind.MENTEE_FINAL, on=on, on_paper=True, about=member.mentee_id,
                answers={"plan_done": "Всё задуманное", "mentor_rating": "5", "satisfaction": "5",
                         "useful": "Разбор трудных задач"}))
            reports.append(actions.submit_report(
                pair, actor=self.curator, kind=Report.Kind.FINAL_INTERVIEW, on=on, about=member.mentee_id,
                answers={"impressions": "Доволен работой пары", "achievements": "Уверенность на уроках"}))
        for report in reports:
            actions.approve_report(report, actor=self.head, on=on + DAY)
