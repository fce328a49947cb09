"""Orders and consent forms as DOCX: read back with python-docx, from the default or the organization's own
template, and converted to PDF by LibreOffice where it is installed."""

import datetime
import io
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import docx
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from documents import actions, defaults, rendering
from documents.models import ConsentFormKind, Order, OrderKind
from documents.tests.base import DocumentsTestCase
from pairs import actions as pair_actions
from pairs.models import PairChange
from people.models import MentorProfile


def read(content: bytes) -> docx.Document:
    return docx.Document(io.BytesIO(content))


def text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def table(document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in document.tables[0].rows]


def template_with(*lines: str) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


class OrderDocxTests(DocumentsTestCase):
    def test_the_order_on_pairs_lists_every_pair_it_names_in_its_table(self):
        orlova, belova = self.pupil("Орлова"), self.pupil("Белова", grade=7)
        group = self.propose(orlova, belova)
        single = self.propose(self.pupil_a, mentor=self.mentor("Лебедев"))
        order = self.draft(OrderKind.PAIRS, group, single)
        rows = table(read(rendering.render_order(order)))
        self.assertEqual(rows, [
            ["№", "Наставник", "Наставляемые", "Форма наставничества", "Срок наставничества"],
            ["1", "Лебедев Пётр", "Кузнецова Мария", "«ученик – ученик»", "с 01.12.2026 по 31.05.2027"],
            ["2", "Смирнов Иван", "Белова Иван, Орлова Иван", "«ученик – ученик»", "с 01.12.2026 по 31.05.2027"],
        ])

    def test_the_order_shows_organization_number_date_text_and_signer(self):
        order = self.register(self.draft(OrderKind.REGULATION, signer=self.head_a,
                                         text='Утвердить "Положение о наставничестве".\n\nВторой пункт.'),
                              number="12-о", date=datetime.date(2026, 9, 1))
        document = text(read(rendering.render_order(order)))
        for expected in ("МБОУ «СОШ № 1»", "ПРИКАЗ", "01.09.2026", "№ 12-о",
                         "Об утверждении положения о наставничестве и дорожной карты",
                         "Утвердить «Положение о наставничестве».", "Второй пункт.", "Директор", "head_a"):
            self.assertIn(expected, document)
        self.assertNotIn("ПРОЕКТ", document)

    def test_a_project_is_marked_and_leaves_number_and_date_to_fill_in(self):
        document = text(read(rendering.render_order(self.draft(OrderKind.REGULATION))))
        self.assertIn("ПРОЕКТ", document)
        self.assertIn("№ ______", document)

    def test_special_characters_in_names_are_written_as_text(self):
        pair = self.propose(self.pupil("Ли <Б> & Ко"))
        rows = table(read(rendering.render_order(self.draft(OrderKind.PAIRS, pair))))
        self.assertEqual(rows[1][2], "Ли <Б> & Ко Иван")

    def test_control_characters_pasted_from_word_never_break_the_order(self):
        pair = self.propose(self.pupil("Ли\x0bВан\x01\x1f"))
        rows = table(read(rendering.render_order(self.draft(OrderKind.PAIRS, pair))))
        self.assertEqual(rows[1][2], "Ли\nВан Иван")

    def test_the_registry_order_lists_the_mentors_with_their_forms(self):
        MentorProfile.objects.create(participant=self.pupil_mentor_a, source="pupils").forms.set([self.pupil_pupil])
        order = self.draft(OrderKind.REGISTRY, self.pupil_mentor_a)
        rows = table(read(rendering.render_order(order)))
        self.assertEqual(rows[1], ["1", "Смирнов Иван", "обучающийся", "МБОУ «СОШ № 1», 10А класс",
                                   "«ученик – ученик»"])

    def test_the_replacement_order_kept_on_registration_names_the_mentor_before_and_after(self):
        pair = self.approved(self.pupil_a)
        change = pair_actions.request_mentor_replacement(
            pair, actor=self.curator_a, reason=PairChange.Reason.TRANSFER, new_mentor=self.mentor("Лебедев"),
            on=datetime.date(2027, 2, 1))
        order = self.draft(OrderKind.REPLACEMENT, change)
        with self.captureOnCommitCallbacks(execute=True):
            self.register(order, number="30")
        order.refresh_from_db()
        with order.file.open("rb") as stream:
            kept = table(read(stream.read()))
        expected = ["1", "Кузнецова Мария", "Смирнов Иван", "Лебедев Пётр",
                    "перевод на другую должность или в другое подразделение", "01.02.2027"]
        self.assertEqual(kept[1], expected)
        # Filled again after the replacement, the order still names the mentor it replaced.
        self.assertEqual(table(read(rendering.render_order(order)))[1], expected)

    def test_the_extension_order_names_the_new_end_of_the_term(self):
        pair = self.approved(self.pupil_a)
        change = pair_actions.request_extension(pair, actor=self.curator_a, reason=PairChange.Reason.BUSINESS_TRIP,
                                                new_end_date=datetime.date(2027, 6, 30))
        rows = table(read(rendering.render_order(self.draft(OrderKind.EXTENSION, change))))
        self.assertEqual(rows[1], ["1", "Смирнов Иван", "Кузнецова Мария", "командировка", "30.06.2027"])


