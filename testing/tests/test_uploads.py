"""Every upload of the product has the one size limit, UPLOAD_MAX_MB, and says so in Russian."""

import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase, override_settings
from django.urls import reverse

from documents.models import DocumentTemplate, OrderKind
from documents.tests.base import DocumentsTestCase
from organizations.models import Organization
from people.models import Consent, Participant
from roadmaps import actions as roadmap_actions
from roadmaps.models import Roadmap
from utilities.forms import limit_upload_size

ROOT = Path(__file__).resolve().parents[2]
MESSAGE = "Файл больше 1 МБ (в нём 1,5 МБ): загрузите файл меньше или разделите его на части."
# The views that read uploaded files; each has a test below.
UPLOAD_VIEWS = {"people/import_views.py", "organizations/import_views.py", "people/views.py", "documents/views.py",
                "roadmaps/views.py"}


def big(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"0" * (3 * 2**19))  # 1.5 MB


class UploadLimitTests(SimpleTestCase):
    @override_settings(UPLOAD_MAX_MB=1)
    def test_a_file_of_exactly_the_limit_passes_and_one_byte_more_does_not(self):
        limit_upload_size(SimpleUploadedFile("a.pdf", b"0" * 2**20))
        with self.assertRaisesMessage(ValidationError, "Файл больше 1 МБ"):
            limit_upload_size(SimpleUploadedFile("a.pdf", b"0" * (2**20 + 1)))

    def test_every_view_reading_uploaded_files_is_tested_here(self):
        readers = {path.relative_to(ROOT).as_posix() for path in ROOT.glob("*/**/*.py")
                   if "/tests/" not in path.as_posix() and ".venv" not in path.parts
                   and "request.FILES" in path.read_text(encoding="utf-8")}
        self.assertEqual(readers, UPLOAD_VIEWS)


@override_settings(UPLOAD_MAX_MB=1)
class UploadFormsTests(DocumentsTestCase):
    def test_the_participants_import_refuses_a_file_over_the_limit(self):
        self.login(self.curator_a)
        response = self.client.post(reverse("people:import"),
                                    {"organization": self.school_a.pk, "file": big("list.xlsx")})
        self.assertContains(response, MESSAGE)
        self.assertNotIn("participant_import", self.client.session)
        self.assertEqual(Participant.objects.count(), 3)

    def test_the_organizations_import_refuses_a_file_over_the_limit(self):
        self.login(self.operator)
        count = Organization.objects.count()
        response = self.client.post(reverse("organizations:import"), {"file": big("list.xlsx")})
        self.assertContains(response, MESSAGE)
        self.assertEqual(Organization.objects.count(), count)

    def test_a_consent_scan_over_the_limit_is_refused(self):
        self.login(self.curator_a)
        count = Consent.objects.count()
        response = self.client.post(reverse("people:consent_create", args=[self.pupil_a.pk]), {
            "kind": Consent.Kind.PERSONAL_DATA, "given_on": datetime.date(2026, 9, 1).strftime("%d.%m.%Y"),
            "scan": big("scan.pdf")})
        self.assertContains(response, MESSAGE)
        self.assertEqual(Consent.objects.count(), count)

    def test_a_docx_template_over_the_limit_is_refused(self):
        self.login(self.curator_a)
        response = self.client.post(reverse("documents:template_upload"), {
            "organization": self.school_a.pk, "kind": OrderKind.PAIRS, "file": big("template.docx")}, follow=True)
        self.assertContains(response, MESSAGE)
        self.assertFalse(DocumentTemplate.objects.exists())

    def test_a_roadmap_file_over_the_limit_is_refused(self):
        self.login(self.curator_a)
        response = self.client.post(reverse("roadmaps:import"), {"organization": self.school_a.pk,
                                                                 "file": big("karta.docx")})
        self.assertContains(response, MESSAGE)
        self.assertFalse(Roadmap.objects.exists())

    def test_a_roadmap_evidence_over_the_limit_is_refused(self):
        roadmap = roadmap_actions.copy_template(organization=self.school_a, code="school_teachers",
                                                actor=self.curator_a)
        item = roadmap.items.first()
        self.login(self.curator_a)
        response = self.client.post(reverse("roadmaps:item_progress", args=[item.pk]),
                                    {"status": "done", "evidence": big("scan.pdf")}, follow=True)
        self.assertContains(response, MESSAGE)
        item.refresh_from_db()
        self.assertEqual((item.status, item.evidence.name), ("planned", ""))
