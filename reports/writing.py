"""A report's figures and texts as DOCX (python-docx, the charts of reports.charts as pictures) and as XLSX tables
(every cell through utilities.spreadsheets); the text through utilities.text.printable and the «ёлочки» of
documents.typography. Plain Python: the caller gives the figures kept in the report. Numbers only."""

import datetime
import io
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from documents import typography
from reports import charts
from utilities.spreadsheets import header_cells, row_cells, workbook_bytes
from utilities.text import printable

# What a chart can fit of an indicator's name.
SHORT = {"mentees_10_19": "Дети 10–19 лет — наставляемые", "mentors_15_19": "Дети 15–19 лет — наставники",
         "young_teachers": "Молодые учителя — наставляемые", "enterprises": "Предприятия с наставниками",
         "satisfaction_mentees": "Удовлетворённость наставляемых", "satisfaction_mentors": "Удовлетворённость наставников",
         "organizations_implementing": "Организации, реализующие модель"}
# The indicators a summary's row shows, with its column heading.
ROW_INDICATORS = [("mentees_10_19", "Наставляемые 10–19 лет, %"), ("mentors_15_19", "Наставники 15–19 лет, %"),
                  ("young_teachers", "Молодые учителя — наставляемые, %"),
                  ("satisfaction_mentees", "Удовлетворённость наставляемых, %"),
                  ("satisfaction_mentors", "Удовлетворённость наставников, %")]
TABLE_FONT = Pt(9)
INDICATOR_COLUMNS = ["Показатель", "Числитель", "Знаменатель", "Значение, %", "Цель, %", "Оценка"]
WAVE_COLUMNS = ["Группа", "Срез", "Средний балл", "Изменение"]
FORM_COLUMNS = ["Форма наставничества", "Наставники", "Наставляемые"]
MEETING_COLUMNS = ["Что проведено и сдано", "Количество"]


@dataclass(frozen=True)
class Heading:
    """What the documents say of the report: its title, whose it is, the rows' kind in a summary."""

    title: str
    organization: str
    rows_label: str  # «Организация» or «Муниципалитет»; empty in an organization's report
    sent_on: datetime.date | None = None


def number(value) -> str:
    """A figure as the documents print it: 12,5; 7; «—» when there is none."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def change(value) -> str:
    return "—" if value is None else ("+" if value > 0 else "") + number(value)


def _text(value: str) -> str:
    return typography.quotes(printable(value))


def _day(figures: dict) -> datetime.date:
    return datetime.date.fromisoformat(figures["day"])


def indicator_rows(figures: dict) -> list[list]:
    return [[v["name"], v["numerator"], v["denominator"], v["value"], v["target"], v["status"]]
            for v in figures["indicators"]]


def form_rows(figures: dict) -> list[list]:
    """(form, mentors, mentees): the totals of each form over the categories."""
    return [[form, mentors[-1], mentees[-1]] for form, mentors, mentees in figures["by_form"]["rows"]]


def pair_rows(figures: dict) -> list[list]:
    pairs = figures["pairs"]
    rows = [[row["form"], *row["counts"], row["total"]] for row in pairs["rows"]]
    return [*rows, ["Всего", *pairs["totals"], pairs["total"]]] if rows else []


def meeting_rows(figures: dict) -> list[list]:
    return [[row["name"], row["count"]] for row in figures["meetings"]]


def wave_rows(figures: dict) -> list[list]:
    return [[group["group"], wave["wave"], wave["mean"], wave["change"]]
            for group in figures["satisfaction"] for wave in group["waves"]]


def summary_columns(heading: Heading) -> list[str]:
    return ["Код", heading.rows_label, "Пар и групп", "Действуют", "Встреч",
            *[label for _, label in ROW_INDICATORS], "Отчёт отправлен"]


def summary_rows(figures: dict) -> list[list]:
    return [[row["code"], row["name"], row["pairs"], row["working"], row["meetings"],
             *[row["indicators"].get(code) for code, _ in ROW_INDICATORS],
             datetime.date.fromisoformat(row["sent_on"]) if row["sent_on"] else "нет"] for row in figures["rows"]]


def tables(heading: Heading, figures: dict) -> list[tuple[str, list[str], list[list]]]:
    """(title, columns, rows) of every table of the report, in its order; the rows as they are, not printed."""
    found = []
    if figures["rows"]:
        found.append((f"{heading.rows_label}: показатели и отчёты", summary_columns(heading), summary_rows(figures)))
    return [*found,
            ("Участники по формам наставничества", FORM_COLUMNS, form_rows(figures)),
            ("Пары и группы по формам и состояниям", ["Форма наставничества", *figures["pairs"]["states"], "Всего"],
             pair_rows(figures)),
            ("Встречи и отчёты пар", MEETING_COLUMNS, meeting_rows(figures)),
            ("Показатели целевой модели и их цели", INDICATOR_COLUMNS, indicator_rows(figures)),
            ("Результаты мониторинга: удовлетворённость по срезам", WAVE_COLUMNS, wave_rows(figures))]


# DOCX

def _table(document, columns: list[str], rows: list[list], formats=None, width: float = 17, wide: int = 0) -> None:
    """A table across `width` cm of the page: the column `wide` (what is counted) wider than the figures."""
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.autofit = False
    first = min(6.0, width / 3)
    widths = [Cm((width - first) / max(len(columns) - 1, 1))] * len(columns)
    widths[wide] = Cm(first)
    for cell, title in zip(table.rows[0].cells, columns, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(_text(title)).bold = True
    for row in rows:
        cells = table.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, row, strict=True)):
            cell.text = _text(formats[index](value) if formats and formats[index] else shown(value))
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width  # the grid LibreOffice reads; Word reads the cells'
    for row in table.rows:
        for cell, cell_width in zip(row.cells, widths, strict=True):
            cell.width = cell_width
            for run in (run for paragraph in cell.paragraphs for run in paragraph.runs):
                run.font.size = TABLE_FONT
    document.add_paragraph()


def _landscape(document, landscape: bool) -> None:
    """A new page turned across (for the wide table of a summary) or back."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    if (section.page_width > section.page_height) != landscape:
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = section.page_height, section.page_width