class ConsentDocxTests(DocumentsTestCase):
    def test_the_participants_consent_names_the_person_and_the_organization(self):
        document = text(read(rendering.render_consent(self.pupil_mentor_a, ConsentFormKind.PARTICIPANT)))
        self.assertIn("Я, Смирнов Иван, 03.03.2010 года рождения", document)
        self.assertIn("программе наставничества МБОУ «СОШ № 1» в качестве наставника", document)
        self.assertIn("/ И.\u00a0Смирнов", document)

    def test_the_representatives_consent_names_the_representative_and_the_child(self):
        document = text(read(rendering.render_consent(self.pupil_a, ConsentFormKind.REPRESENTATIVE)))
        self.assertIn("Я, Петрова Анна Сергеевна, являясь законным представителем", document)
        self.assertIn("Кузнецова Мария, 01.05.2012 года рождения", document)
        self.assertIn("в качестве наставляемого", document)
        self.assertIn("/ А.С.\u00a0Петрова", document)


class TemplateTests(DocumentsTestCase):
    def upload(self, content: bytes, kind=OrderKind.REGULATION, name="шаблон.docx"):
        return actions.upload_template(organization=self.school_a, kind=kind, actor=self.curator_a,
                                       file=SimpleUploadedFile(name, content))

    def test_an_organizations_own_template_replaces_the_default_one(self):
        self.upload(template_with("Своя шапка {{ organization }}", "Приказ № {{ number }} от {{ date_long }}"))
        order = self.register(self.draft(OrderKind.REGULATION), number="3", date=datetime.date(2026, 9, 1))
        self.assertEqual(text(read(rendering.render_order(order))),
                         "Своя шапка МБОУ «СОШ № 1»\nПриказ № 3 от 1 сентября 2026\u00a0г.")
        other = actions.draft_order(organization=self.school_b, kind=OrderKind.REGULATION, actor=self.curator_b)
        self.assertIn("ПРИКАЗ", text(read(rendering.render_order(other))))

    def test_uploading_again_replaces_the_template_and_resetting_returns_the_default(self):
        self.upload(template_with("Первый"))
        template = self.upload(template_with("Второй {{ title }}"))
        self.assertEqual(template.organization.document_templates.count(), 1)
        self.assertEqual(text(read(rendering.template_bytes(self.school_a, OrderKind.REGULATION))),
                         "Второй {{ title }}")
        actions.reset_template(template, actor=self.curator_a)
        self.assertEqual(rendering.template_bytes(self.school_a, OrderKind.REGULATION),
                         defaults.default_template(OrderKind.REGULATION))

    def test_a_file_that_is_not_a_docx_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "Загрузите файл DOCX"):
            self.upload(b"%PDF-1.4", name="scan.pdf")
        with self.assertRaisesMessage(ValidationError, "не похож на документ DOCX"):
            self.upload(b"not a zip at all")

    def test_a_template_whose_tags_cannot_be_filled_is_refused_with_the_reason(self):
        with self.assertRaisesMessage(ValidationError, "В шаблоне ошибка в тегах"):
            self.upload(template_with("{% for row in rows %}{{ row.mentor }}"))
        self.assertFalse(self.school_a.document_templates.exists())


class DefaultTemplateTests(DocumentsTestCase):
    def test_every_default_template_is_a_docx_with_its_tags(self):
        for kind, _ in [*OrderKind.choices, *ConsentFormKind.choices]:
            content = defaults.default_template(kind)
            self.assertLess(len(content), 60_000)
            rendering.check_template(content, kind)
            self.assertIn("{{ organization }}", text(read(content)))

    @unittest.skipUnless(shutil.which("soffice"), "LibreOffice (soffice) не установлен")
    def test_orders_and_consent_forms_convert_to_pdf_with_libreoffice(self):
        pair = self.propose(self.pupil_a)
        documents = {"order.docx": rendering.render_order(self.draft(OrderKind.PAIRS, pair)),
                     "consent.docx": rendering.render_consent(self.pupil_a, ConsentFormKind.REPRESENTATIVE)}
        with tempfile.TemporaryDirectory() as folder:
            paths = []
            for name, content in documents.items():
                (Path(folder) / name).write_bytes(content)
                paths.append(str(Path(folder) / name))
            subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
                            "--convert-to", "pdf", "--outdir", folder, *paths],
                           check=True, capture_output=True, timeout=180)
            for name in documents:
                pdf = (Path(folder) / name).with_suffix(".pdf").read_bytes()
                self.assertTrue(pdf.startswith(b"%PDF"), name)
        self.assertEqual(Order.objects.count(), 1)
