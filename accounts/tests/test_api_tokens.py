from io import StringIO

from django.core.management import CommandError, call_command
from django.test import Client

from accounts.models import ApiToken
from testing.fixtures import RegionTestCase

ME = "/api/v1/me"


def bearer(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


class TokenTests(RegionTestCase):
    def test_a_token_answers_as_its_user(self):
        _, key = ApiToken.issue(self.curator_a, "школьная система")
        response = self.client.get(ME, headers=bearer(key))
        self.assertEqual(response.status_code, 200, response.content)
        me = response.json()
        self.assertEqual(me["username"], "curator_a")
        self.assertEqual([(r["role"], r["organization"]) for r in me["roles"]], [("curator", "19-01-001")])

    def test_without_a_token_or_a_session_the_answer_is_401_in_russian(self):
        response = self.client.get(ME)
        self.assertEqual(response.status_code, 401)
        self.assertIn("Authorization: Bearer", response.json()["detail"])

    def test_a_wrong_token_is_401(self):
        ApiToken.issue(self.curator_a, "школьная система")
        self.assertEqual(self.client.get(ME, headers=bearer("nonsense")).status_code, 401)

    def test_a_token_of_a_deactivated_user_stops_working(self):
        _, key = ApiToken.issue(self.curator_a, "школьная система")
        self.curator_a.is_active = False
        self.curator_a.save()
        self.assertEqual(self.client.get(ME, headers=bearer(key)).status_code, 401)

    def test_only_the_hash_of_a_token_is_stored_and_its_use_is_noted(self):
        token, key = ApiToken.issue(self.curator_a, "школьная система")
        self.assertFalse(ApiToken.objects.filter(key_hash__contains=key).exists())
        self.assertNotIn(key, token.key_hash)
        self.client.get(ME, headers=bearer(key))
        token.refresh_from_db()
        self.assertIsNotNone(token.last_used_at)

    def test_a_token_needs_no_csrf_token_to_write(self):
        _, key = ApiToken.issue(self.curator_a, "школьная система")
        response = Client(enforce_csrf_checks=True).post(
            f"/api/v1/participants/{self.pupil_a.pk}/requests", {"text": "Олимпиада по физике"},
            content_type="application/json", headers=bearer(key))
        self.assertEqual(response.status_code, 201, response.content)


class CommandTests(RegionTestCase):
    def test_the_command_prints_a_working_key_once(self):
        out = StringIO()
        call_command("create_api_token", "curator_a", "школьная система", stdout=out)
        key = out.getvalue().strip()
        self.assertEqual(self.client.get(ME, headers=bearer(key)).status_code, 200)
        self.assertEqual(ApiToken.objects.get(user=self.curator_a).name, "школьная система")

    def test_the_command_refuses_an_unknown_user(self):
        with self.assertRaisesMessage(CommandError, "Нет активного пользователя «nobody»"):
            call_command("create_api_token", "nobody", "школьная система", stdout=StringIO())
        self.assertFalse(ApiToken.objects.exists())


class SessionTests(RegionTestCase):
    """Pages may call the API with the session cookie; writes then need Django's CSRF token."""

    def setUp(self):
        self.browser = Client(enforce_csrf_checks=True)
        self.browser.force_login(self.curator_a)

    def add_request(self, headers=None):
        return self.browser.post(f"/api/v1/participants/{self.pupil_a.pk}/requests", {"text": "Олимпиада по физике"},
                                 content_type="application/json", headers=headers or {})

    def test_a_signed_in_user_reads_with_the_session(self):
        self.assertEqual(self.browser.get(ME).json()["username"], "curator_a")

    def test_a_write_without_the_csrf_token_is_refused(self):
        response = self.add_request()
        self.assertEqual(response.status_code, 403)
        self.assertIn("CSRF", response.json()["detail"])
        self.assertFalse(self.pupil_a.requests.exists())

    def test_a_write_with_the_csrf_token_of_the_page_passes(self):
        self.browser.get("/people/new/")  # a page with a form sets the csrftoken cookie
        response = self.add_request({"X-CSRFToken": self.browser.cookies["csrftoken"].value})
        self.assertEqual(response.status_code, 201, response.content)

    def test_an_anonymous_write_is_401_not_a_csrf_refusal(self):
        response = Client(enforce_csrf_checks=True).post(
            "/api/v1/participants/", {}, content_type="application/json")
        self.assertEqual(response.status_code, 401)


class SchemaTests(RegionTestCase):
    ROUTES = {
        ("get", "/api/v1/me"),
        ("get", "/api/v1/organizations/"), ("post", "/api/v1/organizations/"),
        ("get", "/api/v1/organizations/{code}"), ("patch", "/api/v1/organizations/{code}"),
        ("get", "/api/v1/organizations/{code}/agreements"),
        ("get", "/api/v1/participants/"), ("post", "/api/v1/participants/"),
        ("get", "/api/v1/participants/{participant_id}"), ("patch", "/api/v1/participants/{participant_id}"),
        ("get", "/api/v1/participants/{participant_id}/mentor-profile"),
        ("put", "/api/v1/participants/{participant_id}/mentor-profile"),
        ("get", "/api/v1/participants/{participant_id}/mentee-profile"),
        ("put", "/api/v1/participants/{participant_id}/mentee-profile"),
        ("get", "/api/v1/participants/{participant_id}/requests"),
        ("post", "/api/v1/participants/{participant_id}/requests"),
        ("get", "/api/v1/participants/{participant_id}/consents"),
        ("post", "/api/v1/participants/{participant_id}/consents"),
        ("post", "/api/v1/participants/{participant_id}/consents/{consent_id}/withdraw"),
    }

    def test_the_openapi_schema_builds_and_lists_every_route_with_a_russian_summary(self):
        response = self.client.get("/api/v1/openapi.json")
        self.assertEqual(response.status_code, 200)
        schema = response.json()
        operations = {(method, path): operation for path, methods in schema["paths"].items()
                      for method, operation in methods.items()}
        self.assertLessEqual(self.ROUTES, set(operations))
        for route in self.ROUTES:
            self.assertRegex(operations[route]["summary"], "[А-Яа-яЁё]", route)
        self.assertEqual(set(schema["components"]["securitySchemes"]), {"TokenAuth", "SessionAuth"})

    def test_the_documentation_page_opens(self):
        self.assertEqual(self.client.get("/api/v1/docs").status_code, 200)
