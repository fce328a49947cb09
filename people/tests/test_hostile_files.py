"""Hostile XLSX files cost nothing: each is refused with a Russian message, nothing is written, and
reading it takes well under 200 MB — for both imports that share the reader (participants and
organizations). The files are built here; the big ones from one compressed copy of a repeated
block, so that a gigabyte-sized part is written in a moment and the test stays small."""

import os
import struct
import tempfile
import tracemalloc
import zlib
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from django.test import SimpleTestCase

from audit.models import AuditEntry
from organizations import importing as organization_import
from organizations.models import Organization
from people import importing, xlsx
from people.models import Consent, MenteeProfile, MenteeRequest, MentorProfile, Participant
from testing.fixtures import RegionTestCase

PEAK_LIMIT = 200 * 2**20
MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKBOOK = (f'<workbook {MAIN} xmlns:r="{REL}"><sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets>'
            '</workbook>').encode()
RELATIONS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>').encode()
SHEET_START = f'<worksheet {MAIN}><sheetData>'.encode()
SHEET_END = b"</sheetData></worksheet>"
XXE = b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "hahahahahahahahahaha">'
          + b"".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">'.encode() for p, c in zip("abcdefgh", "bcdefghi", strict=True))
          + b"]>")


@dataclass(frozen=True)
class Repeated:
    """A part: `head`, `body` `times` over, then `tail`."""

    head: bytes
    body: bytes = b""
    times: int = 0
    tail: bytes = b""


def write_zip(path: Path, parts: dict[str, bytes | Repeated]) -> None:
    """A zip with honest sizes and checksums, each part deflated once per distinct block: a full
    flush between blocks makes every copy of the body's compressed block the same bytes."""
    directory = []
    with path.open("wb") as out:
        for name, part in parts.items():
            part = part if isinstance(part, Repeated) else Repeated(part)
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
            head, body = (compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH) for data in (part.head, part.body))
            tail = compressor.compress(part.tail) + compressor.flush()
            checksum = zlib.crc32(part.head)
            for _ in range(part.times):
                checksum = zlib.crc32(part.body, checksum)
            checksum = zlib.crc32(part.tail, checksum)
            size = len(part.head) + len(part.body) * part.times + len(part.tail)
            packed = len(head) + len(body) * part.times + len(tail)
            encoded, offset = name.encode(), out.tell()
            fields = (8, 0, 0x21, checksum, packed, size, len(encoded), 0)  # deflate, 1980-01-01
            out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, *fields) + encoded + head)
            for _ in range(part.times):
                out.write(body)
            out.write(tail)
            directory.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, *fields, 0, 0, 0, 0, offset) + encoded)
        start = out.tell()
        out.write(b"".join(directory))
        out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(parts), len(parts), out.tell() - start, start, 0))


def book(sheet: bytes | Repeated, **parts: bytes | Repeated) -> dict:
    return {"xl/workbook.xml": WORKBOOK, "xl/_rels/workbook.xml.rels": RELATIONS, "xl/worksheets/sheet1.xml": sheet,
            **{f"xl/{name}.xml": part for name, part in parts.items()}}


def sheet(*rows: str) -> bytes:
    return SHEET_START + "".join(rows).encode() + SHEET_END


