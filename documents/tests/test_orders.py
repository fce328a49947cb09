import datetime
import io

import docx
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from documents import actions, rendering
from documents.models import Order, OrderKind
from documents.tests.helpers import propose
from nastavnik.testing import RegionTestCase
from pairs.models import PairStatus

DAY = datetime.date(2026, 12, 1)


class OrderTests(RegionTestCase):
    def setUp(self):
        self.first = propose(self, "Андреев", "Белова", "Волков")
        self.second = propose(self, "Григорьев", "Дмитриева")
        self.order = actions.draft_order(organization=self.school_a, kind=OrderKind.PAIRS,
                                         items=[self.second, self.first], actor=self.curator_a)

    def register(self, order=None, number="12-о", date=DAY):
        return actions.register_order(order or self.order, actor=self.head_a, number=number, date=date)

    def test_registering_an_order_fixing_pairs_approves_its_pairs(self):
        self.register()
        self.first.refresh_from_db()
        self.second.refresh_from_db()
        self.assertEqual({self.first.status, self.second.status}, {PairStatus.APPROVED})
        self.order.refresh_from_db()
        self.assertEqual(self.order.heading, "№ 12-о от 01.12.2026")

    def test_registering_writes_audit_rows_of_the_order_and_its_pairs(self):
        self.register()
        self.assertTrue(AuditEntry.objects.filter(object_type="order", object_id=self.order.pk,
                                                  action=AuditEntry.Action.TRANSITION).exists())
        self.assertEqual(AuditEntry.objects.filter(object_type="pair", action=AuditEntry.Action.TRANSITION).count(), 2)

    def test_an_order_is_registered_only_once(self):
        self.register()
        with self.assertRaisesMessage(ValidationError, "уже зарегистрирован"):
            self.register(number="13-о")

    def test_a_number_is_never_registered_twice_in_one_organization_and_year(self):
        self.register()
        other = actions.draft_order(organization=self.school_a, kind=OrderKind.REGULATION, actor=self.curator_a)
        with self.assertRaisesMessage(ValidationError, "№ 12-о уже зарегистрирован в 2026 году"):
            self.register(other, number="№ 12-о")
        other.refresh_from_db()
        self.assertTrue(other.is_draft)

    def test_the_same_number_may_return_next_year(self):
        self.register()
        other = actions.draft_order(organization=self.school_a, kind=OrderKind.REGULATION, actor=self.curator_a)
        self.register(other, date=datetime.date(2027, 1, 10))

    def test_an_order_names_only_proposed_pairs_of_its_organization(self):
        self.register()
        with self.assertRaisesMessage(ValidationError, "Закрепить можно только предложенные пары"):
            actions.draft_order(organization=self.school_a, kind=OrderKind.PAIRS, items=[self.first],
                                actor=self.curator_a)

    def test_a_pair_broken_since_the_draft_keeps_the_order_a_draft(self):
        self.first.mentor.is_mentor, self.first.mentor.is_mentee = False, True
        self.first.mentor.save()
        with self.assertRaises(ValidationError):
            self.register()
        self.order.refresh_from_db()
        self.second.refresh_from_db()
        self.assertTrue(self.order.is_draft)
        self.assertEqual(self.second.status, PairStatus.PROPOSED)


class OrderDocumentTests(RegionTestCase):
    def setUp(self):
        self.first = propose(self, "Андреев", "Белова", "Волков")
        self.second = propose(self, "Григорьев", "Дмитриева")
        order = actions.draft_order(organization=self.school_a, kind=OrderKind.PAIRS, items=[self.second, self.first],
                                    actor=self.curator_a, signer=self.head_a)
        self.order = actions.register_order(order, actor=self.head_a, number="12-о", date=DAY)
        self.document = docx.Document(io.BytesIO(rendering.render_order(self.order)))

    def text(self) -> str:
        return "\n".join(paragraph.text for paragraph in self.document.paragraphs)

    def test_the_table_of_the_order_lists_its_pairs_with_forms_and_terms(self):
        rows = [[cell.text for cell in row.cells] for row in self.document.tables[0].rows]
        self.assertEqual(rows, [
            ["№", "Наставник", "Наставляемые", "Форма наставничества", "Срок наставничества"],
            ["1", "Андреев Иван", "Белова Иван, Волков Иван", self.pupil_pupil.name, "с 01.12.2026 по 31.05.2027"],
            ["2", "Григорьев Иван", "Дмитриева Иван", self.pupil_pupil.name, "с 01.12.2026 по 31.05.2027"],
        ])

    def test_the_order_names_the_organization_number_date_and_title_in_yolochki(self):
        text = self.text()
        for expected in ("МБОУ «СОШ № 1»", "ПРИКАЗ", "01.12.2026", "№ 12-о", "О закреплении наставнических пар",
                         "«Об утверждении методологии"):
            self.assertIn(expected, text)
        self.assertNotIn('"', text)
        self.assertNotIn("ПРОЕКТ", text)

    def test_a_draft_is_marked_as_a_project_with_blanks_for_number_and_date(self):
        draft = actions.draft_order(organization=self.school_a, kind=OrderKind.REGULATION, actor=self.curator_a)
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(rendering.render_order(draft))).paragraphs)
        self.assertIn("ПРОЕКТ", text)
        self.assertIn(rendering.BLANK_NUMBER, text)

    def test_a_registry_order_lists_its_mentors(self):
        order = actions.draft_order(organization=self.school_a, kind=OrderKind.REGISTRY, actor=self.curator_a,
                                    items=[self.first.mentor, self.pupil_mentor_a])
        table = docx.Document(io.BytesIO(rendering.render_order(order))).tables[0]
        self.assertEqual([row.cells[1].text for row in table.rows][1:], ["Андреев Иван", "Смирнов Иван"])

    def test_the_signer_signs_with_initials(self):
        self.head_a.first_name, self.head_a.middle_name = "Мария", "Григорьевна"
        self.head_a.save()
        self.order.refresh_from_db()
        document = docx.Document(io.BytesIO(rendering.render_order(self.order)))
        self.assertIn("М.Г.\u00a0head_a", "\n".join(p.text for p in document.paragraphs))

    def test_the_file_is_kept_after_the_registration_commits(self):
        order = actions.draft_order(organization=self.school_a, kind=OrderKind.REGULATION, actor=self.curator_a)
        with self.captureOnCommitCallbacks(execute=True):
            actions.register_order(order, actor=self.head_a, number="14-о", date=DAY)
        order = Order.objects.get(pk=order.pk)
        with order.file.open("rb") as stream:
            self.assertIn("ПРИКАЗ", "\n".join(p.text for p in docx.Document(stream).paragraphs))
        order.file.delete()
