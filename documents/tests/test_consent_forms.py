import io

import docx
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from documents import actions, defaults, rendering
from documents.models import ConsentFormKind, OrderKind
from documents.tests.base import DocumentsTestCase


def text_of(content: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(content)).paragraphs)


class ConsentFormTests(DocumentsTestCase):
    def test_a_participants_consent_names_the_person_the_organization_and_the_role(self):
        text = text_of(rendering.render_consent(self.pupil_mentor_a, ConsentFormKind.PARTICIPANT))
        self.assertIn("Я, Смирнов Иван, 03.03.2010 года рождения", text)
        self.assertIn("МБОУ «СОШ № 1» в качестве наставника", text)
        self.assertIn("И.\u00a0Смирнов", text)

    def test_a_representatives_consent_is_signed_by_the_legal_representative_of_the_minor(self):
        text = text_of(rendering.render_consent(self.pupil_a, ConsentFormKind.REPRESENTATIVE))
        self.assertIn("Я, Петрова Анна Сергеевна, являясь законным представителем", text)
        self.assertIn("Кузнецова Мария, 01.05.2012 года рождения", text)
        self.assertIn("А.С.\u00a0Петрова", text)


class DocumentTemplateTests(DocumentsTestCase):
    def upload(self, content: bytes, name="шаблон.docx"):
        return actions.upload_template(organization=self.school_a, kind=OrderKind.REGULATION, actor=self.head_a,
                                       file=SimpleUploadedFile(name, content))

    def test_an_organizations_own_template_replaces_the_default_one(self):
        document = docx.Document()
        document.add_paragraph("Наш бланк: {{ organization }}, приказ № {{ number }}")
        stream = io.BytesIO()
        document.save(stream)
        with self.captureOnCommitCallbacks(execute=True):
            template = self.upload(stream.getvalue())
        order = actions.draft_order(organization=self.school_a, kind=OrderKind.REGULATION, actor=self.curator_a)
        self.assertIn("Наш бланк: МБОУ «СОШ № 1», приказ № ______", text_of(rendering.render_order(order)))
        with self.captureOnCommitCallbacks(execute=True):
            actions.reset_template(template, actor=self.head_a)
        self.assertEqual(rendering.template_bytes(self.school_a, OrderKind.REGULATION),
                         defaults.default_template(OrderKind.REGULATION))

    def test_a_template_that_cannot_be_filled_is_refused(self):
        document = docx.Document()
        document.add_paragraph("{{ organization ")
        stream = io.BytesIO()
        document.save(stream)
        with self.assertRaisesMessage(ValidationError, "Шаблон не удалось заполнить"):
            self.upload(stream.getvalue())

    def test_a_file_that_is_not_a_docx_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "не похож на документ DOCX"):
            self.upload(b"not a zip")
        with self.assertRaisesMessage(ValidationError, "Загрузите файл DOCX"):
            self.upload(b"", name="шаблон.pdf")
