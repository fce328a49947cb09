"""Orders: drafting names only what the kind may name, registering moves the pairs in one transaction,
numbers are unique in an organization and a year, a registered order never changes."""

import datetime

from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from documents import actions
from documents.models import Order, OrderKind
from documents.tests.base import END, ORDER_DATE, DocumentsTestCase
from pairs import actions as pair_actions
from pairs.models import PairChange, PairStatus


class OrderOnPairsTests(DocumentsTestCase):
    def test_registering_the_order_on_pairs_approves_every_pair_it_names(self):
        first, second = self.propose(self.pupil_a), self.propose(self.pupil("Орлова"))
        order = self.register(self.draft(OrderKind.PAIRS, first, second))
        for pair in (first, second):
            pair.refresh_from_db()
            self.assertEqual(pair.status, PairStatus.APPROVED)
        self.assertEqual((order.status, order.number, order.date, order.year),
                         (Order.Status.REGISTERED, "12-о", ORDER_DATE, 2026))

    def test_an_order_on_pairs_names_only_proposed_pairs_of_its_organization(self):
        approved = self.approved(self.pupil_a)
        with self.assertRaisesMessage(ValidationError, "только предложенные пары"):
            self.draft(OrderKind.PAIRS, approved)
        other = self.propose(self.pupil_b, mentor=self.mentor("Васильев", self.school_b), school=self.school_b)
        with self.assertRaisesMessage(ValidationError, "только предложенные пары"):
            self.draft(OrderKind.PAIRS, other)

    def test_an_order_that_must_name_someone_cannot_be_drafted_empty(self):
        with self.assertRaisesMessage(ValidationError, "хотя бы одну предложенную пару"):
            self.draft(OrderKind.PAIRS)
        with self.assertRaisesMessage(ValidationError, "хотя бы одного наставника"):
            self.draft(OrderKind.REGISTRY)

    def test_an_order_names_only_what_its_kind_names(self):
        pair = self.propose(self.pupil_a)
        with self.assertRaisesMessage(ValidationError, "В реестр входят только наставники"):
            self.draft(OrderKind.REGISTRY, pair)

    def test_a_registered_order_cannot_be_registered_again(self):
        order = self.register(self.draft(OrderKind.PAIRS, self.propose(self.pupil_a)))
        with self.assertRaisesMessage(ValidationError, "уже зарегистрирован; изменить его нельзя"):
            self.register(order, number="13")
        order.refresh_from_db()
        self.assertEqual(order.number, "12-о")

    def test_a_registered_order_cannot_be_changed(self):
        order = self.register(self.draft(OrderKind.REGULATION))
        with self.assertRaisesMessage(ValidationError, "изменить его нельзя"):
            actions.update_order(order, actor=self.curator_a, text="Новый текст", signer_position="Директор")

    def test_a_number_already_registered_in_the_organization_that_year_is_refused(self):
        self.register(self.draft(OrderKind.REGULATION), number="5")
        second = self.draft(OrderKind.REGULATION)
        with self.assertRaisesMessage(ValidationError, "Приказ № 5 уже зарегистрирован в 2026 году"):
            self.register(second, number=" № 5 ")
        self.assertTrue(Order.objects.get(pk=second.pk).is_draft)
        # The same number is free in another year and in another organization.
        self.register(second, number="5", date=datetime.date(2027, 1, 10))
        other = actions.draft_order(organization=self.school_b, kind=OrderKind.REGULATION, actor=self.curator_b)
        actions.register_order(other, actor=self.curator_b, number="5", date=ORDER_DATE)

    def test_the_database_refuses_a_duplicate_number_too(self):
        from django.db import IntegrityError, transaction

        self.register(self.draft(OrderKind.REGULATION), number="7")
        second = self.draft(OrderKind.REGULATION)
        with self.assertRaises(IntegrityError), transaction.atomic():
            Order.objects.filter(pk=second.pk).update(status=Order.Status.REGISTERED, number="7", date=ORDER_DATE,
                                                      year=2026)

    def test_registration_is_all_or_nothing(self):
        kept, broken = self.propose(self.pupil_a), self.propose(self.pupil("Орлова"))
        order = self.draft(OrderKind.PAIRS, kept, broken)
        pair_actions.terminate_pair(broken, actor=self.curator_a, on=ORDER_DATE, reason="Не выполняет обязанности.")
        with self.assertRaisesMessage(ValidationError, "действие недоступно"):
            self.register(order)
        kept.refresh_from_db()
        order.refresh_from_db()
        self.assertEqual((kept.status, order.status, order.number), (PairStatus.PROPOSED, Order.Status.DRAFT, ""))

    def test_registration_writes_audit_rows_for_the_order_and_its_pairs(self):
        pair = self.propose(self.pupil_a)
        order = self.register(self.draft(OrderKind.PAIRS, pair))
        entry = AuditEntry.objects.get(object_type="order", object_id=order.pk, action=AuditEntry.Action.TRANSITION)
        self.assertEqual(entry.changes["number"], [None, "12-о"])
        self.assertEqual(entry.actor, self.curator_a)
        pair_entry = AuditEntry.objects.get(object_type="pair", object_id=pair.pk, action=AuditEntry.Action.TRANSITION)
        self.assertEqual(pair_entry.changes["order"], [None, "№ 12-о от 20.11.2026"])
        self.assertTrue(AuditEntry.objects.filter(object_type="order", action=AuditEntry.Action.CREATE).exists())

    def test_only_mentors_who_worked_with_a_pair_are_rewarded(self):
        with self.assertRaisesMessage(ValidationError, "Поощрить можно наставников, работавших с парами"):
            self.draft(OrderKind.REWARD, self.pupil_mentor_a)
        pair_actions.start_pair(self.approved(self.pupil_a), actor=self.curator_a)
        order = self.draft(OrderKind.REWARD, self.pupil_mentor_a)
        self.assertEqual(list(order.mentors.all()), [self.pupil_mentor_a])

    def test_the_signer_must_be_the_head_of_the_organization(self):
        with self.assertRaisesMessage(ValidationError, "не руководитель организации"):
            self.draft(OrderKind.REGULATION, signer=self.curator_a)
        order = self.draft(OrderKind.REGULATION, signer=self.head_a)
        self.assertEqual(order.signer, self.head_a)

    def test_an_empty_text_takes_the_default_text_of_the_kind(self):
        order = self.draft(OrderKind.REGULATION)
        self.assertIn("Утвердить Положение о наставничестве", order.text)