def shown(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, datetime.date):
        return typography.date_short(value)
    return number(value)


def _picture(document, png: bytes) -> None:
    document.add_picture(io.BytesIO(png), width=Cm(16.5))


def _nothing(document, what: str) -> None:
    document.add_paragraph(_text(f"{what}: нет данных."))


def docx_bytes(heading: Heading, figures: dict, texts: list[tuple[str, str]]) -> bytes:
    document = Document()
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2)
    document.add_heading(_text(heading.title), level=1)
    document.add_paragraph(_text(heading.organization))
    document.add_paragraph(_text(f"Показатели на {typography.date_short(_day(figures))}"))

    document.add_heading("Участники по формам наставничества", level=2)
    forms = form_rows(figures)
    if forms:
        _table(document, FORM_COLUMNS, forms)
        _picture(document, charts.grouped_bars("Участники по формам", [r[0] for r in forms],
                                               {"наставники": [r[1] for r in forms],
                                                "наставляемые": [r[2] for r in forms]}))
    else:
        _nothing(document, "Участники")

    document.add_heading("Пары и группы по формам и состояниям", level=2)
    pairs = pair_rows(figures)
    states = figures["pairs"]["states"]
    if pairs:
        _table(document, ["Форма наставничества", *states, "Всего"], pairs)
        body = figures["pairs"]["rows"]
        _picture(document, charts.stacked_bars("Пары и группы по состояниям", [r["form"] for r in body],
                                               {state: [r["counts"][i] for r in body] for i, state in enumerate(states)}))
    else:
        _nothing(document, "Пары и группы")

    document.add_heading("Встречи и отчёты пар", level=2)
    _table(document, MEETING_COLUMNS, meeting_rows(figures))

    document.add_heading("Показатели целевой модели и их цели", level=2)
    _table(document, INDICATOR_COLUMNS, indicator_rows(figures))
    values = figures["indicators"]
    _picture(document, charts.against_targets("Показатели и цели, %", [SHORT.get(v["code"], v["code"]) for v in values],
                                              [v["value"] for v in values], [v["target"] for v in values]))

    document.add_heading("Результаты мониторинга: удовлетворённость по срезам", level=2)
    waves = wave_rows(figures)
    if any(row[2] is not None for row in waves):
        _table(document, WAVE_COLUMNS, waves, [None, None, None, change])
        groups = figures["satisfaction"]
        _picture(document, charts.by_wave("Удовлетворённость участием", [w["wave"] for w in groups[0]["waves"]],
                                          {g["group"]: [w["mean"] for w in g["waves"]] for g in groups}))
    else:
        _nothing(document, "Анкеты удовлетворённости")

    if figures["rows"]:
        _landscape(document, True)
        document.add_heading(_text(f"{heading.rows_label}: показатели и отчёты"), level=2)
        _table(document, summary_columns(heading), summary_rows(figures), width=25.7, wide=1)
        _landscape(document, False)

    for title, text in texts:
        document.add_heading(_text(title), level=2)
        for paragraph in (printable(text).strip() or "—").split("\n"):
            document.add_paragraph(_text(paragraph))
    if heading.sent_on:
        document.add_paragraph(_text(f"Отправлен {typography.date_short(heading.sent_on)}"))
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


# XLSX

def _sheet(book, name: str, title: str, columns: list[str], rows: list[list], wide: int = 0) -> None:
    """A sheet of a title, the column headings and the rows; the column `wide` wide enough for its text, the sheet
    printed across the page."""
    sheet = book.create_sheet(name)
    for index in range(len(columns)):
        sheet.column_dimensions[get_column_letter(index + 1)].width = 45 if index == wide else 16
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.append(row_cells(sheet, [title]))
    sheet.row_dimensions[2].height = 60  # four lines of a wrapped heading
    sheet.append(header_cells(sheet, columns))
    for row in rows:
        sheet.append(row_cells(sheet, row))


def xlsx_bytes(heading: Heading, figures: dict) -> bytes:
    book = Workbook(write_only=True)
    on = f"{heading.organization}, на {typography.date_short(_day(figures))}"
    if figures["rows"]:
        _sheet(book, "Сводка", f"{heading.title}. {on}", summary_columns(heading), summary_rows(figures), wide=1)
    _sheet(book, "Показатели", f"Показатели целевой модели: {on}", INDICATOR_COLUMNS, indicator_rows(figures))
    _sheet(book, "Участники по формам", f"Участники по формам: {on}", FORM_COLUMNS, form_rows(figures))
    _sheet(book, "Пары", f"Пары и группы по формам и состояниям: {on}",
           ["Форма наставничества", *figures["pairs"]["states"], "Всего"], pair_rows(figures))
    _sheet(book, "Встречи", f"Встречи и отчёты пар: {on}", MEETING_COLUMNS, meeting_rows(figures))
    _sheet(book, "Удовлетворённость", f"Удовлетворённость по срезам: {on}", WAVE_COLUMNS, wave_rows(figures))
    return workbook_bytes(book)
