"""Roadmaps imported from Word and Excel as schools lay them out, hostile files refused, and the command."""

import datetime
import io
import json
import tempfile
import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import SimpleTestCase

from people.tests.test_hostile_files import Repeated, write_zip
from roadmaps import importing
from roadmaps.models import Item, Roadmap, Section
from roadmaps.tables import read_layout
from roadmaps.tests.files import ROWS, TITLE, roadmap_docx, roadmap_xlsx
from testing.fixtures import RegionTestCase

START, END = datetime.date(2026, 9, 1), datetime.date(2027, 5, 31)
EXPECTED = [
    ("1.1.", "date", ["2026-09-10"]),
    ("1.2.", "date", ["2026-10-31"]),
    ("2.1", "continuous", ["2027-05-31"]),
    ("2.2", "unread", []),
    ("2.3", "recurring", ["2026-12-31"]),
]


class LayoutTests(SimpleTestCase):
    def test_a_word_roadmap_reads_with_its_merged_sections_numbering_and_two_row_header(self):
        shown = importing.preview(roadmap_docx(), "karta.docx", starts_on=START, ends_on=END)
        self.assertEqual([(s.number, s.activity) for s in shown.rows if s.section],
                         [("1.", "Нормативное правовое регулирование"), ("2.", "Организационная поддержка")])
        self.assertEqual([(row.number, term.kind, [d.isoformat() for d in term.due]) for row, term in shown.items],
                         EXPECTED)
        self.assertIn(TITLE, shown.title)
        self.assertNotIn("Утверждён", shown.title[:5])

    def test_an_excel_roadmap_reads_the_same_with_numbers_and_dates_typed_as_such(self):
        shown = importing.preview(roadmap_xlsx(), "karta.xlsx", starts_on=START, ends_on=END)
        self.assertEqual([(row.number, term.kind, [d.isoformat() for d in term.due])
                          for row, term in shown.items], [*EXPECTED, ("2.4", "date", ["2027-05-20"])])
        self.assertEqual(shown.title, TITLE)

    def test_the_rows_needing_a_date_are_named_by_their_row_in_the_file(self):
        shown = importing.preview(roadmap_xlsx(), "karta.xlsx", starts_on=START, ends_on=END)
        self.assertEqual(shown.attention, [10])  # «согласно графику ОО», the 10th row of the sheet
        word = importing.preview(roadmap_docx(), "karta.docx", starts_on=START, ends_on=END)
        self.assertEqual(word.attention, [8])  # row 8 of the table: two header rows, a section, 1.1, 1.2 …

    def test_the_period_is_read_from_the_terms_when_not_given(self):
        shown = importing.preview(roadmap_docx(), "karta.docx")
        self.assertEqual((shown.starts_on, shown.ends_on), (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)))

    def test_a_table_without_the_numbers_column_takes_the_number_from_the_activity(self):
        layout = read_layout([(1, ["Этап, мероприятия этапа", "Длительность этапа", "Ответственные", "Результат"]),
                              (2, ["Этап 1. Подготовка условий", "", "", ""]),
                              (3, ["1.1. Обеспечить оформление", "в течение первого – второго месяца", "РНЦ", "Приказ"])])
        self.assertEqual([(r.number, r.activity, r.section) for r in layout.rows],
                         [("", "Этап 1. Подготовка условий", True), ("1.1.", "Обеспечить оформление", False)])

    def test_the_columns_may_come_in_any_order(self):
        layout = read_layout([(1, ["№", "Мероприятие", "Сроки реализации", "Ожидаемый результат/ вид документа",
                                   "Ответственные"]),
                              (2, ["1.", "Совершенствование системы", "Постоянно", "Повышение", "Директор"])])
        self.assertEqual((layout.rows[0].result, layout.rows[0].responsible), ("Повышение", "Директор"))


class ImportTests(RegionTestCase):
    def test_a_confirmed_import_writes_the_roadmap_with_its_sections_and_due_dates(self):
        _, roadmap = importing.import_roadmap(roadmap_docx(), "karta.docx", organization=self.school_a,
                                              actor=self.curator_a, starts_on=START, ends_on=END)
        self.assertEqual(roadmap.sections.count(), 2)
        item = roadmap.items.get(number="1.2.")
        self.assertEqual((item.section.number, item.due_on, item.kind), ("1.", datetime.date(2026, 10, 31), "date"))
        self.assertTrue(roadmap.items.get(number="2.2").attention)

    def test_a_row_too_long_refuses_the_whole_file(self):
        rows = [*ROWS, ["3.1", "м" * 5000, "декабрь 2026", "", ""]]
        with self.assertRaisesMessage(ValidationError, "«Мероприятие»: больше 4000 знаков"):
            importing.import_roadmap(roadmap_xlsx(rows), "karta.xlsx", organization=self.school_a,
                                     actor=self.curator_a, starts_on=START, ends_on=END)
        self.assertFalse(Roadmap.objects.exists() or Section.objects.exists() or Item.objects.exists())


