"""The orders API: the same actions, choices and scoping as the pages."""

import datetime
import io
import json

import docx

from accounts.models import ApiToken
from documents import actions
from documents.models import Order, OrderKind
from documents.tests.base import DocumentsTestCase
from pairs import actions as pair_actions
from pairs.models import PairChange, PairStatus


class OrderApiTests(DocumentsTestCase):
    def call(self, user, method: str, path: str = "", payload=None):
        token = ApiToken.issue(user, "школьная система")[1]
        return self.client.generic(method, f"/api/v1/orders/{path}", json.dumps(payload) if payload else "",
                                   content_type="application/json", headers={"Authorization": f"Bearer {token}"})

    def messages(self, response) -> str:
        return " ".join(item["message"] for item in response.json()["detail"])

    def test_a_curator_drafts_registers_and_downloads_the_order_fixing_a_pair(self):
        pair = self.propose(self.pupil_a)
        response = self.call(self.curator_a, "POST", "", {"organization": self.school_a.code, "kind": "pairs",
                                                          "items": [pair.pk], "signer": self.head_a.pk})
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual((body["status"], body["items"], body["signer"]), ("draft", [pair.pk], "head_a"))

        response = self.call(self.curator_a, "POST", f"{body['id']}/register", {"number": "15", "date": "2026-11-20"})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual((response.json()["status"], response.json()["number"]), ("registered", "15"))
        pair.refresh_from_db()
        self.assertEqual(pair.status, PairStatus.APPROVED)

        response = self.call(self.head_a, "GET", f"{body['id']}/docx")
        rows = docx.Document(io.BytesIO(response.content)).tables[0].rows
        self.assertEqual([cell.text for cell in rows[1].cells][1:3], ["Смирнов Иван", "Кузнецова Мария"])

    def test_registering_again_or_under_a_taken_number_is_422(self):
        order = self.register(self.draft(OrderKind.REGULATION), number="5")
        response = self.call(self.curator_a, "POST", f"{order.pk}/register", {"number": "6", "date": "2026-11-20"})
        self.assertEqual(response.status_code, 422)
        self.assertIn("уже зарегистрирован; изменить его нельзя", self.messages(response))
        second = self.draft(OrderKind.REGULATION)
        response = self.call(self.curator_a, "POST", f"{second.pk}/register", {"number": "5", "date": "2026-12-01"})
        self.assertIn("Приказ № 5 уже зарегистрирован в 2026 году.", self.messages(response))

    def test_an_order_names_only_what_the_user_may_choose_on_the_page(self):
        other = self.propose(self.pupil_b, mentor=self.mentor("Васильев", self.school_b), school=self.school_b)
        response = self.call(self.curator_a, "POST", "", {"organization": self.school_a.code, "kind": "pairs",
                                                          "items": [other.pk]})
        self.assertEqual(response.status_code, 422)
        self.assertIn(f"не подходят: {other.pk}", self.messages(response))
        self.assertFalse(Order.objects.exists())

    def test_the_signer_is_a_head_of_the_organization(self):
        response = self.call(self.curator_a, "POST", "", {"organization": self.school_a.code, "kind": "regulation",
                                                          "signer": self.curator_b.pk})
        self.assertEqual(response.status_code, 422)
        self.assertIn("не руководитель организации", self.messages(response))

    def test_an_extension_order_applies_the_pending_change(self):
        pair = self.approved(self.pupil_a)
        change = pair_actions.request_extension(pair, actor=self.curator_a, reason=PairChange.Reason.ILLNESS,
                                                new_end_date=datetime.date(2027, 6, 30))
        order = self.call(self.curator_a, "POST", "", {"organization": self.school_a.code, "kind": "extension",
                                                       "items": [change.pk]}).json()
        self.call(self.curator_a, "POST", f"{order['id']}/register", {"number": "40", "date": "2026-12-10"})
        pair.refresh_from_db()
        self.assertEqual(pair.planned_end_date, datetime.date(2027, 6, 30))

    def test_the_list_holds_the_orders_of_the_users_organizations(self):
        self.draft(OrderKind.REGULATION)
        actions.draft_order(organization=self.school_b, kind=OrderKind.REGULATION, actor=self.curator_b)
        response = self.call(self.municipal_a, "GET", "?kind=regulation")
        self.assertEqual([item["organization"] for item in response.json()["items"]], [self.school_a.code])
