"""Participants from XLSX, without Django: the first sheet streamed as rows of cell values, the
header mapped to the known columns, every cell parsed and every row checked, with errors in the
words of the spreadsheet: «строка 5, «Дата рождения»: ожидается дата ДД.ММ.ГГГГ».

people/importing.py passes in the vocabularies from the database and the people already in the
organization, and writes the rows it gets back; organizations/importing.py reuses the reader.

The reader is built for files from anyone: a small XLSX can unpack to gigabytes. It trusts
nothing it has not measured. The zip's directory is checked before anything is unpacked (entry
count, sizes, compression ratio); every part is parsed a chunk at a time by expat with handlers
that keep no tree, refuse DTDs (so no XXE, no «billion laughs») and any text longer than a cell
may hold — the whitespace between tags too; cells past column XFD, more rows than the caller
allows, too many styles, shared strings or errors, and formulas are refused with a message saying so.
openpyxl's reader is not used: it builds an object per cell and alone takes longer than the whole
import may (see bench/import_participants.py); openpyxl still decides which number formats are
dates.
"""

import contextlib
import datetime
import functools
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from people.names import clean_name, fio_key, label_key
from programmes.eligibility import ADULT_AGE, age_on

# ---------------------------------------------------------------------------------------------
# The sheet

# Names as expat gives them with namespace_separator "}": "namespace}name".
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL, _ROW, _VALUE, _TEXT, _FORMULA, _PHONETIC, _SHARED = (
    f"{_MAIN}{tag}" for tag in ("c", "row", "v", "t", "f", "rPh", "si"))

# What a workbook to import may hold. Excel's own limits where it has them (columns, characters in
# a cell, cell formats); the rest leave a 50 000-row file several times over and keep the reading
# of any file under about 100 MB.
MAX_ROWS = 50_000  # rows of data below the header; the caller may pass its own
MAX_COLUMNS = 16_384  # A … XFD
MAX_TEXT = 32_767  # characters of one cell, and of any text between two tags
MAX_ENTRIES = 1_000
MAX_UNPACKED = 256 * 2**20  # bytes of all entries together, unpacked
MAX_RATIO = 200  # unpacked : packed, for entries above RATIO_FROM bytes
RATIO_FROM = 2**20
MAX_STYLES = 65_536
MAX_SHARED_STRINGS = 500_000
MAX_SHARED_CHARACTERS = 16_000_000
# Characters of all the text cells of the sheet, a shared string counted at every use: the rows
# an import keeps each hold their own copy.
MAX_SHEET_CHARACTERS = 32_000_000
MAX_SILENCE = 2**20  # bytes of a part without a tag
_CHUNK = 2**16

NOT_A_WORKBOOK = "файл не является книгой Excel (XLSX)"
DAMAGED = "книга Excel повреждена или её первый лист не читается"
TOO_BIG = ("книга Excel распаковывается в слишком большой объём: сохраните в ней только лист с данными "
           "(«Файл → Сохранить как», новая книга)")
TOO_MANY_PARTS = f"в книге Excel больше {MAX_ENTRIES} частей: это не таблица для загрузки"


class SheetError(ValueError):
    """The file is not a workbook that can be read."""


def read_sheet(file, max_rows: int = MAX_ROWS) -> Iterator[tuple[int, list]]:
    """(row number as Excel shows it, values) of the first sheet, streamed; `file` is a path or a
    binary file open for reading. Values are str, int, float, bool, datetime for date-formatted
    cells, or None for empty ones. SheetError says in Russian why a file cannot be read, also
    midway, when the sheet turns out to hold more than `max_rows` rows below its header."""
    with open(file, "rb") if isinstance(file, str | os.PathLike) else contextlib.nullcontext(file) as stream:
        with _open_archive(stream) as archive:
            try:
                yield from _Book(archive).rows(max_rows)
            except SheetError:
                raise
            except (KeyError, expat.ExpatError, StopIteration, ValueError, IndexError, OverflowError, EOFError,
                    NotImplementedError, RuntimeError, zlib.error, zipfile.BadZipFile) as error:
                raise SheetError(DAMAGED) from error


