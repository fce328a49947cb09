import os
import re
import secrets
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import SimpleTestCase, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts import sessions
from nastavnik.settings import ipware_settings
from testing.fixtures import PASSWORD, RegionTestCase

PROXY = "127.0.0.1"
CLIENT_X, CLIENT_Y = "203.0.113.5", "198.51.100.9"


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
class LoginThrottlingTests(RegionTestCase):
    """Failures lock the client's address, never a username: nobody can lock somebody else out."""

    def attempt(self, password: str, *, username: str = "curator_a", address: str = "10.0.0.7",
                forwarded: str | None = None):
        headers = {"REMOTE_ADDR": address} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})
        return self.client.post(reverse("login"), {"username": username, "password": password}, **headers)

    def assertLoggedIn(self, response):
        self.assertRedirects(response, reverse("home"), fetch_redirect_response=False)
        self.client.logout()

    def test_five_failed_log_ins_lock_the_address_even_for_the_right_password(self):
        for _ in range(5):
            self.attempt("wrong")
        response = self.attempt(PASSWORD)
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "заблокирован", status_code=429)

    def test_a_correct_password_logs_in_before_the_limit(self):
        self.attempt("wrong")
        self.assertLoggedIn(self.attempt(PASSWORD))

    @override_settings(**ipware_settings(1))
    def test_behind_one_proxy_failures_of_one_client_lock_that_client_and_not_the_account(self):
        # Client X writes Y's address into X-Forwarded-For; the proxy appends X's real one.
        for _ in range(5):
            self.attempt("wrong", address=PROXY, forwarded=f"{CLIENT_Y}, {CLIENT_X}")
        self.assertEqual(self.attempt(PASSWORD, address=PROXY, forwarded=CLIENT_X).status_code, 429)
        self.assertEqual(self.attempt(PASSWORD, username="head_a", address=PROXY, forwarded=CLIENT_X).status_code,
                         429)
        self.assertLoggedIn(self.attempt(PASSWORD, address=PROXY, forwarded=CLIENT_Y))
        self.assertLoggedIn(self.attempt(PASSWORD, address=PROXY, forwarded=f"{CLIENT_X}, {CLIENT_Y}"))

    def test_the_lock_ends_after_the_cooldown(self):
        for _ in range(5):
            self.attempt("wrong")
        self.assertEqual(self.attempt(PASSWORD).status_code, 429)
        AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
        self.assertLoggedIn(self.attempt(PASSWORD))

    @override_settings(**ipware_settings(0))
    def test_without_a_trusted_proxy_a_forged_forwarded_for_locks_only_the_sender(self):
        for _ in range(5):
            self.attempt("wrong", address=CLIENT_X, forwarded=CLIENT_Y)
        self.assertLoggedIn(self.attempt(PASSWORD, address=CLIENT_Y))
        self.assertEqual(self.attempt(PASSWORD, address=CLIENT_X, forwarded=CLIENT_Y).status_code, 429)


class IdleSessionTests(RegionTestCase):
    def setUp(self):
        self.login(self.curator_a)

    def session_ends(self):
        return Session.objects.get().expire_date

    def age_the_session(self, seconds: int) -> None:
        """As if the last move of its expiry was `seconds` ago, and the expiry with it."""
        session = self.client.session
        session[sessions.MOVED_ON] -= seconds
        session.save()
        Session.objects.update(expire_date=timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - seconds))

    def test_a_request_after_some_idle_minutes_moves_the_end_of_the_session_on(self):
        self.age_the_session(sessions.REFRESH)
        self.client.get(reverse("home"))
        expected = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
        self.assertAlmostEqual(self.session_ends(), expected, delta=timedelta(seconds=30))

    def test_requests_minutes_apart_do_not_write_the_session_each_time(self):
        self.age_the_session(60)
        ends = self.session_ends()
        self.client.get(reverse("home"))
        self.assertEqual(self.session_ends(), ends)

    def test_a_session_idle_longer_than_the_limit_is_over(self):
        self.age_the_session(settings.SESSION_COOKIE_AGE + 1)
        self.assertRedirects(self.client.get(reverse("home")), f"{reverse('login')}?next=/",
                             fetch_redirect_response=False)


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


def production_environment(database: str) -> dict:
    """README's «Работа в бою»: DEBUG unset, a long random key, the site's name and origin."""
    of_the_tests = ("DEBUG", "SECRET_KEY", "AXES_ENABLED", "TASKS_BACKEND", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    return {k: v for k, v in os.environ.items() if k not in of_the_tests} | {
        "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "nastavnik.example.ru",
        "CSRF_TRUSTED_ORIGINS": "https://nastavnik.example.ru", "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "nastavnik.settings"}


class DeploymentTests(SimpleTestCase):
    def run_in_production(self, *args: str, **env) -> subprocess.CompletedProcess:
        with tempfile.TemporaryDirectory() as folder:
            return subprocess.run([sys.executable, *args], env=production_environment(f"{folder}/db.sqlite3") | env,
                                  capture_output=True, text=True, cwd=settings.BASE_DIR)

    def production_setting(self, name: str, **env) -> str:
        code = f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
        return self.run_in_production("-c", code, **env).stdout.strip()

    def test_check_deploy_is_clean_in_the_production_environment_of_the_readme(self):
        result = self.run_in_production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("System check identified no issues (0 silenced).", result.stdout)

    def test_production_sends_hsts_for_a_year_unless_told_otherwise(self):
        self.assertEqual(self.production_setting("SECURE_HSTS_SECONDS"), "31536000")
        self.assertEqual(self.production_setting("SECURE_HSTS_SECONDS", SECURE_HSTS_SECONDS="600"), "600")

    def test_the_proxy_count_tells_axes_where_the_clients_address_is(self):
        self.assertEqual(self.production_setting("AXES_IPWARE_META_PRECEDENCE_ORDER"), "('REMOTE_ADDR',)")
        self.assertEqual(self.production_setting("AXES_IPWARE_PROXY_COUNT", TRUSTED_PROXY_COUNT="1"), "0")

    def test_a_session_ends_after_eight_idle_hours_or_as_set(self):
        self.assertEqual(self.production_setting("SESSION_COOKIE_AGE"), str(8 * 3600))
        self.assertEqual(self.production_setting("SESSION_COOKIE_AGE", SESSION_IDLE_HOURS="2"), "7200")


TEMPLATES = [path for root in [settings.BASE_DIR / "templates", *Path(settings.BASE_DIR).glob("*/templates")]
             for path in root.rglob("*.html")]
# What the Content-Security-Policy would refuse: inline script, <style>, handlers, htmx's eval (filters).
INLINE_CODE = re.compile(r"<script(?![^>]*\bsrc=)|<style|\son[a-z]+=|javascript:|hx-on|hx-trigger=\"[^\"]*[a-z]\[|js:")


class ContentSecurityPolicyTests(TestCase):
    def test_pages_allow_only_the_sites_own_scripts_and_styles(self):
        policy = self.client.get(reverse("login"))["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        self.assertEqual(directives["default-src"], "'self'")
        self.assertEqual(directives["script-src"], "'self'")
        self.assertEqual(directives["style-src"], "'self'")
        self.assertEqual(directives["object-src"], "'none'")

    def test_no_template_holds_code_the_policy_would_refuse(self):
        self.assertGreater(len(TEMPLATES), 50)
        offending = [f"{path.relative_to(settings.BASE_DIR)}: {match.group()}"
                     for path in TEMPLATES for match in INLINE_CODE.finditer(path.read_text())]
        self.assertEqual(offending, [])
