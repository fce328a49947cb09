"""Inputs the schemathesis run (test_api_schema.py) found answered with a server error or off the schema:
each is refused as the input's error, the same on SQLite and PostgreSQL."""

import json

from accounts.models import ApiToken
from matching.models import MatchingRun
from people.models import Participant
from testing.fixtures import RegionTestCase


class ApiInputTests(RegionTestCase):
    def call(self, method: str, path: str, payload=None):
        token = ApiToken.issue(self.curator_a, "школьная система")[1]
        return self.client.generic(method, f"/api/v1/{path}", json.dumps(payload) if payload is not None else "",
                                   content_type="application/json", headers={"Authorization": f"Bearer {token}"})

    def assertRefused(self, response, field: str, message: str):
        self.assertEqual(response.status_code, 422, response.content)
        self.assertIn({"field": field, "message": message}, response.json()["detail"])

    def test_an_offset_past_any_list_is_the_inputs_error_not_an_integer_overflow(self):
        self.assertRefused(self.call("GET", "participants/?offset=3967255700507996454912"), "offset",
                           "Не больше 1000000000.")

    def test_an_id_no_table_can_hold_is_the_inputs_error_not_an_integer_overflow(self):
        response = self.call("POST", "orders/", {"organization": self.school_a.code, "kind": "pairs",
                                                 "items": [10**20]})
        self.assertRefused(response, "items.0", "Не больше 9223372036854775807.")

    def test_a_date_at_the_calendars_edge_is_the_inputs_error(self):
        # a run starting on 9999-12-31 would end «a year later», past the calendar, when it is accepted
        response = self.call("POST", "matching/runs", {"scope": self.school_a.code, "start_date": "9999-12-31"})
        self.assertRefused(response, "start_date", "Не больше 2999-12-31.")
        self.assertFalse(MatchingRun.objects.exists())

    def test_an_unknown_form_in_the_pairs_filter_is_refused_not_ignored(self):
        response = self.call("GET", "pairs/?form=999")
        self.assertEqual(response.status_code, 422, response.content)
        self.assertEqual(response.json()["detail"][0]["field"], "form")

    def test_a_nul_character_in_a_body_is_refused_naming_the_field(self):
        response = self.call("POST", "participants/", {
            "organization": self.school_a.code, "last_name": "Иванов\x00", "first_name": "Пётр",
            "birth_date": "2012-01-01", "category": "pupil", "is_mentee": True})
        self.assertRefused(response, "last_name", "Недопустим символ NUL (\\u0000).")
        self.assertFalse(Participant.objects.filter(first_name="Пётр").exists())

    def test_a_nul_character_in_a_filter_or_a_list_is_refused(self):
        self.assertRefused(self.call("GET", "participants/?q=%00"), "q", "Недопустим символ NUL (\\u0000).")
        response = self.call("PUT", f"participants/{self.pupil_mentor_a.pk}/mentor-profile",
                             {"source": "pupils", "forms": ["pupil_pupil\x00"]})
        self.assertRefused(response, "forms", "Недопустим символ NUL (\\u0000).")

    def test_a_nul_character_in_an_organizations_code_is_refused(self):
        self.assertRefused(self.call("GET", "organizations/19%00"), "code", "Недопустим символ NUL (\\u0000).")