class CommandTests(RegionTestCase):
    def run_command(self, content: bytes, name: str, *args) -> str:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder, name)
            path.write_bytes(content)
            out = io.StringIO()
            call_command("import_roadmap", str(path), "--org", self.school_a.code, *args, stdout=out)
        return out.getvalue()

    def test_the_json_of_a_dry_run_lists_items_and_rows_needing_attention_and_writes_nothing(self):
        out = json.loads(self.run_command(roadmap_docx(), "karta.docx", "--start", "2026-09-01", "--end",
                                          "2027-05-31", "--json", "--dry-run"))
        self.assertEqual(set(out), {"items", "attention"})
        self.assertEqual(out["items"][0], {
            "number": "1.1.", "item": "Назначение куратора внедрения целевой модели", "term": "до 10.09.2026",
            "responsible": "Директор", "result": "Приказ ОО", "kind": "date", "due": ["2026-09-10"]})
        self.assertEqual([(i["number"], i["kind"], i["due"]) for i in out["items"]],
                         [(n, k, d) for n, k, d in EXPECTED])
        self.assertEqual(out["attention"], [8])
        self.assertFalse(Roadmap.objects.exists())

    def test_without_dry_run_the_command_writes_the_roadmap(self):
        out = self.run_command(roadmap_xlsx(), "karta.xlsx", "--start", "2026-09-01", "--end", "2027-05-31")
        self.assertIn("Мероприятий: 6", out)
        self.assertEqual(Roadmap.objects.get().organization, self.school_a)

    def test_a_file_that_is_no_roadmap_is_refused_with_the_reason(self):
        with self.assertRaisesMessage(CommandError, "DOCX"):
            self.run_command(b"%PDF-1.4 hello", "karta.pdf")
        with self.assertRaisesMessage(CommandError, "--start и --end"):
            self.run_command(roadmap_docx(), "karta.docx", "--start", "2026-09-01")


def _docx_with(document_xml: bytes) -> bytes:
    """A real DOCX whose main part is replaced."""
    source = zipfile.ZipFile(io.BytesIO(roadmap_docx()))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in source.infolist():
            out.writestr(entry, document_xml if entry.filename == "word/document.xml" else source.read(entry))
    return stream.getvalue()


class HostileFileTests(SimpleTestCase):
    def refused(self, content: bytes, name: str, message: str) -> None:
        with self.assertRaises(ValidationError) as caught:
            importing.preview(content, name, starts_on=START, ends_on=END)
        self.assertIn(message, " ".join(caught.exception.messages))

    def test_a_file_of_another_kind_is_refused_whatever_its_name(self):
        self.refused(b"<html><script>alert(1)</script></html>", "karta.docx", "DOCX")
        self.refused(roadmap_xlsx(), "karta.docx", "не похож на документ DOCX")
        self.refused(roadmap_docx(), "karta.xlsx", "книга Excel повреждена")
        self.refused(b"", "karta.xlsx", "DOCX")

    def test_a_docx_that_unpacks_to_gigabytes_is_refused_before_it_is_unpacked(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder, "bomb.docx")
            write_zip(path, {"[Content_Types].xml": b"<Types/>",
                             "word/document.xml": Repeated(b"<w:document>", b"<w:p/>" * 1000, 200_000, b"</w:document>")})
            self.refused(path.read_bytes(), "bomb.docx", "слишком большой")

    def test_a_docx_with_an_external_entity_does_not_read_the_server_file(self):
        xml = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
               '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl>'
               "<w:tr><w:tc><w:p><w:r><w:t>Мероприятие</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Срок</w:t></w:r>"
               "</w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r>"
               "<w:t>декабрь 2026</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>").encode()
        try:
            shown = importing.preview(_docx_with(xml), "xxe.docx", starts_on=START, ends_on=END)
        except ValidationError:
            return  # refused outright is as good
        self.assertNotIn("root:", json.dumps(shown.as_json()))

    def test_a_document_without_a_table_or_a_header_says_so(self):
        self.refused(_docx_with(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                                b"<w:body><w:p><w:r><w:t>Text</w:t></w:r></w:p></w:body></w:document>"),
                     "empty.docx", "нет таблицы")
        self.refused(roadmap_xlsx(header=["a", "b", "c", "d", "e"]), "karta.xlsx", "не найдена таблица")

    def test_a_table_longer_than_a_roadmap_is_refused(self):
        rows = [[f"1.{n}", "Мероприятие", "декабрь 2026", "", ""] for n in range(1100)]
        self.refused(roadmap_xlsx(rows), "long.xlsx", "1000")
