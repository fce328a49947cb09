"""The seven stages of an organization's mentoring programme (DOMAIN.md §3, seeds 002 and 004) with
the documents each one ends in, and the rules of moving through them. No Django here.

A stage is «не начат», «идёт» or «завершён». A stage may start once the one before it has started
(stages 2 and 3 usually run side by side); it may be completed once the one before it is completed
and the documents it must produce are there. What is missing is said in Russian, for the curator.
"""

import datetime
from dataclasses import dataclass

NOT_STARTED, IN_PROGRESS, COMPLETED = "not_started", "in_progress", "completed"
STATE_LABELS = {NOT_STARTED: "не начат", IN_PROGRESS: "идёт", COMPLETED: "завершён"}


@dataclass(frozen=True)
class Document:
    code: str
    label: str
    required: bool = True  # the stage cannot be completed without it
    # Made of the records of the pairs' work (meetings, feedback, reports in the meetings app), not uploaded.
    recorded: bool = False


@dataclass(frozen=True)
class Stage:
    number: int
    title: str
    documents: tuple[Document, ...]


STAGES = (
    Stage(1, "Подготовка условий для запуска программы наставничества", (
        Document("model_order", "Приказ о внедрении целевой модели наставничества"),
        Document("regulation", "Положение о наставничестве"),
        Document("roadmap", "Дорожная карта внедрения целевой модели"),
        Document("curator_order", "Приказ о назначении куратора"),
        Document("partner_agreement", "Соглашение о сотрудничестве с организацией-партнёром", required=False),
        Document("web_page", "Раздел «Наставничество» на сайте организации", required=False),
    )),
    Stage(2, "Формирование базы наставляемых", (
        Document("consents", "Согласия на участие и на обработку персональных данных"),
        Document("mentee_base", "База наставляемых с перечнем запросов"),
    )),
    Stage(3, "Формирование базы наставников", (
        Document("mentor_questionnaires", "Анкеты «Чем я могу быть полезен в качестве наставника?»",
                 required=False),
        Document("mentor_base", "База наставников"),
    )),
    Stage(4, "Отбор и обучение наставников", (
        Document("mentor_registry_order", "Приказ об утверждении реестра наставников"),
        Document("training_needs", "Анкета потребностей наставников в обучении", required=False),
        Document("training_programme", "Программа обучения наставников («школа наставников»)", required=False),
    )),
    Stage(5, "Формирование наставнических пар (групп)", (
        Document("compatibility_forms", "Анкеты предпочтений и обратная связь после пробной встречи",
                 required=False),
        Document("pairs_order", "Приказ о закреплении наставнических пар (групп)"),
    )),
    Stage(6, "Организация работы наставнических пар (групп)", (
        Document("individual_plans", "Индивидуальные планы (персонализированные программы) наставничества"),
        Document("meeting_feedback", "Формы обратной связи после встреч", recorded=True),
        Document("monthly_reports", "Ежемесячные отчёты наставников куратору", required=False, recorded=True),
    )),
    Stage(7, "Завершение наставничества", (
        Document("final_questionnaires", "Итоговые анкеты удовлетворённости наставников, наставляемых и куратора",
                 recorded=True),
        Document("participant_reports", "Отчёты наставников и наставляемых о выполнении плана", recorded=True),
        Document("programme_report", "Отчёт о реализации программы наставничества"),
        Document("reward_order", "Приказ о поощрении наставников", required=False),
        Document("best_practices", "Лучшие практики в базе наставнических практик", required=False),
    )),
)
BY_NUMBER = {stage.number: stage for stage in STAGES}
RECORDED = frozenset(d.code for stage in STAGES for d in stage.documents if d.recorded)
DOCUMENT_LABELS = {d.code: d.label for stage in STAGES for d in stage.documents}


def stage_of(document_code: str) -> int:
    """The stage that produces a document of this kind."""
    return next(stage.number for stage in STAGES if any(d.code == document_code for d in stage.documents))


def missing_documents(number: int, produced: set[str]) -> list[Document]:
    """Documents of stage `number` not produced yet, the required ones first."""
    missing = [d for d in BY_NUMBER[number].documents if d.code not in produced]
    return sorted(missing, key=lambda d: not d.required)


def why_not_start(number: int, states: dict[int, str]) -> str:
    """Empty when stage `number` may start; else the Russian reason. `states`: number → state."""
    if states[number] != NOT_STARTED:
        return f"Этап {number} уже {STATE_LABELS[states[number]]}."
    if number > 1 and states[number - 1] == NOT_STARTED:
        return f"Сначала начните этап {number - 1} «{BY_NUMBER[number - 1].title}»."
    return ""


def why_not_complete(number: int, states: dict[int, str], produced: set[str]) -> str:
    """Empty when stage `number` may be completed; else what is missing, in Russian."""
    if states[number] != IN_PROGRESS:
        return f"Этап {number} {STATE_LABELS[states[number]]}: завершить можно только идущий этап."
    if number > 1 and states[number - 1] != COMPLETED:
        return f"Сначала завершите этап {number - 1} «{BY_NUMBER[number - 1].title}»."
    required = [d.label for d in missing_documents(number, produced) if d.required]
    if required:
        return f"Не хватает документов этапа {number}: " + "; ".join(f"«{label}»" for label in required) + "."
    return ""


def school_year_of(day: datetime.date) -> int:
    """The school year a day belongs to, by the year it starts in: 15.03.2027 → 2026 (2026/2027)."""
    return day.year if day.month >= 9 else day.year - 1


def school_year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 9, 1), datetime.date(year + 1, 8, 31)


def school_year_label(year: int) -> str:
    return f"{year}/{year + 1}"
