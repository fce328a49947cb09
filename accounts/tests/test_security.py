import os
import subprocess
import sys

from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from nastavnik.testing import PASSWORD, RegionTestCase


class LoginThrottlingTests(RegionTestCase):
    def attempt(self, password: str):
        return self.client.post(reverse("login"), {"username": "curator_a", "password": password},
                                REMOTE_ADDR="10.0.0.7")

    @override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
    def test_five_failed_log_ins_lock_the_account_even_for_the_right_password(self):
        for _ in range(5):
            self.attempt("wrong")
        response = self.attempt(PASSWORD)
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "заблокирован", status_code=429)

    @override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
    def test_a_correct_password_logs_in_before_the_limit(self):
        self.attempt("wrong")
        self.assertRedirects(self.attempt(PASSWORD), reverse("home"), fetch_redirect_response=False)


class AdminTests(RegionTestCase):
    def test_django_admin_is_for_superusers_only(self):
        self.login(self.head_a)
        self.assertEqual(self.client.get("/admin/").status_code, 302)


class ProductionSettingsTests(RegionTestCase):
    def settings_of(self, **env) -> subprocess.CompletedProcess:
        environ = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")} | env
        code = "import django; django.setup(); from django.conf import settings as s; " \
               "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DEBUG)"
        return subprocess.run([sys.executable, "-c", code], env={**environ, "DJANGO_SETTINGS_MODULE": "nastavnik.settings"},
                              capture_output=True, text=True, cwd=settings.BASE_DIR)

    def test_production_mode_refuses_to_start_without_a_secret_key(self):
        result = self.settings_of()
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY is required", result.stderr)

    def test_production_mode_has_secure_cookies(self):
        result = self.settings_of(SECRET_KEY="x" * 50, ALLOWED_HOSTS="nastavnik.example.ru")
        self.assertEqual(result.stdout.split(), ["True", "True", "False"])

    def test_passwords_are_checked_by_djangos_validators(self):
        from django.contrib.auth.password_validation import validate_password
        from django.core.exceptions import ValidationError

        with self.assertRaises(ValidationError):
            validate_password("12345678", self.curator_a)