class OrderOnChangesTests(DocumentsTestCase):
    def setUp(self):
        self.pair = self.approved(self.pupil_a)

    def test_registering_an_extension_order_extends_the_term(self):
        change = pair_actions.request_extension(self.pair, actor=self.curator_a, reason=PairChange.Reason.ILLNESS,
                                                new_end_date=datetime.date(2027, 6, 30))
        self.register(self.draft(OrderKind.EXTENSION, change), number="20")
        self.pair.refresh_from_db()
        change.refresh_from_db()
        self.assertEqual(self.pair.planned_end_date, datetime.date(2027, 6, 30))
        self.assertEqual((change.status, change.order_number), (PairChange.Status.APPLIED, "20"))

    def test_registering_a_replacement_order_replaces_the_mentor(self):
        new_mentor = self.mentor("Лебедев")
        change = pair_actions.request_mentor_replacement(
            self.pair, actor=self.curator_a, reason=PairChange.Reason.MENTOR_REQUEST, new_mentor=new_mentor,
            on=datetime.date(2027, 2, 1))
        self.register(self.draft(OrderKind.REPLACEMENT, change), number="21")
        self.pair.refresh_from_db()
        self.assertEqual(self.pair.mentor, new_mentor)
        self.assertEqual(self.pair.planned_end_date, END)

    def test_an_order_on_changes_names_only_pending_changes_of_its_kind(self):
        change = pair_actions.request_extension(self.pair, actor=self.curator_a, reason=PairChange.Reason.ILLNESS,
                                                new_end_date=datetime.date(2027, 6, 30))
        with self.assertRaisesMessage(ValidationError, "только замены наставников"):
            self.draft(OrderKind.REPLACEMENT, change)
        pair_actions.cancel_change(change, actor=self.curator_a)
        with self.assertRaisesMessage(ValidationError, "только продления сроков"):
            self.draft(OrderKind.EXTENSION, change)