def text_cell(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def header(columns: list[str]) -> str:
    return '<row r="1">' + "".join(text_cell(f"{chr(65 + i)}1", title) for i, title in enumerate(columns)) + "</row>"


def corpus(columns: list[str]) -> dict[str, tuple[dict | bytes, str]]:
    """{what: (the parts of the file, or its bytes; what the refusal says)}; `columns` make a good
    header where the hostile part comes below it."""
    blank_rows = "".join(f'<row r="{n}">{text_cell(f"A{n}", " ")}</row>' for n in range(2, 10_002)).encode()
    letters = os.urandom(600_000).hex()
    return {
        "not a zip": ("Фамилия;Имя\n".encode(), xlsx.NOT_A_WORKBOOK),
        "a zip that is not a workbook": ({"readme.txt": b"hello"}, xlsx.DAMAGED),
        "a zip bomb: 1 GB of zeros in the sheet": (
            book(Repeated(SHEET_START, bytes(2**20), 1024, SHEET_END)), xlsx.TOO_BIG),
        "styles.xml with 400 MB of whitespace": (
            book(sheet(header(columns)), styles=Repeated(f"<styleSheet {MAIN}>".encode(), b" " * 2**20, 400,
                                                         b"</styleSheet>")), xlsx.TOO_BIG),
        "styles.xml with whitespace that compresses poorly": (
            book(sheet(header(columns)), styles=f"<styleSheet {MAIN}>".encode()
                 + os.urandom(100_000).translate(bytes(b" \t\r\n"[i % 4] for i in range(256))) + b"</styleSheet>"),
            "текст длиннее 32767 знаков"),
        "styles.xml with 70 000 cell formats": (
            book(sheet(header(columns)), styles=f"<styleSheet {MAIN}><cellXfs>".encode()
                 + "".join(f'<xf numFmtId="{n}"/>' for n in range(70_000)).encode() + b"</cellXfs></styleSheet>"),
            "форматов ячеек"),
        "a cell in column ZZZZZ": (book(sheet(f'<row r="1">{text_cell("ZZZZZ1", "x")}</row>')), "последний столбец — XFD"),
        "a cell in column ZZZZZZ": (book(sheet(f'<row r="1">{text_cell("ZZZZZZ1", "x")}</row>')), "последний столбец — XFD"),
        "a cell in column XFE, just past the last": (book(sheet(f'<row r="1">{text_cell("XFE1", "x")}</row>')),
                                                     "последний столбец — XFD"),
        "a row of 20 000 cells without references": (
            book(sheet("<row>" + '<c t="inlineStr"><is><t>x</t></is></c>' * 20_000 + "</row>")), "больше 16384 ячеек"),
        "a million rows": (book(Repeated(SHEET_START + header(columns).encode(), blank_rows, 100, SHEET_END)),
                           "больше 50000 строк"),
        "an external entity (XXE)": (book(XXE + sheet(f'<row r="1">{text_cell("A1", "&secret;")}</row>')), "DTD"),
        "billion laughs in the shared strings": (
            book(sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
                 sharedStrings=LAUGHS + f"<sst {MAIN}><si><t>&i;</t></si></sst>".encode()), "DTD"),
        "a formula instead of a value": (
            book(sheet(header(columns), '<row r="2"><c r="B2"><f>1+1</f><v>2</v></c></row>')), "ячейка B2 содержит формулу"),
        "a DDE formula with its cached text": (
            book(sheet(header(columns), '<row r="2"><c r="A2" t="str"><f>cmd|\' /C calc\'!A0</f><v>0</v></c></row>')),
            "ячейка A2 содержит формулу"),
        "a shared string that does not exist": (book(sheet('<row r="1"><c r="A1" t="s"><v>7</v></c></row>')),
                                                "значение ячейки A1 не читается"),
        "a number made of letters": (book(sheet('<row r="1"><c r="C1"><v>сто</v></c></row>')),
                                     "значение ячейки C1 не читается"),
        "a date made of letters": (book(sheet('<row r="1"><c r="D1" t="d"><v>вчера</v></c></row>')),
                                   "значение ячейки D1 не читается"),
        "a huge shared string": (
            book(sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
                 sharedStrings=f"<sst {MAIN}><si><t>{letters}</t></si></sst>".encode()), "текст длиннее 32767 знаков"),
        "one long shared string in every row": (
            book(Repeated(SHEET_START + header(columns).encode(), b'<row><c t="s"><v>0</v></c></row>', 2_000, SHEET_END),
                 sharedStrings=f"<sst {MAIN}><si><t>{'а' * 30_000}</t></si></sst>".encode()),
            "больше 32000000 знаков текста"),
        "fifty thousand wrong rows": (
            book(Repeated(SHEET_START + header(columns).encode(),
                          f'<row>{text_cell("", "?" * 9) * len(columns)}</row>'.encode(), 50_000, SHEET_END)),
            "ошибок не меньше 1000, проверка остановлена"),
        "a tag longer than a megabyte": (book(sheet(f'<row r="1"><c r="A1" x="{letters}"/></row>')),
                                         "элемент XML длиннее 1 МБ"),
        "1001 parts": ({**book(sheet(header(columns))), **{f"xl/media/{n}.bin": b"" for n in range(1001)}},
                       "больше 1000 частей"),
    }


class HostileFilesTests(RegionTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        folder = tempfile.TemporaryDirectory()
        cls.addClassCleanup(folder.cleanup)
        cls.files = {}
        for importer, columns in (("participants", xlsx.COLUMNS), ("organizations", organization_import.COLUMNS)):
            for what, (parts, expected) in corpus(columns).items():
                path = Path(folder.name) / f"{importer}-{len(cls.files)}.xlsx"
                if isinstance(parts, bytes):
                    path.write_bytes(parts)
                else:
                    write_zip(path, parts)
                cls.files[importer, what] = path, expected

    def state(self) -> list[int]:
        return [model.objects.count() for model in (Participant, MentorProfile, MenteeProfile, MenteeRequest, Consent,
                                                    Organization, AuditEntry)]

    def refuse(self, importer: str, load) -> None:
        for (kind, what), (path, expected) in self.files.items():
            if kind != importer:
                continue
            with self.subTest(what), path.open("rb") as file:
                before = self.state()
                tracemalloc.start()
                try:
                    report = load(file)
                    peak = tracemalloc.get_traced_memory()[1]
                finally:
                    tracemalloc.stop()
                messages = [str(error) for error in report.errors]
                self.assertTrue(any(expected in message for message in messages), messages[:3])
                self.assertFalse(report.written)
                self.assertEqual(self.state(), before)
                self.assertLess(peak, PEAK_LIMIT, f"{peak / 2**20:.0f} МБ")

    def test_every_hostile_file_is_refused_by_the_participants_import_in_little_memory(self):
        self.refuse("participants", lambda file: importing.import_participants(
            file, organization=self.school_a, actor=self.curator_a))

    def test_every_hostile_file_is_refused_by_the_organizations_import_in_little_memory(self):
        self.refuse("organizations", lambda file: organization_import.import_organizations(file, actor=None))

    def test_the_row_limit_is_a_setting(self):
        path = Path(tempfile.mkdtemp()) / "rows.xlsx"
        self.addCleanup(path.unlink)
        rows = "".join(f'<row r="{n}">{text_cell(f"A{n}", "19-01-001")}</row>' for n in range(2, 5))
        write_zip(path, book(sheet(header(organization_import.COLUMNS), rows)))
        with self.settings(IMPORT_MAX_ROWS=2), path.open("rb") as file:
            report = organization_import.import_organizations(file, actor=None)
        self.assertEqual([str(e) for e in report.errors],
                         ["в листе больше 2 строк под заголовком: разделите файл на части"])


class ReaderLimitsTests(SimpleTestCase):
    """The limits that would take a big file to reach, reached with the limit lowered."""

    def read(self, parts: dict) -> list:
        path = Path(tempfile.mkdtemp()) / "book.xlsx"
        self.addCleanup(path.unlink)
        write_zip(path, parts)
        return list(xlsx.read_sheet(path))

    def test_too_many_shared_strings_are_refused(self):
        strings = f"<sst {MAIN}>{'<si><t>а</t></si>' * 4}</sst>".encode()
        with mock.patch.object(xlsx, "MAX_SHARED_STRINGS", 3), \
                self.assertRaisesMessage(xlsx.SheetError, "больше 3 разных строк"):
            self.read(book(sheet(), sharedStrings=strings))

    def test_inline_text_counts_towards_the_sheet_limit_as_it_comes_not_when_its_cell_ends(self):
        runs = Repeated(SHEET_START + b'<row><c t="inlineStr"><is>', b"<r><t>abcdefghij</t></r>", 4,
                        b"</is></c></row>" + SHEET_END)
        with mock.patch.object(xlsx, "MAX_SHEET_CHARACTERS", 25), \
                mock.patch.object(xlsx._Sheet, "_add_cell", side_effect=AssertionError("the cell ended")), \
                self.assertRaisesMessage(xlsx.SheetError, "больше 25 знаков текста"):
            self.read(book(runs))

    def test_an_entry_compressed_more_than_the_ratio_allows_is_refused_before_it_is_read(self):
        part = Repeated(SHEET_START, b"<x/>" * 2**18, 2, SHEET_END)  # 2 MB that compress about 1000 times
        with mock.patch.object(xlsx, "MAX_RATIO", 2000):
            self.assertEqual(self.read(book(part)), [])
        with self.assertRaisesMessage(xlsx.SheetError, xlsx.TOO_BIG):
            self.read(book(part))

    def test_the_files_built_here_are_honest_zips(self):
        path = Path(tempfile.mkdtemp()) / "book.xlsx"
        self.addCleanup(path.unlink)
        write_zip(path, book(Repeated(SHEET_START, f'<row>{text_cell("", "ы")}</row>'.encode(), 3, SHEET_END)))
        self.assertEqual(list(xlsx.read_sheet(path)), [(1, ["ы"]), (2, ["ы"]), (3, ["ы"])])
