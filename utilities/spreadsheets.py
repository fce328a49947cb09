"""Writing XLSX files with openpyxl's write-only workbook; shared by every export.

Every value goes through `cell`, which writes text as text: openpyxl alone turns a string that
begins with «=» into a formula and «#Н/Д»-like ones into errors, so a participant named
`=HYPERLINK(…)` would become a live formula in a file that a municipality opens (OWASP «CSV
injection»). The text is kept exactly as typed, without an apostrophe added to the data, so an
export reads back and imports unchanged; text that begins like a formula also carries Excel's
«quote prefix» style, so that editing the cell in Excel or LibreOffice keeps it text as well."""

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from utilities.text import printable

DATE_FORMAT = "DD.MM.YYYY"
# What spreadsheets read as the start of a formula or a DDE command (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F5FBF")
HEADER_BORDER = Border(bottom=Side(style="thin", color="1D2433"))
WRAP = Alignment(wrap_text=True, vertical="top")


def cell(sheet, value):
    """`value` as a cell of `sheet`: text always as text (without control characters, see `printable`), dates as dates shown ДД.ММ.ГГГГ, empty
    text as an empty cell, numbers as they are."""
    if value == "":
        return None
    if isinstance(value, str):
        value = printable(value)
        text = WriteOnlyCell(sheet, value=value)
        text.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            text.quotePrefix = True
        return text
    if hasattr(value, "isoformat"):
        day = WriteOnlyCell(sheet, value=value)
        day.number_format = DATE_FORMAT
        return day
    return value


def row_cells(sheet, values: list) -> list:
    """The cells of a row of `values` (see `cell`)."""
    return [cell(sheet, value) for value in values]


def header_cells(sheet, titles: list[str]) -> list:
    """The column headings of a table: white bold on blue, wrapped within the column's width."""
    header = row_cells(sheet, titles)
    for title in header:
        title.font, title.fill, title.border, title.alignment = HEADER_FONT, HEADER_FILL, HEADER_BORDER, WRAP
    return header


def workbook_bytes(book: Workbook) -> bytes:
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()
