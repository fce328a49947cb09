"""/api/v1/me: the person's own records (a parent's children) with their pairs, plans and consents."""

import datetime
import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import ApiToken
from pairs import actions as pair_actions
from testing.fixtures import RegionTestCase, make_participant

START, END = datetime.date(2026, 12, 1), datetime.date(2027, 5, 31)


class MeApiTests(RegionTestCase):
    def me(self, user) -> dict:
        token = ApiToken.issue(user, "приложение")[1]
        response = self.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        self.assertEqual(response.status_code, 200)
        return json.loads(response.content)

    def setUp(self):
        self.pair = pair_actions.propose_pair(organization=self.school_a, form=self.pupil_pupil,
                                              mentor=self.pupil_mentor_a, mentees=[self.pupil_a], start_date=START,
                                              planned_end_date=END, actor=self.curator_a)
        plan = pair_actions.create_plan(self.pair, actor=self.curator_a)
        pair_actions.add_item(plan, actor=self.curator_a, section="Знакомство", title="Экскурсия по колледжу",
                              deadline=START, responsible="наставник")

    def test_a_mentee_gets_their_pair_with_its_plan_and_their_consents(self):
        records = self.me(self.mentee_a)["records"]
        self.assertEqual([r["full_name"] for r in records], [self.pupil_a.full_name])
        pair = records[0]["pairs"][0]
        self.assertEqual((pair["id"], pair["mentor"]["full_name"]), (self.pair.pk, self.pupil_mentor_a.full_name))
        self.assertIn("Экскурсия по колледжу", [i["title"] for i in pair["plan"]["items"]])
        self.assertEqual(sorted(c["kind"] for c in records[0]["consents"]), ["personal_data", "representative"])
        self.assertFalse(records[0]["consents"][0]["given_online"])

    def test_a_parent_gets_the_childs_record_and_the_mentor_gets_their_own(self):
        self.assertEqual([r["id"] for r in self.me(self.parent_a)["records"]], [self.pupil_a.pk])
        mentor = self.me(self.mentor_a)["records"]
        self.assertEqual([r["id"] for r in mentor], [self.pupil_mentor_a.pk])
        self.assertEqual(mentor[0]["pairs"][0]["mentees"][0]["full_name"], self.pupil_a.full_name)

    def test_the_staff_have_no_records_of_their_own(self):
        self.assertEqual(self.me(self.curator_a)["records"], [])

    def test_the_records_take_a_fixed_number_of_queries(self):
        self.me(self.mentor_a)
        with CaptureQueriesContext(connection) as few:
            self.me(self.mentor_a)
        second = make_participant(self.school_a, "Второва", grade=6)
        pair_actions.create_plan(pair_actions.propose_pair(
            organization=self.school_a, form=self.pupil_pupil, mentor=self.pupil_mentor_a, mentees=[second],
            start_date=START, planned_end_date=END, actor=self.curator_a), actor=self.curator_a)
        with CaptureQueriesContext(connection) as more:
            self.assertEqual(len(self.me(self.mentor_a)["records"][0]["pairs"]), 2)
        self.assertEqual(len(more), len(few))