def _open_archive(stream) -> zipfile.ZipFile:
    """The zip, once its directory promises nothing unreasonable; zipfile then holds every entry to
    the size the directory gives (more data fails its check)."""
    count, directory_size = _announced(stream)
    if count > MAX_ENTRIES or directory_size > MAX_ENTRIES * 1024:
        raise SheetError(TOO_MANY_PARTS)
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise SheetError(NOT_A_WORKBOOK) from error
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise SheetError(TOO_MANY_PARTS)
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED or any(
            entry.file_size > RATIO_FROM and entry.file_size > MAX_RATIO * max(entry.compress_size, 1)
            for entry in entries):
        raise SheetError(TOO_BIG)
    return archive


_END_RECORD = struct.Struct("<4s4H2LH")  # the zip's «end of central directory» record


def _announced(stream) -> tuple[int, int]:
    """(entries, bytes of the directory) the end of a zip announces, read before zipfile reads the
    directory and builds an object per entry; (0, 0) without such a record (zipfile refuses it)."""
    stream.seek(0, os.SEEK_END)
    stream.seek(max(0, stream.tell() - _END_RECORD.size - 0xFFFF))
    tail = stream.read()
    stream.seek(0)
    found = tail.rfind(b"PK\x05\x06")
    if not 0 <= found <= len(tail) - _END_RECORD.size:
        return 0, 0
    record = _END_RECORD.unpack_from(tail, found)
    return record[4], record[5]


