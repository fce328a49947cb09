"""Participants from XLSX, without Django: the first sheet streamed as rows of cell values, the
header mapped to the known columns, every cell parsed and every row checked, with errors in the
words of the spreadsheet: «строка 5, «Дата рождения»: ожидается дата ДД.ММ.ГГГГ».

people/importing.py passes in the vocabularies from the database and the people already in the
organization, and writes the rows it gets back; organizations/importing.py reuses the reader.

The sheet is read with ElementTree rather than openpyxl's reader, which builds an object per cell
and alone takes longer than the whole import may (see bench/import_participants.py); openpyxl
still decides which number formats are dates.
"""

import datetime
import functools
import re
import zipfile
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError, fromstring, iterparse

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from people.names import clean_name, fio_key, label_key

# ---------------------------------------------------------------------------------------------
# The sheet

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CELL, _ROW, _VALUE, _TEXT, _RUN = (f"{_MAIN}{tag}" for tag in ("c", "row", "v", "t", "r"))


class SheetError(ValueError):
    """The file is not a workbook that can be read."""


def read_sheet(file) -> Iterator[tuple[int, list]]:
    """(row number as Excel shows it, values) of the first sheet, streamed. Values are str, int,
    float, bool, datetime for date-formatted cells, or None for empty ones."""
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError) as error:
        raise SheetError("файл не является книгой Excel (XLSX)") from error
    with archive:
        try:
            yield from _Book(archive).rows()
        except (KeyError, ParseError, StopIteration, ValueError, zipfile.BadZipFile) as error:
            raise SheetError("книга Excel повреждена или её первый лист не читается") from error


class _Book:
    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        book = fromstring(archive.read("xl/workbook.xml"))
        properties = book.find(f"{_MAIN}workbookPr")
        date1904 = properties is not None and properties.get("date1904") in ("1", "true")
        self.epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
        self.sheet = self._first_sheet_path(book)
        self.shared = self._shared_strings()
        self.date_styles = self._date_styles()

    def _first_sheet_path(self, book) -> str:
        relation = book.find(f"{_MAIN}sheets/{_MAIN}sheet").get(f"{_DOC_REL}id")
        links = fromstring(self.archive.read("xl/_rels/workbook.xml.rels"))
        target = next(link.get("Target") for link in links if link.get("Id") == relation)
        return target.lstrip("/") if target.startswith("/") else f"xl/{target}"

    def _shared_strings(self) -> list[str]:
        if "xl/sharedStrings.xml" not in self.archive.namelist():
            return []
        strings = []
        for _, element in iterparse(self.archive.open("xl/sharedStrings.xml")):
            if element.tag == f"{_MAIN}si":
                # Plain text, or rich-text runs; phonetic hints (rPh) are not part of the value.
                strings.append("".join(
                    (child.text or "") if child.tag == _TEXT else (child.findtext(_TEXT) or "")
                    for child in element if child.tag in (_TEXT, _RUN)
                ))
                element.clear()
        return strings

    def _date_styles(self) -> frozenset[int]:
        if "xl/styles.xml" not in self.archive.namelist():
            return frozenset()
        styles = fromstring(self.archive.read("xl/styles.xml"))
        custom = {int(f.get("numFmtId")): f.get("formatCode", "") for f in styles.iter(f"{_MAIN}numFmt")}
        cell_formats = styles.find(f"{_MAIN}cellXfs")
        ids = [int(xf.get("numFmtId", 0)) for xf in (cell_formats if cell_formats is not None else ())]
        return frozenset(i for i, fmt in enumerate(ids) if is_date_format(custom.get(fmt) or BUILTIN_FORMATS.get(fmt, "")))

    def rows(self) -> Iterator[tuple[int, list]]:
        number = 0
        for _, row in iterparse(self.archive.open(self.sheet)):
            if row.tag != _ROW:
                continue
            number = int(row.get("r") or number + 1)
            values: list = []
            for cell in row:
                if cell.tag != _CELL:
                    continue
                reference = cell.get("r")
                if reference:
                    values.extend([None] * (_column_index(reference.rstrip(_DIGITS)) - len(values)))
                values.append(self._value(cell))
            row.clear()
            yield number, values

    def _value(self, cell):
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            return "".join(cell.itertext())
        raw = cell.findtext(_VALUE)
        if raw is None:
            return None
        if kind == "s":
            return self.shared[int(raw)]
        if kind == "n":
            number = float(raw) if any(c in raw for c in ".eE") else int(raw)
            style = cell.get("s")
            return from_excel(number, self.epoch) if style and int(style) in self.date_styles else number
        if kind == "b":
            return raw == "1"
        if kind == "d":
            return datetime.datetime.fromisoformat(raw)
        return raw  # "str": a formula's text; "e": an error such as #Н/Д


_DIGITS = "0123456789"


@functools.lru_cache(maxsize=256)
def _column_index(letters: str) -> int:
    """0-based index of a column such as "AB"."""
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
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
        position = self.index.get(column)
        return self.values[position] if position is not None and position < len(self.values) else None

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

ADULT_AGE = 18
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
        minor = birth_date is not None and _age(birth_date, today) < ADULT_AGE
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


def _age(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


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
