import datetime
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

from documents import actions, rendering
from documents.models import OrderKind
from documents.tests.base import DocumentsTestCase

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@unittest.skipUnless(SOFFICE, "LibreOffice (soffice) не установлен")
class PdfConversionTests(DocumentsTestCase):
    def test_an_order_converts_to_pdf_with_libreoffice(self):
        order = actions.draft_order(organization=self.school_a, kind=OrderKind.PAIRS, actor=self.curator_a,
                                    items=[self.propose(self.pupil_a)])
        actions.register_order(order, actor=self.head_a, number="1", date=datetime.date(2026, 12, 1))
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "order.docx"
            source.write_bytes(rendering.render_order(order))
            subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", folder, str(source)],
                           check=True, timeout=120, capture_output=True)
            self.assertTrue((Path(folder) / "order.pdf").read_bytes().startswith(b"%PDF"))