def _parse(archive: zipfile.ZipFile, name: str, target: "_Part") -> Iterator[None]:
    """Feed part `name` to `target` a chunk at a time, pausing after each chunk, until the part
    ends or the target is done. expat holds a whole tag, comment or instruction in memory until it
    ends; input that brings no tag for MAX_SILENCE bytes is refused."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True  # one call for a run of text, not one per character reference
    parser.buffer_size = _CHUNK
    parser.StartElementHandler, parser.EndElementHandler = target.start, target.end
    parser.CharacterDataHandler, parser.StartDoctypeDeclHandler = target.data, target.doctype
    silent = 0
    with archive.open(name) as stream:
        while not target.done and (chunk := stream.read(_CHUNK)):
            target.tagged = False
            parser.Parse(chunk, False)
            silent = 0 if target.tagged else silent + len(chunk)
            if silent > MAX_SILENCE:
                raise SheetError(f"в книге Excel элемент XML длиннее {MAX_SILENCE // 2**20} МБ: файл не принят")
            yield
    if not target.done:
        parser.Parse(b"", True)


class _Part:
    """The handlers of an expat parser; no tree is built. Subclasses act in `start` and `end`,
    both beginning with `text()`: the text since the previous tag, which is then let go."""

    done = False
    tagged = False

    def __init__(self):
        self._text = ""

    def data(self, piece: str) -> None:
        text = self._text + piece if self._text else piece
        if len(text) > MAX_TEXT:
            raise SheetError(f"в книге Excel текст длиннее {MAX_TEXT} знаков подряд: столько не вмещает ячейка")
        self._text = text

    def text(self) -> str:
        self.tagged = True
        text, self._text = self._text, ""
        return text

    def doctype(self, *_) -> None:
        raise SheetError("книга Excel содержит объявление DTD, которого в книгах не бывает: файл не принят")


class _Workbook(_Part):
    """workbook.xml: the calendar and the relation of the first sheet."""

    def __init__(self):
        super().__init__()
        self.date1904, self.first_sheet = False, None

    def start(self, tag, attrib):
        self.text()
        if tag == f"{_MAIN}workbookPr":
            self.date1904 = attrib.get("date1904") in ("1", "true")
        elif tag == f"{_MAIN}sheet" and not self.done:
            self.first_sheet, self.done = attrib[f"{_DOC_REL}id"], True

    def end(self, tag):
        self.text()


class _Relations(_Part):
    """workbook.xml.rels: where the relation `wanted` points."""

    def __init__(self, wanted: str):
        super().__init__()
        self.wanted, self.target = wanted, None

    def start(self, tag, attrib):
        self.text()
        if tag == f"{_PACKAGE_REL}Relationship" and attrib.get("Id") == self.wanted:
            self.target, self.done = attrib["Target"], True

    def end(self, tag):
        self.text()


class _SharedStrings(_Part):
    """sharedStrings.xml: plain text or rich-text runs; phonetic hints (rPh) are not part of the value."""

    def __init__(self):
        super().__init__()
        self.strings: list[str] = []
        self.runs: list[str] = []
        self.characters = 0
        self.phonetic = False

    def start(self, tag, attrib):
        self.text()
        if tag == _PHONETIC:
            self.phonetic = True

    def end(self, tag):
        text = self.text()
        if tag == _TEXT:
            if not self.phonetic:
                self.runs.append(text)
                self.characters += len(text)
        elif tag == _SHARED:
            self.strings.append("".join(self.runs))
            self.runs.clear()
            if len(self.strings) > MAX_SHARED_STRINGS or self.characters > MAX_SHARED_CHARACTERS:
                raise SheetError(f"в книге Excel больше {MAX_SHARED_STRINGS} разных строк или "
                                 f"{MAX_SHARED_CHARACTERS} знаков текста: это не таблица для загрузки")
        elif tag == _PHONETIC:
            self.phonetic = False


class _Styles(_Part):
    """styles.xml: the number format of every cell format (cellXfs), custom formats by id."""

    def __init__(self):
        super().__init__()
        self.custom: dict[int, str] = {}
        self.formats: list[int] = []
        self.in_cell_formats = False

    def start(self, tag, attrib):
        self.text()
        if tag == f"{_MAIN}numFmt":
            self.custom[int(attrib["numFmtId"])] = attrib.get("formatCode", "")
        elif tag == f"{_MAIN}cellXfs":
            self.in_cell_formats = True
        elif tag == f"{_MAIN}xf" and self.in_cell_formats:
            self.formats.append(int(attrib.get("numFmtId", 0)))
        if len(self.formats) + len(self.custom) > MAX_STYLES:
            raise SheetError(f"в книге Excel больше {MAX_STYLES} форматов ячеек: это не таблица для загрузки")

    def end(self, tag):
        self.text()
        if tag == f"{_MAIN}cellXfs":
            self.in_cell_formats = False

    def date_styles(self) -> frozenset[int]:
        return frozenset(i for i, number_format in enumerate(self.formats) if is_date_format(
            self.custom.get(number_format) or BUILTIN_FORMATS.get(number_format, "")))


class _Book:
    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        names = set(archive.namelist())
        book = self._read("xl/workbook.xml", _Workbook())
        self.epoch = CALENDAR_MAC_1904 if book.date1904 else CALENDAR_WINDOWS_1900
        target = self._read("xl/_rels/workbook.xml.rels", _Relations(book.first_sheet)).target
        if target is None:
            raise SheetError(DAMAGED)
        self.sheet = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        self.shared = self._read("xl/sharedStrings.xml", _SharedStrings()).strings \
            if "xl/sharedStrings.xml" in names else []
        self.date_styles = self._read("xl/styles.xml", _Styles()).date_styles() \
            if "xl/styles.xml" in names else frozenset()

    def _read(self, name: str, target: _Part):
        for _ in _parse(self.archive, name, target):
            pass
        return target

    def rows(self, max_rows: int) -> Iterator[tuple[int, list]]:
        sheet = _Sheet(self, max_rows)
        for _ in _parse(self.archive, self.sheet, sheet):
            yield from sheet.rows
            sheet.rows.clear()

    def value(self, kind: str, raw: str | None, style: str | None):
        """The value of a cell of type `kind` other than inline text."""
        if raw is None:
            return None
        if kind == "s":
            index = int(raw)
            if not 0 <= index < len(self.shared):
                raise IndexError(index)
            return self.shared[index]
        if kind == "n":
            number = float(raw) if "." in raw or "e" in raw or "E" in raw else int(raw)
            return from_excel(number, self.epoch) if style and int(style) in self.date_styles else number
        if kind == "b":
            return raw == "1"
        if kind == "d":
            return datetime.datetime.fromisoformat(raw)
        return raw  # "e": an error such as #Н/Д; "str": a formula's text, refused before


class _Sheet(_Part):
    """A worksheet: its rows, as they complete, wait in `rows` for the reader to take them."""

    def __init__(self, book: _Book, max_rows: int):
        super().__init__()
        self.book, self.max_rows = book, max_rows
        self.rows: list[tuple[int, list]] = []
        self.count = self.number = self.characters = 0
        self.values: list = []
        self.reference: str | None = None
        self.kind, self.style = "n", None
        self.raw: str | None = None
        self.inline: list[str] = []
        self.phonetic = False

    # The two handlers below run for every tag of the sheet, hundreds of thousands of times: they do what
    # text() does inline, and a cell is a few attributes rather than a dict kept.
    def start(self, tag, attrib):
        self.tagged, self._text = True, ""
        if tag == _CELL:
            self.reference, self.kind, self.style = attrib.get("r"), attrib.get("t", "n"), attrib.get("s")
            self.raw, self.inline = None, []
        elif tag == _ROW:
            self.number = int(attrib.get("r") or self.number + 1)
            self.values = []
        elif tag == _FORMULA:
            raise SheetError(f"ячейка {self._where()} содержит формулу, а загружают только значения: "
                             "скопируйте лист и вставьте его как значения («Специальная вставка → Значения»)")
        elif tag == _PHONETIC:
            self.phonetic = True

    def end(self, tag):
        text, self.tagged, self._text = self._text, True, ""
        if tag == _VALUE:
            self.raw = text
        elif tag == _CELL:
            self._add_cell()
        elif tag == _TEXT:
            if not self.phonetic:
                self.inline.append(text)
                self._count(text)
        elif tag == _ROW:
            self.count += 1
            if self.count > self.max_rows + 1:
                raise SheetError(f"в листе больше {self.max_rows} строк под заголовком: разделите файл на части")
            self.rows.append((self.number, self.values))
        elif tag == _PHONETIC:
            self.phonetic = False

    def _add_cell(self):
        values, reference, kind = self.values, self.reference, self.kind
        if reference:
            try:
                column = _column_index(reference.rstrip(_DIGITS))
            except ValueError:
                raise SheetError(f"ячейка {self._where()} вне листа Excel: последний столбец — XFD") from None
            if column > len(values):
                values.extend([None] * (column - len(values)))
        if kind == "inlineStr":  # its text is counted as it comes
            values.append("".join(self.inline))
        else:
            try:
                value = self.book.value(kind, self.raw, self.style)
            except (ValueError, IndexError, OverflowError):
                raise SheetError(f"значение ячейки {self._where()} не читается: книга повреждена") from None
            if kind in ("s", "str", "e"):
                self._count(value)
            values.append(value)
        if len(values) > MAX_COLUMNS:
            raise SheetError(f"в строке {self.number} больше {MAX_COLUMNS} ячеек: столько столбцов в Excel нет")

    def _count(self, text: str | None) -> None:
        self.characters += len(text or "")
        if self.characters > MAX_SHEET_CHARACTERS:
            raise SheetError(f"в листе больше {MAX_SHEET_CHARACTERS} знаков текста: разделите файл на части")

    def _where(self) -> str:
        return (self.reference or "")[:20] or f"в строке {self.number}"


_DIGITS = "0123456789"
_LETTERS = re.compile(r"[A-Z]{1,3}")


@functools.lru_cache(maxsize=256)
def _column_index(letters: str) -> int:
    """0-based index of a column such as "AB"; ValueError past XFD, where Excel has no columns."""
    if not _LETTERS.fullmatch(letters):
        raise ValueError(letters)
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    if index > MAX_COLUMNS:
        raise ValueError(letters)
    return index - 1


# ---------------------------------------------------------------------------------------------
# Errors, header, cells


@dataclass(frozen=True)
class RowError:
    line: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = [f"строка {self.line}"] if self.line else []
        if self.column:
            where.append(f"«{self.column}»")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class CellError(ValueError):
    """A value that cannot be read; the message says what is expected."""


def map_header(line: int, values: list, columns: Iterable[str],
               required: Iterable[str]) -> tuple[dict[str, int], list[RowError]]:
    """{column: index} of the header row (row `line`); unknown, repeated and missing columns are errors."""
    known = {label_key(c): c for c in columns}
    index: dict[str, int] = {}
    errors = []
    for position, value in enumerate(values):
        title = text(value)
        if not title:
            continue
        column = known.get(label_key(title))
        if column is None:
            errors.append(RowError(line, title, "неизвестный столбец"))
        elif column in index:
            errors.append(RowError(line, title, "столбец повторяется"))
        else:
            index[column] = position
    errors += [RowError(line, c, "нет обязательного столбца") for c in required if c not in index]
    return index, errors


MAX_ERRORS = 1_000


def enough(errors: list[RowError]) -> bool:
    """Whether `errors` reached MAX_ERRORS; then the check stops, and says so, rather than keep a
    file's worth of errors in memory."""
    if len(errors) < MAX_ERRORS:
        return False
    errors.append(RowError(None, "", f"ошибок не меньше {MAX_ERRORS}, проверка остановлена: "
                                     "исправьте найденные и загрузите файл снова"))
    return True


