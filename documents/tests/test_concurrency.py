"""Registrations at the same moment: a number is taken once in an organization and a year, an order is
registered once. Real parallel transactions need PostgreSQL (see pairs/tests/test_concurrency.py)."""

import datetime
import unittest

from django.db import connection
from django.test import TransactionTestCase

from accounts.models import Role
from documents import actions
from documents.models import Order, OrderKind
from documents.tests.base import TemporaryMedia
from nastavnik.testing import ReloadsCatalogue, make_user
from organizations.models import Organization
from pairs.tests.test_concurrency import race

DAY = datetime.date(2026, 11, 20)


@unittest.skipUnless(connection.vendor == "postgresql", "SQLite lets one writer in at a time: no race to test")
class ConcurrentRegistrationTests(TemporaryMedia, ReloadsCatalogue, TransactionTestCase):

    def setUp(self):
        region = Organization.objects.create(code="R", name="Регион", kind="region")
        self.school = Organization.objects.create(code="S", name="Школа", kind="school", parent=region)
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
