"""The indicators of a territory and its participants by form and category as XLSX, in the shape the statistical
forms (формы ФСН) are filled from: a sheet of indicators (the territory, then each municipality or organization
below it), a sheet of mentors and mentees by form (rows) and category (columns). Numbers only."""

from openpyxl import Workbook

from monitoring.counting import FormRow, Report, level
from people.models import Category
from utilities.spreadsheets import row_cells, workbook_bytes

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LEVEL_LABELS = {"region": "регион", "municipality": "муниципалитет", "organization": "организация"}
INDICATOR_COLUMNS = ["Код", "Территория / организация", "Уровень", "Показатель", "Код показателя", "Числитель",
                     "Знаменатель", "Значение, %", "Целевое значение, %", "Оценка"]


def form_table(rows: list[FormRow]) -> dict:
    """The categories present (in the register's order) and, per form, the counts of each, with the totals."""
    categories = [c for c in Category if any(c.value in r.mentors or c.value in r.mentees for r in rows)]

    def line(counts: dict[str, int]) -> list[int]:
        values = [counts.get(c.value, 0) for c in categories]
        return [*values, sum(values)]

    body = [(row.form, line(row.mentors), line(row.mentees)) for row in rows]
    totals = ([sum(column) for column in zip(*(b[1] for b in body), strict=True)] if body else [],
              [sum(column) for column in zip(*(b[2] for b in body), strict=True)] if body else [])
    return {"categories": [c.label for c in categories], "rows": body, "totals": totals}


def workbook(report: Report, by_form: list[FormRow]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Показатели")
    sheet.append(row_cells(sheet, [f"Показатели целевой модели наставничества на {report.day:%d.%m.%Y}"]))
    sheet.append(row_cells(sheet, INDICATOR_COLUMNS))
    for organization, values in [(report.territory, report.values), *report.rows]:
        for v in values:
            sheet.append(row_cells(sheet, [organization.code, organization.name, LEVEL_LABELS[level(organization)],
                                           v.name, v.code, v.numerator, v.denominator, v.value, v.target,
                                           v.status_label]))
    table = form_table(by_form)
    sheet = book.create_sheet("Участники по формам")
    sheet.append(row_cells(sheet, [f"{report.territory.name}: участники по формам наставничества и категориям "
                                   f"на {report.day:%d.%m.%Y}"]))
    categories = table["categories"]
    sheet.append(row_cells(sheet, ["Форма наставничества",
                                   *[f"Наставники: {c}" for c in categories], "Наставники: всего",
                                   *[f"Наставляемые: {c}" for c in categories], "Наставляемые: всего"]))
    for form, mentors, mentees in table["rows"]:
        sheet.append(row_cells(sheet, [form, *mentors, *mentees]))
    if table["rows"]:
        sheet.append(row_cells(sheet, ["Итого по формам", *table["totals"][0], *table["totals"][1]]))
    return workbook_bytes(book)