def text(value) -> str:
    """A cell as text with single spaces; whole numbers without «.0»."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_name(str(value))


key = functools.lru_cache(maxsize=4096)(label_key)

_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def parse_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = _DATE.fullmatch(text(value))
    if not match:
        raise CellError("ожидается дата ДД.ММ.ГГГГ")
    try:
        return datetime.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        raise CellError("такой даты нет") from None


_YES_NO = {"да": True, "нет": False}


def parse_yes_no(value) -> bool:
    if isinstance(value, bool):
        return value
    try:
        return _YES_NO[key(text(value))]
    except KeyError:
        raise CellError("ожидается «да» или «нет»") from None


def parse_count(value, maximum: int) -> int:
    """A whole number from 0 to `maximum`, as a number or as text."""
    raw = text(value)
    if not raw.isdigit() or int(raw) > maximum:
        raise CellError(f"ожидается целое число от 0 до {maximum}")
    return int(raw)


_GRADE = re.compile(r"(\d{1,2})\s*([^\W\d_]{0,2})")
MAX_GRADE = 11


def parse_grade(value) -> tuple[int, str]:
    """«7Б» → (7, "Б"); a course of a college is a number alone: «2» → (2, "")."""
    match = _GRADE.fullmatch(text(value))
    if not match or not 1 <= int(match[1]) <= MAX_GRADE:
        raise CellError(f"ожидается класс или курс: число от 1 до {MAX_GRADE} и, для класса, буква, например «7Б»")
    return int(match[1]), match[2].upper()


class Labels(dict):
    """{label_key: code} of the labels users type, remembering the label shown for each code."""

    def __init__(self, pairs: Iterable[tuple], aliases: Iterable[tuple] = ()):
        super().__init__()
        self.shown: dict = {}
        for code, label in pairs:
            self[key(label)] = code
            self.shown.setdefault(code, label)
        for code, alias in aliases:
            self[key(alias)] = code

    def allowed(self) -> str:
        return ", ".join(f"«{label}»" for label in self.shown.values())


def choice(labels: Labels, what: str):
    """A parser of one of `labels`; its error names the allowed ones."""

    def parse(value):
        try:
            return labels[key(text(value))]
        except KeyError:
            raise CellError(f"{what}; допустимо: {labels.allowed()}") from None

    return parse


class Cells:
    """One data row: its values by column, the errors found in it so far, and the notes on what is left out."""

    def __init__(self, line: int, values: list, index: Mapping[str, int], errors: list[RowError],
                 notes: list[RowError] | None = None):
        self.line, self.values, self.index, self.errors = line, values, index, errors
        self.notes = [] if notes is None else notes

    def raw(self, column: str):
        try:
            return self.values[self.index[column]]
        except (KeyError, IndexError):  # a column the file has not, a row shorter than the header
            return None

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.line, column, message))

    def note(self, column: str, message: str) -> None:
        """A value that does not apply to the row and is left out: the row is still loaded."""
        self.notes.append(RowError(self.line, column, message))

    def text(self, column: str, max_length: int, required: bool = False) -> str:
        value = text(self.raw(column))
        if required and not value:
            self.error(column, "не заполнено")
        elif len(value) > max_length:
            self.error(column, f"не длиннее {max_length} символов")
            return ""
        return value

    def parse(self, column: str, parser, required: bool = False):
        """`parser(value)`, or None when the cell is empty or wrong (then an error is noted)."""
        value = self.raw(column)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(column, "не заполнено")
            return None
        try:
            return parser(value)
        except CellError as error:
            self.error(column, str(error))
            return None

    def is_empty(self) -> bool:
        return all(v is None or (isinstance(v, str) and not v.strip()) for v in self.values)


# ---------------------------------------------------------------------------------------------
# Participants

LAST_NAME, FIRST_NAME, MIDDLE_NAME, BIRTH_DATE = "Фамилия", "Имя", "Отчество", "Дата рождения"
SEX, CATEGORY, ROLE, GRADE, TEACHING_YEARS = "Пол", "Категория", "Роль", "Класс/курс", "Педагогический стаж, лет"
FORMS, INTERESTS, COMPETENCES, REQUEST = "Форма наставничества", "Интересы", "Компетенции", "Запрос"
EMAIL, PHONE = "E-mail", "Телефон"
PD_CONSENT, REPRESENTATIVE_CONSENT, REPRESENTATIVE = (
    "Согласие на обработку ПД", "Согласие законного представителя", "Законный представитель")

COLUMNS = [LAST_NAME, FIRST_NAME, MIDDLE_NAME, BIRTH_DATE, SEX, CATEGORY, ROLE, GRADE, TEACHING_YEARS, FORMS,
           INTERESTS, COMPETENCES, REQUEST, EMAIL, PHONE, PD_CONSENT, REPRESENTATIVE_CONSENT, REPRESENTATIVE]
REQUIRED = [LAST_NAME, FIRST_NAME, BIRTH_DATE, CATEGORY, ROLE]
_ORDER = {column: i for i, column in enumerate(COLUMNS)}

MENTOR, MENTEE = "наставник", "наставляемый"
ROLES = Labels([((True, False), MENTOR), ((False, True), MENTEE), ((True, True), f"{MENTOR}, {MENTEE}")],
               aliases=[((True, True), f"{MENTEE}, {MENTOR}")])
# Several forms, requests in one cell are separated by «;».
SEPARATOR = ";"
YES, NO = "да", "нет"

MAX_TEACHING_YEARS = 70
EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)
NAME_LENGTH, EMAIL_LENGTH, PHONE_LENGTH, REPRESENTATIVE_LENGTH, REQUEST_LENGTH = 100, 254, 40, 300, 500
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"\+?[\d\s()\-]{5,}")


@dataclass(frozen=True)
class Vocabulary:
    """Labels users type, by normalised key, with the codes they stand for."""

    categories: Labels
    sexes: Labels
    forms: Labels


@dataclass(slots=True)
class ParticipantRow:
    line: int
    last_name: str
    first_name: str
    middle_name: str
    birth_date: datetime.date
    sex: str
    category: str
    is_mentor: bool
    is_mentee: bool
    grade: int | None
    grade_letter: str
    teaching_experience_years: int | None
    forms: tuple[str, ...]
    interests: str
    competences: str
    requests: tuple[str, ...]
    email: str
    phone: str
    personal_data_consent: bool
    representative_consent: bool
    representative_name: str
    fio_key: str = ""

    def __post_init__(self):
        if self.last_name and self.first_name:
            self.fio_key = fio_key(self.last_name, self.first_name, self.middle_name)

    @property
    def identity(self) -> tuple[str, datetime.date]:
        """What makes two rows the same person in one organization: ФИО and date of birth."""
        return self.fio_key, self.birth_date


@dataclass
class Checked:
    rows: list[ParticipantRow]
    errors: list[RowError]
    notes: list[RowError] = field(default_factory=list)  # values left out of rows that are loaded


def check_participants(sheet: Iterable[tuple[int, list]], vocabulary: Vocabulary, today: datetime.date,
                       existing: Collection[tuple[str, datetime.date]]) -> Checked:
    """Every row of `sheet` read and checked; `existing` holds the identities already in the
    organization. Rows come back only when there is no error at all. An error is what would store wrong
    data; a filled cell that does not apply to the row's role is left out with a note."""
    lines = iter(sheet)
    first = next(lines, None)
    if first is None:
        return Checked([], [RowError(None, "", "лист пуст: нет строки заголовков")])
    index, errors = map_header(*first, COLUMNS, REQUIRED)
    if errors:
        return Checked([], errors)
    rows, notes = [], []
    for line, values in lines:
        if enough(errors):
            break
        cells = Cells(line, values, index, errors, notes)
        if not cells.is_empty():
            row = _participant(cells, vocabulary, today)
            if row is not None:
                rows.append(row)
    errors += duplicates(rows, existing)
    errors.sort(key=lambda e: (e.line or 0, _ORDER.get(e.column, len(COLUMNS))))
    if not rows and not errors:
        errors.append(RowError(None, "", "в файле нет ни одного участника"))
    return Checked([] if errors else rows, errors, notes)


