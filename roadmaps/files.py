"""The cells of an uploaded roadmap, DOCX or XLSX, read with bounds: a file from anyone. No Django here.

An XLSX goes through the one hardened reader, people.xlsx (the zip measured before unpacking, parts streamed by
expat without a tree, everything bounded). A DOCX is checked as documents.sandbox checks a template (the zip's
directory, each part's size and compression ratio) and repacked before python-docx reads it; python-docx
parses without resolving entities. Every text passes utilities.text.printable.
"""

import io

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table

from documents import sandbox
from people import xlsx
from roadmaps.tables import TableError
from utilities.text import printable

MAX_LINES = 1000  # rows of a table: a roadmap has 20–100
MAX_CELLS = 30  # cells in a row of the roadmap's table

NOT_A_ROADMAP = "Загрузите дорожную карту в формате DOCX (документ Word) или XLSX (книга Excel)."
DOCX_REFUSED = {
    sandbox.NOT_DOCX: "Файл не похож на документ DOCX.",
    sandbox.TOO_MANY_PARTS: "Документ DOCX состоит из слишком многих частей.",
    sandbox.PART_TOO_BIG: "Документ DOCX слишком большой после распаковки.",
    sandbox.TOO_BIG: "Документ DOCX слишком большой после распаковки.",
    sandbox.BOMB: "Документ DOCX сжат подозрительно сильно: документы Word так не сжимаются.",
}
TOO_LONG = f"В таблице дорожной карты больше {MAX_LINES} строк."
NO_TABLE = "В документе нет таблицы: дорожная карта читается из таблицы Word."


def read_cells(content: bytes, name: str) -> list[tuple[int, list]]:
    """(line, cells) of the roadmap's table in the file; TableError says in Russian why not."""
    if content.startswith(b"PK\x03\x04") and name.lower().endswith(".xlsx"):
        return _xlsx(content)
    if content.startswith(b"PK\x03\x04") and name.lower().endswith(".docx"):
        return _docx(content)
    raise TableError(NOT_A_ROADMAP)


def _xlsx(content: bytes) -> list[tuple[int, list]]:
    try:
        lines = [(line, [printable(v) if isinstance(v, str) else v for v in cells[:MAX_CELLS]])
                 for line, cells in xlsx.read_sheet(io.BytesIO(content), max_rows=MAX_LINES)]
    except xlsx.SheetError as error:
        raise TableError(str(error)) from error
    return lines


def _docx(content: bytes) -> list[tuple[int, list]]:
    try:
        document = docx.Document(io.BytesIO(sandbox.unpack(content)))
    except sandbox.TemplateRefused as error:
        raise TableError(DOCX_REFUSED.get(str(error), DOCX_REFUSED[sandbox.NOT_DOCX])) from error
    except Exception as error:  # python-docx reading parts of a file nobody wrote for it
        raise TableError(DOCX_REFUSED[sandbox.NOT_DOCX]) from error
    return _table(document)


def _table(document: Document) -> list[tuple[int, list]]:
    """The biggest table of the document, with the paragraphs above it as a first row (the title)."""
    tables = document.tables
    if not tables:
        raise TableError(NO_TABLE)
    table = max(tables, key=lambda t: len(t.rows))
    if len(table.rows) > MAX_LINES:
        raise TableError(TOO_LONG)
    lines = [(0, [printable(title)])] if (title := _title(document, table)) else []
    for number, row in enumerate(table.rows, 1):
        # Merged cells come back once per grid column: one text across a row is a merged section row.
        lines.append((number, [printable(cell.text) for cell in row.cells[:MAX_CELLS]]))
    return lines


def _title(document: Document, table: Table) -> str:
    """The last paragraphs above the table: the roadmap's heading, not the regulation that may precede it."""
    texts = []
    for child in document.element.body.iterchildren():
        if child is table._tbl:
            break
        if child.tag == qn("w:p") and (text := "".join(child.itertext()).strip()):
            texts = [*texts[-2:], text]
    return " ".join(texts)[:500]
