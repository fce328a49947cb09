"""The roadmaps API: the same actions and the same refusals as the pages."""

import json

from accounts.models import ApiToken
from roadmaps.models import Roadmap, Version
from testing.fixtures import RegionTestCase

API = "/api/v1/roadmaps/"


class RoadmapApiTests(RegionTestCase):
    def call(self, user, method: str, path: str, body=None):
        token = ApiToken.issue(user, "test")[1]
        return self.client.generic(method, API + path, json.dumps(body) if body is not None else "",
                                   content_type="application/json", headers={"Authorization": f"Bearer {token}"})

    def test_a_school_copies_a_template_sends_it_and_the_municipality_returns_it_with_a_comment(self):
        created = self.call(self.curator_a, "POST", "", {"organization": self.school_a.code,
                                                         "template": "school_teachers", "starts_on": "2026-09-01",
                                                         "ends_on": "2027-05-31"})
        self.assertEqual(created.status_code, 201)
        roadmap = created.json()
        unread = [item for item in roadmap["items"] if item["attention"]]
        for item in unread:
            self.call(self.curator_a, "PATCH", f"items/{item['id']}", {"due_on": "2027-05-01"})
        self.assertEqual(self.call(self.municipal_a, "POST", f"{roadmap['id']}/send").status_code, 403)
        self.assertEqual(self.call(self.curator_a, "POST", f"{roadmap['id']}/send").json()["status"], "sent")
        first = roadmap["items"][0]["id"]
        returned = self.call(self.municipal_a, "POST", f"{roadmap['id']}/return",
                             {"comment": "Доработать", "comments": [{"item": first, "text": "Срок?"}]})
        self.assertEqual(returned.json()["status"], "returned")
        self.assertEqual(list(Version.objects.get().comments.values_list("item_id", "text")), [(first, "Срок?")])

    def test_the_term_reader_answers_with_the_kind_and_the_due_dates(self):
        answer = self.call(self.mentor_a, "POST", "terms", {"term": "сентябрь – октябрь 2026 г.",
                                                            "starts_on": "2026-09-01", "ends_on": "2027-05-31"})
        self.assertEqual(answer.json(), {"kind": "date", "due": ["2026-10-31"], "attention": False,
                                         "control_point": False})
        self.assertEqual(self.call(self.mentor_a, "POST", "terms", {"term": "x", "starts_on": "2026-09-01",
                                                                     "ends_on": "2020-01-01"}).status_code, 422)

    def test_the_term_reader_takes_the_period_rule_of_a_roadmap(self):
        answer = self.call(self.mentor_a, "POST", "terms", {"term": "ежемесячно", "starts_on": "2020-01-01",
                                                            "ends_on": "2040-12-31"})
        self.assertEqual(answer.status_code, 422)
        self.assertEqual(answer.json()["detail"], [{"field": "ends_on", "message": "Период дорожной карты длиннее десяти лет."}])

    def test_a_school_cannot_create_a_roadmap_for_another_school(self):
        answer = self.call(self.curator_a, "POST", "", {"organization": self.school_b.code,
                                                        "template": "school_teachers"})
        self.assertEqual(answer.status_code, 404)
        self.assertFalse(Roadmap.objects.exists())

    def test_an_item_set_to_wait_for_the_report_says_so_and_an_unknown_record_is_refused_naming_the_field(self):
        created = self.call(self.curator_a, "POST", "", {"organization": self.school_a.code,
                                                         "template": "school_teachers", "starts_on": "2026-09-01",
                                                         "ends_on": "2027-05-31"}).json()
        path = f"items/{created['items'][0]['id']}/progress"
        answer = self.call(self.curator_a, "POST", path, {"status": "planned", "confirmed_by": "report"})
        self.assertEqual((answer.status_code, answer.json()["confirmed_by"]), (200, "report"))
        answer = self.call(self.curator_a, "POST", path, {"status": "planned", "confirmed_by": "survey:nothing"})
        self.assertEqual(answer.status_code, 422)
        self.assertEqual(answer.json()["detail"][0]["field"], "confirmed_by")