def duplicates(rows: Iterable[ParticipantRow], existing: Collection[tuple[str, datetime.date]]) -> list[RowError]:
    """Rows repeating an earlier row or a person already in the organization."""
    seen: dict[tuple[str, datetime.date], int] = {}
    errors = []
    for row in rows:
        identity = row.identity
        if identity in existing:
            errors.append(RowError(row.line, LAST_NAME, "участник с такими ФИО и датой рождения уже есть в организации"))
        elif identity in seen:
            errors.append(RowError(row.line, LAST_NAME, f"те же ФИО и дата рождения, что в строке {seen[identity]}"))
        else:
            seen[identity] = row.line
    return errors


def _participant(cells: Cells, vocabulary: Vocabulary, today: datetime.date) -> ParticipantRow | None:
    errors_before = len(cells.errors)
    names = [cells.text(c, NAME_LENGTH, required=c != MIDDLE_NAME) for c in (LAST_NAME, FIRST_NAME, MIDDLE_NAME)]
    birth_date = cells.parse(BIRTH_DATE, _birth_date(today), required=True)
    roles = cells.parse(ROLE, choice(ROLES, "неизвестная роль"), required=True) or (False, False)
    is_mentor, is_mentee = roles
    grade, grade_letter = cells.parse(GRADE, parse_grade) or (None, "")
    forms = _forms(cells, vocabulary.forms, only_one=is_mentee and not is_mentor)
    competences = cells.text(COMPETENCES, 10_000)
    if competences and roles == (False, True):
        cells.note(COMPETENCES, "не сохранены: компетенции хранятся в профиле наставника, а участник только "
                                "наставляемый")
        competences = ""
    requests = _requests(cells)
    if requests and roles == (True, False):
        cells.note(REQUEST, "не сохранены: запросы бывают только у наставляемого")
        requests = ()
    email = cells.text(EMAIL, EMAIL_LENGTH)
    if email and not _EMAIL.fullmatch(email):
        cells.error(EMAIL, "неверный адрес электронной почты")
    phone = cells.text(PHONE, PHONE_LENGTH)
    if phone and not _PHONE.fullmatch(phone):
        cells.error(PHONE, "ожидается номер телефона: цифры, пробелы, «+», «-», скобки")
    representative_consent = bool(cells.parse(REPRESENTATIVE_CONSENT, parse_yes_no))
    representative = cells.text(REPRESENTATIVE, REPRESENTATIVE_LENGTH)
    if representative_consent and not representative:
        minor = birth_date is not None and age_on(birth_date, today) < ADULT_AGE
        cells.error(REPRESENTATIVE, "не заполнено, а согласие законного представителя дано"
                    + (" (участник несовершеннолетний)" if minor else ""))
    elif representative and not representative_consent:
        cells.error(REPRESENTATIVE, "указан, а согласия законного представителя нет")
    row = ParticipantRow(
        line=cells.line, last_name=names[0], first_name=names[1], middle_name=names[2], birth_date=birth_date,
        sex=cells.parse(SEX, choice(vocabulary.sexes, "неизвестный пол")) or "",
        category=cells.parse(CATEGORY, choice(vocabulary.categories, "неизвестная категория"), required=True),
        is_mentor=is_mentor, is_mentee=is_mentee, grade=grade, grade_letter=grade_letter,
        teaching_experience_years=cells.parse(TEACHING_YEARS, lambda v: parse_count(v, MAX_TEACHING_YEARS)),
        forms=forms, interests=cells.text(INTERESTS, 10_000), competences=competences, requests=requests,
        email=email, phone=phone, personal_data_consent=bool(cells.parse(PD_CONSENT, parse_yes_no)),
        representative_consent=representative_consent, representative_name=representative,
    )
    return row if len(cells.errors) == errors_before else None


