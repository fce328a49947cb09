"""A roadmap laid out as schools lay it out in Word or Excel, read into rows. No Django here.

The table is found by its header: the columns «№», «Наименование мероприятия», «Срок (реализации)»,
«Ответственный (исполнитель)», «Результат / вид документа» in any order and wording close to these; a header
may take two rows (the second names parts of the first, or numbers the columns «1 2 3 4 5»). Below it a row
whose cells say one thing (a merged row) or that names only a heading is a section; a row with an activity is
an item, numbered as written («1.2.», «2.10», «I.»), its number taken from the start of the activity when the
table has no «№» column («1.1. Обеспечить …»); empty rows anywhere are skipped.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from roadmaps.catalogue import Row

HEADER_WITHIN = 10  # rows above the header: a title, «Утверждён приказом …»
COLUMNS = {
    "number": r"^№|п/п|^номер",
    "activity": r"мероприят|наименование|^этап|содержание",
    "term": r"срок|длительность|^дата|период",
    "responsible": r"ответствен|исполнител",
    "result": r"результат|вид документа|документ|показател|продукт",
}
_NUMBER = re.compile(r"^\s*((?:\d{1,3}\.)*\d{1,3}\.?|[IVX]{1,5}\.?)(?=\s|$)")
_HEADING_NUMBER = re.compile(r"^(?:\d{1,3}\.?|[IVX]{1,5}\.?|этап\s*\d+\.?)$", re.IGNORECASE)

NO_HEADER = ("В файле не найдена таблица дорожной карты: нужны столбцы «Мероприятие» (или «Наименование "
             "мероприятия») и «Срок» в одной из первых десяти строк.")


@dataclass(frozen=True)
class Layout:
    rows: tuple[Row, ...]
    title: str


class TableError(ValueError):
    """The file holds no roadmap table; the message is Russian text for the user."""


def cell_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"[ \t\xa0]+", " ", str(value)).strip()


def read_layout(lines: Iterable[tuple[int, list]]) -> Layout:
    """(line, cells) of a table, top to bottom, read into the rows of a roadmap."""
    lines = [(line, [cell_text(value) for value in cells]) for line, cells in lines]
    found = next(((i, columns) for i, (_, cells) in enumerate(lines[:HEADER_WITHIN])
                  if (columns := _columns(cells)) is not None), None)
    if found is None:
        raise TableError(NO_HEADER)
    index, columns = found
    title = " ".join(cell for _, cells in lines[:index] for cell in dict.fromkeys(cells) if cell)[:500]
    body = lines[index + 1:]
    if body and _second_header(body[0][1], columns):
        body = body[1:]
    rows = [row for line, cells in body if (row := _row(line, cells, columns)) is not None]
    return Layout(tuple(rows), title)


def _columns(cells: list[str]) -> dict[str, int] | None:
    """{column: index} when `cells` is a header naming at least the activity and the term."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = cell.lower().replace("ё", "е")
        for name, pattern in COLUMNS.items():
            if name not in columns and index not in columns.values() and re.search(pattern, text):
                columns[name] = index
    return columns if {"activity", "term"} <= columns.keys() else None


def _second_header(cells: list[str], columns: dict[str, int]) -> bool:
    """The row under the header numbers the columns («1», «2» …) or names parts of them, with no activity."""
    filled = [cell for cell in cells if cell]
    return bool(filled) and (all(cell.isdigit() and len(cell) <= 2 for cell in filled)
                             or _columns(cells) is not None)


def _row(line: int, cells: list[str], columns: dict[str, int]) -> Row | None:
    def get(name: str) -> str:
        index = columns.get(name)
        return cells[index] if index is not None and index < len(cells) else ""

    filled = [cell for cell in cells if cell]
    if not filled:
        return None
    if len(set(filled)) == 1:  # a row merged across the table: a section
        number, heading = _split_number(filled[0])
        return Row(number, heading, section=True, line=line)
    number, activity = get("number"), get("activity")
    if "number" not in columns or not number:
        number, activity = _split_number(activity) if not number else (number, activity)
    term, responsible, result = get("term"), get("responsible"), get("result")
    if not term and not responsible and not result and (not number or _HEADING_NUMBER.match(number)):
        return Row(number, activity or number, section=True, line=line)
    if not activity:  # a number alone, as pages of Word break a row: nothing to import
        return Row(number, "", term, responsible, result, line=line) if term or result else None
    return Row(number, activity, term, responsible, result, line=line)


def _split_number(text: str) -> tuple[str, str]:
    """(«1.1.», «Обеспечить …») of «1.1. Обеспечить …»; («», text) without a number."""
    match = _NUMBER.match(text)
    return (match[1], text[match.end():].strip(" .\t")) if match else ("", text)


def period_of(rows: Iterable[Row], today) -> tuple:
    """The period a roadmap's terms speak of when nobody gave one: 1 January of the first year written in a
    term to 31 December of the last; without a year, the school year of `today` (1 September – 31 May)."""
    years = [int(year) for row in rows if not row.section for year in re.findall(r"(?<!\d)(20\d\d)(?!\d)", row.term)]
    if years:
        return today.replace(min(years), 1, 1), today.replace(max(years), 12, 31)
    first = today.year if today.month >= 6 else today.year - 1
    return today.replace(first, 9, 1), today.replace(first + 1, 5, 31)
