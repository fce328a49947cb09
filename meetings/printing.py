"""A report as DOCX (python-docx) and the control page as XLSX; every text through utilities.text.printable and
the «ёлочки» of documents.typography, every cell through utilities.spreadsheets."""

import io

from docx import Document
from openpyxl import Workbook

from documents import typography
from meetings import questions
from meetings.models import Report
from utilities.spreadsheets import row_cells, workbook_bytes
from utilities.text import printable


def _text(value: str) -> str:
    return typography.quotes(printable(value))


def report_docx(report: Report) -> bytes:
    pair = report.pair
    document = Document()
    document.add_heading(_text(report.get_kind_display().capitalize()), level=1)
    document.add_paragraph(_text(pair.organization.name))
    lines = [f"Наставник: {pair.mentor.full_name}",
             "Наставляемые: " + ", ".join(m.mentee.full_name for m in pair.mentees.all()),
             f"Срок: {typography.term(pair.start_date, pair.ended_on or pair.planned_end_date)}"]
    if report.about:
        lines.append(f"О наставляемом: {report.about.full_name}")
    if report.kind == Report.Kind.MONTHLY:
        lines.append(f"Месяц: {report.key.split(':')[1][5:]}.{report.key.split(':')[1][:4]}")
    for line in lines:
        document.add_paragraph(_text(line))
    for q in questions.QUESTIONS[report.kind]:
        document.add_heading(_text(q.label), level=3)
        answer = report.answers.get(q.code, "")
        document.add_paragraph(_text(f"{answer} из 5" if q.scale and answer else answer or "—"))
    document.add_paragraph(_text(f"Сдан {typography.date_short(report.submitted_on)}"))
    if report.approved_on:
        document.add_paragraph(_text(f"Утверждён руководителем {typography.date_short(report.approved_on)}"
                                     f" ({report.approved_by.get_full_name() if report.approved_by else ''})"))
    else:
        document.add_paragraph(_text("Утверждаю: руководитель ____________ «____» ____________ 20____ г."))
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


CONTROL_COLUMNS = ["Наставник", "Наставляемые", "Форма", "Состояние", "Последняя встреча", "Ближайший срок",
                   "Что к сроку", "Просрочено", "Оценки встреч", "Снижение"]


def control_xlsx(rows) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Контроль пар")
    sheet.append(row_cells(sheet, CONTROL_COLUMNS))
    for row in rows:
        pair = row.pair
        sheet.append(row_cells(sheet, [
            pair.mentor.full_name, ", ".join(m.mentee.full_name for m in pair.mentees.all()), pair.form.name,
            "приостановлена" if row.paused else pair.get_status_display(),
            row.last_meeting.date() if row.last_meeting else None,
            row.next_deadline.due if row.next_deadline else None, row.next_deadline.label if row.next_deadline else "",
            "; ".join(d.label for d in row.overdue), row.trend, "да" if row.falling else ""]))
    return workbook_bytes(book)
