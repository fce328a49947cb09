"""Writing XLSX files with openpyxl's write-only workbook; shared by every export."""

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

DATE_FORMAT = "DD.MM.YYYY"


def row_cells(sheet, values: list) -> list:
    """Values as cells of `sheet`: dates as dates shown ДД.ММ.ГГГГ, empty text as an empty cell."""
    cells = []
    for value in values:
        if hasattr(value, "isoformat"):
            value = WriteOnlyCell(sheet, value=value)
            value.number_format = DATE_FORMAT
        cells.append(None if value == "" else value)
    return cells


def workbook_bytes(book: Workbook) -> bytes:
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()
