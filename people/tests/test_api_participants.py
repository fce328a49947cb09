import json

from accounts.models import ApiToken
from audit.models import AuditEntry
from nastavnik.testing import RegionTestCase
from people.models import Participant


class ParticipantApiTests(RegionTestCase):
    def call(self, user, method: str, path: str, payload=None, token=None):
        token = token or ApiToken.issue(user, "школьная система")[1]
        return self.client.generic(method, f"/api/v1/participants/{path}", json.dumps(payload) if payload else "",
                                   content_type="application/json", headers={"Authorization": f"Bearer {token}"})

    def new_pupil(self, **values):
        return {"organization": self.school_a.code, "last_name": "Новикова", "first_name": "Алина",
                "birth_date": "2013-02-02", "category": "pupil", "grade": 7, "is_mentee": True, **values}

    def test_a_school_system_pushes_a_pupil_with_a_token(self):
        response = self.call(self.curator_a, "POST", "", self.new_pupil())
        self.assertEqual(response.status_code, 201, response.content)
        pupil = Participant.objects.get(pk=response.json()["id"])
        self.assertEqual((pupil.organization, pupil.grade), (self.school_a, 7))
        self.assertTrue(AuditEntry.objects.filter(participant=pupil, actor=self.curator_a, action="create").exists())

    def test_a_duplicate_pushed_twice_is_refused_with_a_russian_message(self):
        self.call(self.curator_a, "POST", "", self.new_pupil())
        response = self.call(self.curator_a, "POST", "", self.new_pupil(last_name=" НОВИКОВА "))
        self.assertEqual(response.status_code, 422)
        self.assertIn("уже есть", response.json()["detail"][0]["message"])

    def test_invalid_input_is_422_naming_the_field(self):
        response = self.call(self.curator_a, "POST", "", self.new_pupil(birth_date="02.02.2013x"))
        self.assertEqual(response.status_code, 422)
        self.assertIn("birth_date", response.content.decode())

    def test_a_curator_cannot_push_into_another_school_and_nothing_is_written(self):
        before = Participant.objects.count()
        response = self.call(self.curator_b, "POST", "", self.new_pupil())
        self.assertEqual(response.status_code, 404)
        self.assertEqual(Participant.objects.count(), before)

    def test_the_list_holds_no_personal_data_of_another_organization(self):
        response = self.call(self.curator_b, "GET", "")
        self.assertEqual(response.status_code, 200)
        self.assertEqual([p["last_name"] for p in response.json()["items"]], ["Попов"])
        self.assertNotIn("Кузнецова", response.content.decode())

    def test_the_list_is_filtered_like_the_page(self):
        response = self.call(self.operator, "GET", "?role=mentor")
        self.assertEqual([p["last_name"] for p in response.json()["items"]], ["Смирнов"])

    def test_withdrawing_the_personal_data_consent_through_the_api_anonymizes(self):
        consent = self.pupil_a.consents.get(kind="personal_data")
        response = self.call(self.curator_a, "POST", f"{self.pupil_a.pk}/consents/{consent.pk}/withdraw",
                             {"withdrawn_on": "2026-11-01"})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertTrue(self.call(self.curator_a, "GET", f"{self.pupil_a.pk}").json()["anonymized"])

    def test_a_mentor_profile_names_forms_by_code(self):
        response = self.call(self.curator_a, "PUT", f"{self.pupil_mentor_a.pk}/mentor-profile",
                             {"source": "pupils", "forms": ["pupil_pupil", "nonsense"]})
        self.assertEqual(response.status_code, 422)
        self.assertIn("nonsense", response.content.decode())


class TokenTests(RegionTestCase):
    def test_no_token_is_401_and_a_wrong_one_too(self):
        self.assertEqual(self.client.get("/api/v1/participants/").status_code, 401)
        wrong = self.client.get("/api/v1/participants/", headers={"Authorization": "Bearer nonsense"})
        self.assertEqual(wrong.status_code, 401)

    def test_a_token_of_a_deactivated_user_stops_working(self):
        _, key = ApiToken.issue(self.curator_a, "школьная система")
        self.curator_a.is_active = False
        self.curator_a.save()
        response = self.client.get("/api/v1/participants/", headers={"Authorization": f"Bearer {key}"})
        self.assertEqual(response.status_code, 401)

    def test_only_the_hash_of_a_token_is_stored(self):
        token, key = ApiToken.issue(self.curator_a, "школьная система")
        self.assertNotIn(key, token.key_hash)
        self.client.get("/api/v1/participants/", headers={"Authorization": f"Bearer {key}"})
        token.refresh_from_db()
        self.assertIsNotNone(token.last_used_at)

    def test_the_openapi_schema_lists_the_routes(self):
        self.client.force_login(self.curator_a)
        paths = self.client.get("/api/v1/openapi.json").json()["paths"]
        self.assertIn("/api/v1/participants/{participant_id}", paths)
        self.assertIn("/api/v1/organizations/{code}", paths)
