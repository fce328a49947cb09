"""The programme's monitoring sheet as DOCX (python-docx): part 1, the quality of the implementation — the SWOT
and the curator's questionnaire gathered from the school year's campaigns; part 2, the participants' satisfaction
in % by wave. Numbers and the curators' own words, no participant's name; every text through
utilities.text.printable and the «ёлочки» of documents.typography."""

import io
from collections import defaultdict

from docx import Document

from documents import typography
from programmes import stages
from surveys import results, tallies
from surveys.models import Answer, Campaign, Item
from utilities.text import printable

STAFF_QUESTIONNAIRES = ("swot", "curator")
SATISFACTION_QUESTIONNAIRES = {"mentee_dynamics": "Наставляемые", "mentor_dynamics": "Наставники"}


def _text(value: str) -> str:
    return typography.quotes(printable(value))


def _summary(item: Item, answers: list[Answer]) -> list[str]:
    """What the answers to one item say: the mean score, the options counted, or each text."""
    if item.kind == Item.Kind.SCALE:
        scores = [a.score for a in answers if a.score is not None]
        mean = f"{round(sum(scores) / len(scores), 1)}".replace(".", ",") if scores else ""
        return [f"Средняя оценка: {mean} из 10 (ответов: {len(scores)})"] if scores else []
    if item.kind in (Item.Kind.SINGLE, Item.Kind.MULTIPLE):
        counted: dict[str, int] = defaultdict(int)
        for answer in answers:
            for choice in answer.choices:
                counted[choice] += 1
        return [f"{option} — {counted[option]}" for option in item.options if counted[option]]
    return [a.text.strip() for a in answers if a.text.strip()]


def monitoring_sheet(programme, campaigns, responses) -> bytes:
    """`campaigns` and `responses`: those of the programme's organization the user sees (already scoped)."""
    start, end = stages.school_year_bounds(programme.year)
    campaigns = campaigns.filter(opened_on__range=(start, end))
    document = Document()
    document.add_heading(_text("Лист мониторинга программы наставничества"), level=1)
    document.add_paragraph(_text(programme.organization.name))
    document.add_paragraph(_text(f"{programme}. Составлен по анкетам, открытым с {typography.date_short(start)} "
                                 f"по {typography.date_short(end)}."))
    document.add_heading(_text("1. Качество реализации программы"), level=2)
    answers = Answer.objects.filter(response__in=responses.filter(
        campaign__in=campaigns, campaign__questionnaire__code__in=STAFF_QUESTIONNAIRES, participant__isnull=True))
    by_item: dict[int, list[Answer]] = defaultdict(list)
    for answer in answers.select_related("item__questionnaire"):
        by_item[answer.item_id].append(answer)
    items = sorted({a.item for rows in by_item.values() for a in rows},
                   key=lambda i: (STAFF_QUESTIONNAIRES.index(i.questionnaire.code), i.position))
    if not items:
        document.add_paragraph(_text("SWOT-анализ и анкета куратора за этот учебный год не заполнены."))
    shown = None
    for item in items:
        if item.questionnaire_id != shown:
            document.add_heading(_text(item.questionnaire.title), level=3)
            shown = item.questionnaire_id
        document.add_paragraph(_text(item.text)).runs[0].bold = True
        for line in _summary(item, by_item[item.pk]) or ["—"]:
            document.add_paragraph(_text(line), style="List Bullet")
    document.add_heading(_text("2. Удовлетворённость участников"), level=2)
    _satisfaction(document, campaigns)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _satisfaction(document, campaigns) -> None:
    table = document.add_table(rows=1, cols=1 + len(results.WAVES))
    table.style = "Table Grid"
    labels = dict(Campaign.Wave.choices)
    for cell, title in zip(table.rows[0].cells, ["", *(labels[w] for w in results.WAVES)], strict=True):
        cell.text = _text(title.capitalize())
    for code, who in SATISFACTION_QUESTIONNAIRES.items():
        found = tallies.scores(campaigns.filter(questionnaire__code=code))["satisfaction"]
        cells = table.add_row().cells
        cells[0].text = _text(who)
        for cell, (_, satisfied, answered, percent) in zip(cells[1:], found, strict=True):
            cell.text = _text(f"{percent} % ({satisfied} из {answered})".replace(".", ",") if answered else "—")
    document.add_paragraph(_text(f"Удовлетворён — оценка от {results.SATISFIED_FROM} из 10."))
