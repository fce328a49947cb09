"""The DOCX of an order read back with python-docx: organization, «ПРИКАЗ», number and date, «ёлочки»,
the table of the pairs or mentors it names, the signer."""

import io

import docx

from documents import rendering
from documents.models import OrderKind
from documents.tests.base import DocumentsTestCase

TERM = "с 01.12.2026 по 31.05.2027"


def read(content: bytes):
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return text, tables


class OrderDocumentTests(DocumentsTestCase):
    def setUp(self):
        self.andreev, self.grigoriev = self.mentor("Андреев"), self.mentor("Григорьев")
        self.group = self.propose(self.pupil("Белова"), self.pupil("Волков"), mentor=self.grigoriev)
        self.pair = self.propose(self.pupil("Дмитриева"), mentor=self.andreev)
        self.head_a.first_name, self.head_a.middle_name = "Мария", "Григорьевна"
        self.head_a.save()

    def test_the_table_of_an_order_on_pairs_matches_its_pairs(self):
        order = self.register(self.draft(OrderKind.PAIRS, self.group, self.pair, signer=self.head_a))
        _, tables = read(rendering.render_order(order))
        form = self.pupil_pupil.name
        self.assertEqual(tables, [[
            ["№", "Наставник", "Наставляемые", "Форма наставничества", "Срок наставничества"],
            ["1", "Андреев Пётр", "Дмитриева Иван", form, TERM],
            ["2", "Григорьев Пётр", "Белова Иван, Волков Иван", form, TERM],
        ]])

    def test_a_registered_order_names_organization_number_date_and_signer(self):
        order = self.register(self.draft(OrderKind.PAIRS, self.pair, signer=self.head_a))
        text, _ = read(rendering.render_order(order))
        for expected in ("МБОУ «СОШ № 1»", "ПРИКАЗ", "20.11.2026", "№ 12-о",
                         "О закреплении наставнических пар (групп)", "«Об утверждении методологии",
                         "М.Г.\u00a0head_a"):
            self.assertIn(expected, text)
        self.assertNotIn('"', text)
        self.assertNotIn("ПРОЕКТ", text)

    def test_a_draft_is_marked_as_a_project_with_blanks_for_number_and_date(self):
        text, _ = read(rendering.render_order(self.draft(OrderKind.PAIRS, self.pair)))
        self.assertIn("ПРОЕКТ", text)
        self.assertIn(f"№ {rendering.BLANK_NUMBER}", text)

    def test_the_table_of_a_registry_order_lists_its_mentors(self):
        _, tables = read(rendering.render_order(self.draft(OrderKind.REGISTRY, self.grigoriev, self.andreev)))
        self.assertEqual([row[1] for row in tables[0][1:]], ["Андреев Пётр", "Григорьев Пётр"])

    def test_the_regulation_order_has_no_table(self):
        text, tables = read(rendering.render_order(self.draft(OrderKind.REGULATION)))
        self.assertEqual(tables, [])
        self.assertIn("Утвердить Положение о наставничестве", text)