def _birth_date(today: datetime.date):
    def parse(value) -> datetime.date:
        day = parse_date(value)
        if day > today:
            raise CellError("дата рождения позже сегодняшней")
        if day < EARLIEST_BIRTH_DATE:
            raise CellError("слишком ранняя дата рождения")
        return day

    return parse


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(SEPARATOR) if part.strip()]


def _forms(cells: Cells, forms: Labels, only_one: bool) -> tuple[str, ...]:
    codes = []
    for label in _split(text(cells.raw(FORMS))):
        code = forms.get(key(label))
        if code is None:
            cells.error(FORMS, f"неизвестная форма «{label}»; допустимо: {forms.allowed()}")
        elif code not in codes:
            codes.append(code)
    if only_one and len(codes) > 1:
        cells.note(FORMS, "не сохранена: у наставляемого одна желаемая форма, а указано несколько")
        return ()
    return tuple(codes)


def _requests(cells: Cells) -> tuple[str, ...]:
    requests = tuple(_split(text(cells.raw(REQUEST))))
    if any(len(r) > REQUEST_LENGTH for r in requests):
        cells.error(REQUEST, f"каждый запрос не длиннее {REQUEST_LENGTH} символов")
    return requests


def summary(rows: list[ParticipantRow]) -> dict[str, int]:
    return {
        "участников": len(rows),
        "наставников": sum(r.is_mentor for r in rows),
        "наставляемых": sum(r.is_mentee for r in rows),
        "согласий на обработку ПД": sum(r.personal_data_consent for r in rows),
        "согласий законных представителей": sum(r.representative_consent for r in rows),
        "запросов": sum(len(r.requests) for r in rows),
    }
