"""Registrations at the same moment: a number is taken once in an organization and a year, an order is
registered once. Real parallel transactions need PostgreSQL (testing.fixtures.RaceTestCase)."""

import datetime

from accounts.models import Role
from documents import actions
from documents.models import Order, OrderKind
from documents.tests.base import TemporaryMedia
from testing.fixtures import RaceTestCase, make_user, race

DAY = datetime.date(2026, 11, 20)


class ConcurrentRegistrationTests(TemporaryMedia, RaceTestCase):

    def setUp(self):
        super().setUp()
        self.curator = make_user("curator", Role.CURATOR, self.school)

    def draft(self) -> Order:
        return actions.draft_order(organization=self.school, kind=OrderKind.REGULATION, actor=self.curator)

    def register(self, order: Order, number: str):
        return lambda: actions.register_order(order, actor=self.curator, number=number, date=DAY)

    def test_two_orders_registered_at_once_under_one_number_get_it_once(self):
        orders = [self.draft() for _ in range(4)]
        self.assertEqual(race([self.register(order, "9") for order in orders]), ["ok"] + ["refused"] * 3)
        self.assertEqual(Order.objects.filter(status=Order.Status.REGISTERED, number="9").count(), 1)

    def test_one_order_registered_twice_at_once_is_registered_once(self):
        order = self.draft()
        self.assertEqual(race([self.register(order, "10"), self.register(order, "11")]), ["ok", "refused"])
        self.assertEqual(Order.objects.filter(status=Order.Status.REGISTERED).count(), 1)
