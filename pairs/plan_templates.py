"""The individual plan's items by form (DOMAIN.md §4, seeds 000 and 004), its deadlines and the teachers'
term of 3 months to 1 year. No Django: plain dates and tuples."""

import calendar
import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class TemplateItem:
    section: str
    title: str
    responsible: str
    # Where the deadline falls in the pair's term: 0 is its start, 1 its planned end.
    share: float


TEACHERS = (
    TemplateItem("Знакомство с рабочим местом и коллективом",
                 "Знакомство с организацией, рабочим местом, коллективом и традициями", "наставник", 0.05),
    TemplateItem("Должностные обязанности и требования",
                 "Изучение должностной инструкции, локальных актов и требований к ведению документации",
                 "наставник", 0.1),
    TemplateItem("Адаптационные мероприятия",
                 "Посещение уроков наставника и коллег, участие в работе методического объединения",
                 "наставляемый", 0.3),
    TemplateItem("Теоретическая подготовка",
                 "Изучение ФГОС, рабочих программ и методической литературы по выявленным дефицитам",
                 "наставляемый", 0.5),
    TemplateItem("Практические задания",
                 "Подготовка и проведение уроков и занятий с разбором наставником", "наставляемый", 0.75),
    TemplateItem("Закрепление",
                 "Открытый урок, самоанализ и отчёт о результатах наставничества", "наставляемый", 1.0),
)

PUPILS = (
    TemplateItem("Цели развития", "Определение целей развития и ожидаемых результатов", "наставник", 0.1),
    TemplateItem("Цели развития", "Промежуточная оценка продвижения к целям", "наставник", 0.5),
    TemplateItem("Образовательная траектория",
                 "Выбор курсов, кружков, проектов и мероприятий образовательной траектории", "наставляемый", 0.2),
    TemplateItem("Образовательная траектория", "Выполнение проекта или участие в конкурсе", "наставляемый", 0.8),
    TemplateItem("Образовательная траектория", "Итоговая встреча и отчёт о достигнутых результатах",
                 "наставляемый", 1.0),
)

# The forms whose mentees are teachers follow the teachers' programme; the others the pupils' plan.
TEACHERS_FORMS = frozenset({"teacher_teacher", "head_teacher", "lecturer_teacher"})


def template_for(form_code: str) -> tuple[TemplateItem, ...]:
    return TEACHERS if form_code in TEACHERS_FORMS else PUPILS


def items_for(form_code: str, start: datetime.date, end: datetime.date) -> list[dict]:
    """The template's items with deadlines spread over the term start…end."""
    days = (end - start).days
    return [{"section": item.section, "title": item.title, "responsible": item.responsible,
             "deadline": start + datetime.timedelta(days=round(days * item.share))}
            for item in template_for(form_code)]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter (31.01 + 1 → 28.02)."""
    year, index = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, index + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_problem(form_code: str, start: datetime.date, end: datetime.date) -> str | None:
    """Why the term does not suit a teachers' personalised programme (3 months – 1 year), or None."""
    if form_code not in TEACHERS_FORMS:
        return None
    if end < add_months(start, 3) or end > add_months(start, 12):
        return (f"Срок персонализированной программы педагога — от 3 месяцев до 1 года; "
                f"у пары {start:%d.%m.%Y} – {end:%d.%m.%Y}.")
    return None


def is_overdue(done: bool, deadline: datetime.date, today: datetime.date) -> bool:
    return not done and deadline < today
