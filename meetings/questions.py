"""What each report asks (seed 000 §2.13–2.14, §3.1): the questions of the forms, in the order printed. No Django.

A question is text unless it has a scale (1–5). The answers are stored by question code."""

from dataclasses import dataclass

from meetings.deadlines import FINAL_INTERVIEW, MENTEE_FINAL, MENTOR_FINAL, MONTHLY_REPORT


@dataclass(frozen=True)
class Question:
    code: str
    label: str
    scale: bool = False
    required: bool = True


QUESTIONS: dict[str, tuple[Question, ...]] = {
    MONTHLY_REPORT: (
        Question("done", "Что сделано за месяц (встречи, мероприятия плана)"),
        Question("results", "Результаты и продвижение наставляемого"),
        Question("difficulties", "Трудности и нужная помощь куратора", required=False),
        Question("next_month", "Что запланировано на следующий месяц"),
    ),
    MENTOR_FINAL: (
        Question("plan_done", "Выполнение индивидуального плана: что выполнено, что нет и почему"),
        Question("results", "Результаты наставляемого (достижения, изменения)"),
        Question("satisfaction", "Удовлетворённость участием в программе", scale=True),
        Question("recommendations", "Рекомендации наставляемому и программе", required=False),
    ),
    MENTEE_FINAL: (
        Question("plan_done", "Что из плана удалось сделать"),
        Question("mentor_rating", "Оценка работы наставника", scale=True),
        Question("satisfaction", "Удовлетворённость участием в программе", scale=True),
        Question("useful", "Что было самым полезным"),
        Question("wishes", "Пожелания наставнику и программе", required=False),
    ),
    FINAL_INTERVIEW: (
        Question("impressions", "Впечатления наставляемого о работе пары"),
        Question("achievements", "Достижения наставляемого, которые он называет сам"),
        Question("next_steps", "Дальнейшие шаги (новый запрос, роль наставника в будущем)", required=False),
    ),
}


def missing(kind: str, answers: dict[str, object]) -> list[str]:
    """Labels of the required questions of `kind` left unanswered."""
    return [q.label for q in QUESTIONS[kind] if q.required and not str(answers.get(q.code, "")).strip()]
