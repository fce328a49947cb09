"""Roadmaps laid out as schools lay them out, as DOCX and XLSX bytes for the import tests."""

import datetime
import io

import docx
import openpyxl

HEADER = ["№ п/п", "Наименование мероприятия", "Срок реализации", "Ответственный исполнитель",
          "Результат. Вид документа"]
# (number, activity, term, responsible, result); a row of one cell is a section
ROWS = [
    ["1. Нормативное правовое регулирование"],
    ["1.1.", "Назначение куратора внедрения целевой модели", "до 10.09.2026", "Директор", "Приказ ОО"],
    ["1.2.", "Разработка дорожной карты", "сентябрь – октябрь 2026 г.", "Заместитель директора", "Дорожная карта"],
    ["2. Организационная поддержка"],
    ["2.1", "Формирование базы наставников", "в течение всего периода", "Куратор", "База наставников"],
    ["2.2", "Обучение наставников", "согласно графику ОО", "Куратор", ""],
    ["2.3", "Мониторинг", "декабрь ежегодно", "Куратор", "Справка"],
]
TITLE = "План мероприятий (дорожная карта) внедрения целевой модели наставничества на 2026/2027 учебный год"


def roadmap_docx(rows=ROWS, header=HEADER, numbered_columns=True, trailing_empty=3) -> bytes:
    """A Word roadmap: a heading, the table with a header and the columns numbered on a second row, section
    rows merged across the table, empty rows at the end."""
    document = docx.Document()
    document.add_paragraph("Утверждён приказом от 01.09.2026 № 15")
    document.add_paragraph(TITLE)
    table = document.add_table(rows=0, cols=len(header))
    for cell, text in zip(table.add_row().cells, header, strict=True):
        cell.text = text
    if numbered_columns:
        for index, cell in enumerate(table.add_row().cells, 1):
            cell.text = str(index)
    for row in rows:
        cells = table.add_row().cells
        if len(row) == 1:
            merged = cells[0].merge(cells[-1])
            merged.text = row[0]
        else:
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
    for _ in range(trailing_empty):
        table.add_row()
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def roadmap_xlsx(rows=ROWS, header=HEADER, extra_rows=()) -> bytes:
    """An Excel roadmap: the title above, a header on two rows, merged section rows, numbers as text and as
    numbers, a date typed as a date, empty trailing rows that still carry a style."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([TITLE])
    sheet.append([])
    sheet.append(header)
    sheet.append([1, 2, 3, 4, 5])
    for row in [*rows, *extra_rows]:
        sheet.append(row)
        if len(row) == 1:
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=5)
    sheet.append([2.4, "Отчёт о реализации", datetime.datetime(2027, 5, 20), "Куратор", "Отчёт"])
    for line in range(sheet.max_row + 1, sheet.max_row + 6):
        sheet.cell(line, 1).number_format = "@"  # formatted, empty: Excel keeps such rows
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()
