import datetime
import json

from accounts.models import ApiToken
from pairs import actions
from pairs.models import Pair, PairStatus
from testing.fixtures import RegionTestCase, make_participant

START, END = datetime.date(2026, 12, 1), datetime.date(2027, 5, 31)


class PairApiTests(RegionTestCase):
    def call(self, user, method: str, path: str = "", payload=None):
        token = ApiToken.issue(user, "школьная система")[1]
        return self.client.generic(method, f"/api/v1/pairs/{path}", json.dumps(payload) if payload else "",
                                   content_type="application/json", headers={"Authorization": f"Bearer {token}"})

    def proposal(self, **values):
        return {"organization": self.school_a.code, "form": "pupil_pupil", "mentor": self.pupil_mentor_a.pk,
                "mentees": [self.pupil_a.pk], "start_date": "2026-12-01", "planned_end_date": "2027-05-31",
                "variant": "лидер – пассивный", **values}

    def approved_pair(self) -> Pair:
        pair = actions.propose_pair(organization=self.school_a, form=self.pupil_pupil, mentor=self.pupil_mentor_a,
                                    mentees=[self.pupil_a], start_date=START, planned_end_date=END,
                                    actor=self.curator_a)
        actions.approve_pairs([pair], actor=self.head_a, order_number="15-н", order_date=datetime.date(2026, 11, 25))
        return pair

    def test_a_curator_proposes_a_pair_and_sees_its_first_mentor_term(self):
        response = self.call(self.curator_a, "POST", "", self.proposal())
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual((body["status"], body["variant"], body["mentees"][0]["id"]),
                         ("proposed", "лидер – пассивный", self.pupil_a.pk))
        self.assertEqual(body["mentor_terms"][0]["started_on"], "2026-12-01")

    def test_a_refused_pair_is_422_with_the_rules_russian_message_and_nothing_is_written(self):
        same_grade = make_participant(self.school_a, "Одноклассник", grade=10)
        response = self.call(self.curator_a, "POST", "", self.proposal(mentees=[same_grade.pk]))
        self.assertEqual(response.status_code, 422)
        self.assertIn("более старшем классе", response.json()["detail"][0]["message"])
        self.assertFalse(Pair.objects.exists())

    def test_a_participant_outside_the_scope_is_an_error_of_the_field(self):
        response = self.call(self.curator_a, "POST", "", self.proposal(mentees=[self.pupil_b.pk]))
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["detail"][0]["field"], "mentees")

    def test_a_mentee_sees_their_pair_and_not_another_schools(self):
        pair = self.approved_pair()
        self.assertEqual([p["id"] for p in self.call(self.mentee_a, "GET").json()["items"]], [pair.pk])
        self.assertEqual(self.call(self.curator_b, "GET", f"{pair.pk}").status_code, 404)

    def test_a_psychologist_sees_but_cannot_start_a_pair(self):
        pair = self.approved_pair()
        self.assertEqual(self.call(self.psychologist_a, "GET", f"{pair.pk}").status_code, 200)
        self.assertEqual(self.call(self.psychologist_a, "POST", f"{pair.pk}/start").status_code, 403)
        self.assertEqual(self.call(self.curator_a, "POST", f"{pair.pk}/start").json()["status"], PairStatus.ACTIVE)

    def test_an_extension_with_a_wrong_reason_is_refused(self):
        pair = self.approved_pair()
        response = self.call(self.curator_a, "POST", f"{pair.pk}/extension",
                             {"reason": "mentor_request", "new_end_date": "2027-06-30"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["detail"][0]["field"], "reason")

    def test_a_replacement_is_requested_and_waits_for_its_order(self):
        pair = self.approved_pair()
        mentor = make_participant(self.school_a, "Лебедев", is_mentor=True, is_mentee=False, grade=11,
                                  birth_date=datetime.date(2009, 1, 1))
        response = self.call(self.curator_a, "POST", f"{pair.pk}/replacement",
                             {"reason": "mentee_request", "new_mentor": mentor.pk, "on": "2027-02-01"})
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["status"], "pending")
        self.assertEqual(self.call(self.curator_a, "GET", f"{pair.pk}/changes").json()[0]["new_mentor"]["id"],
                         mentor.pk)

    def test_the_plan_is_drafted_acknowledged_by_the_mentee_approved_and_its_items_marked(self):
        pair = self.approved_pair()
        self.assertEqual(self.call(self.mentor_a, "POST", f"{pair.pk}/plan").status_code, 201)
        item = self.call(self.mentor_a, "POST", f"{pair.pk}/plan/items",
                         {"section": "Цели развития", "title": "Олимпиада", "deadline": "2027-02-01"}).json()
        self.assertEqual(self.call(self.curator_a, "POST", f"{pair.pk}/plan/approve", {"on": "2026-12-05"}).status_code,
                         422)
        self.assertEqual(self.call(self.parent_a, "POST", f"{pair.pk}/plan/acknowledge",
                                   {"on": "2026-12-05"}).status_code, 403)
        self.call(self.mentee_a, "POST", f"{pair.pk}/plan/acknowledge", {"on": "2026-12-05"})
        plan = self.call(self.head_a, "POST", f"{pair.pk}/plan/approve", {"on": "2026-12-06"}).json()
        self.assertEqual((plan["status"], plan["approved_on"]), ("approved", "2026-12-06"))
        done = self.call(self.mentor_a, "POST", f"{pair.pk}/plan/items/{item['id']}/done",
                         {"on": "2027-01-20", "result": "Призёр"}).json()
        self.assertEqual((done["done"], done["overdue"], done["result"]), (True, False, "Призёр"))
