"""The reports open in an office suite: LibreOffice converts each DOCX and XLSX to PDF, and the first page of each
is rendered to PNG in test-output/ for a person to look at (`make install-test` installs LibreOffice and poppler)."""

import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

from django.conf import settings

from reports import actions
from reports.tests.base import DAY, YEAR, ReportsTestCase

SOFFICE, PDFTOPPM, PDFTOTEXT = (shutil.which(tool) for tool in ("soffice", "pdftoppm", "pdftotext"))
OUTPUT = Path(settings.BASE_DIR) / "test-output"


def to_pdf(files: dict[str, bytes]) -> dict[str, Path]:
    """Each file converted by LibreOffice into OUTPUT, with a profile of its own so that parallel runs don't
    clash, and the first page of each PDF rendered next to it as PNG."""
    OUTPUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-reports-") as work:
        sources = []
        for name, content in files.items():
            sources.append(Path(work) / name)
            sources[-1].write_bytes(content)
        subprocess.run([SOFFICE, f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "pdf",
                        "--outdir", str(OUTPUT), *map(str, sources)], check=True, capture_output=True, timeout=300)
    pdfs = {name: OUTPUT / f"{Path(name).stem}.pdf" for name in files}
    for pdf in pdfs.values():
        subprocess.run([PDFTOPPM, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(pdf.with_suffix(""))], check=True, timeout=60)
    return pdfs


def text_of(pdf: Path) -> str:
    return subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


@unittest.skipUnless(SOFFICE and PDFTOPPM and PDFTOTEXT,
                     "нет LibreOffice (soffice) или poppler-utils (pdftoppm, pdftotext): их ставит make install-test")
class PdfTest(ReportsTestCase):
    def test_the_school_report_and_the_municipal_summary_convert_to_pdf_with_a_first_page_to_look_at(self):
        school = actions.send(actions.create_report(organization=self.school_a, year=YEAR, actor=self.curator_a,
                                                    today=DAY), actor=self.curator_a)
        summary = actions.create_report(organization=self.municipality_a, year=YEAR, actor=self.municipal_a, today=DAY)
        pdfs = to_pdf({"school-report.docx": actions.document(school),
                       "municipal-summary.docx": actions.document(summary),
                       "municipal-summary-tables.xlsx": actions.table(summary)})
        for name, pdf in pdfs.items():
            with self.subTest(name):
                self.assertTrue(pdf.read_bytes().startswith(b"%PDF"))
                self.assertGreater(pdf.with_suffix(".png").stat().st_size, 1000)
        self.assertIn("Отчёт о реализации программы наставничества", text_of(pdfs["school-report.docx"]))
        self.assertIn("Показатели целевой модели и их цели", text_of(pdfs["school-report.docx"]))
        self.assertIn(self.school_a.name, text_of(pdfs["municipal-summary.docx"]))
        self.assertIn("19-01-001", text_of(pdfs["municipal-summary-tables.xlsx"]))
