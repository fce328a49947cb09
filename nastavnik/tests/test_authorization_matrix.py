"""The authorization matrix: every `Check` of every `*/tests/access*.py` × every user × own and other
side, and the meta-test that fails when a page or an API route has no `Check`."""

import importlib
import importlib.util
import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.test import SimpleTestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import ApiToken
from nastavnik.access_matrix import USERS, Check
from nastavnik.testing import RegionTestCase

SKIPPED_NAMESPACES = {"admin"}
SKIPPED_NAMES = {"login", "logout", "static", "media"}
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


def _api():
    """The django-ninja API, when it has been written."""
    if importlib.util.find_spec("nastavnik.api") is None:
        return None
    return importlib.import_module("nastavnik.api").api


def all_checks() -> list[Check]:
    checks = []
    for path in sorted(Path(settings.BASE_DIR).glob("*/tests/access*.py")):
        checks += importlib.import_module(f"{path.parent.parent.name}.tests.{path.stem}").CHECKS
    return checks


def url_names(patterns=None, prefix: str = ""):
    """Every named page of our apps, as "namespace:name"; the API's routes are listed separately."""
    api = _api()
    skipped = SKIPPED_NAMESPACES | ({api.urls_namespace.split(":")[-1]} if api else set())
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace not in skipped:
                namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
                yield from url_names(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name and pattern.name not in SKIPPED_NAMES:
            yield prefix + pattern.name


def api_routes():
    """(path template, METHOD) of every operation of the API."""
    api = _api()
    if api is None:
        return
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method in operations:
            if method in HTTP_METHODS:
                yield path, method.upper()


def _is_api(check: Check) -> bool:
    return check.route.startswith("/")


class RouteCoverageTests(SimpleTestCase):
    def test_every_page_and_api_route_has_a_row_in_the_matrix(self):
        checks = all_checks()
        pages = {check.route for check in checks if not _is_api(check)}
        endpoints = {(check.route, check.method) for check in checks if _is_api(check)}
        missing = sorted({name for name in url_names() if name not in pages})
        missing += sorted(f"{method} {path}" for path, method in api_routes() if (path, method) not in endpoints)
        self.assertEqual(missing, [], "Нет строки в матрице авторизации (добавьте Check в <app>/tests/access*.py)")

    def test_every_row_names_an_existing_route(self):
        known = set(url_names()) | {path for path, _ in api_routes()}
        unknown = sorted({check.route for check in all_checks()} - known)
        self.assertEqual(unknown, [])


class AuthorizationMatrixTests(RegionTestCase):
    def test_every_user_gets_the_expected_answer_on_every_page_and_endpoint_of_both_sides(self):
        tokens = {name: ApiToken.issue(getattr(self, name), "matrix")[1] for name in USERS if name != "anonymous"}
        failures = []
        for check in all_checks():
            sides = {side: check.args(self, side) for side in ("own", "other")}
            for side, kwargs in sides.items():
                if kwargs is None:
                    continue
                opposite = "other" if side == "own" else "own"
                for name in USERS:
                    allowed = name in (check.own if side == "own" else check.other)
                    # A denied answer hides this side's data; an allowed one hides the other side's,
                    # unless the user may see that side too.
                    hidden = side if not allowed else (
                        opposite if sides[opposite] is not None and name not in getattr(check, opposite) else None)
                    secret = check.secret(self, hidden) if check.secret and hidden else ""
                    problem = self._try(check, side, kwargs, name, allowed, secret, tokens.get(name))
                    if problem:
                        failures.append(f"{check.method} {check.route} [{side}] {name}: {problem}")
        self.assertFalse(failures, "\n" + "\n".join(failures))

    def _try(self, check: Check, side: str, kwargs: dict, name: str, allowed: bool, secret: str, token):
        """What is wrong with `name`'s answer, or None; whatever the request changes is rolled back."""
        with transaction.atomic():
            response = self._request(check, side, kwargs, name, token)
            transaction.set_rollback(True)
        problem = _allowed_problem(check, response) if allowed else _denied_problem(check, response, name)
        if not problem and secret and secret in response.content.decode(errors="replace"):
            problem = f"в ответе видно «{secret}»"
        return problem

    def _request(self, check: Check, side: str, kwargs: dict, name: str, token: str | None):
        data = check.data(self, side) if check.data else {}
        if _is_api(check):
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            body = json.dumps(data) if check.method != "GET" else None
            return self.client.generic(check.method, check.route.format(**kwargs), body or "",
                                       content_type="application/json", headers=headers)
        if name == "anonymous":
            self.client.logout()
        else:
            self.client.force_login(getattr(self, name))
        return getattr(self.client, check.method.lower())(reverse(check.route, kwargs=kwargs), data)


def _login_url() -> str:
    return reverse(settings.LOGIN_URL)


def _allowed_problem(check: Check, response) -> str | None:
    status = response.status_code
    if status in (200, 201, 204):
        return None
    if status == 302 and check.method != "GET" and not response.url.startswith(_login_url()):
        return None
    return f"ожидался доступ, получен {status}"


def _denied_problem(check: Check, response, name: str) -> str | None:
    status = response.status_code
    if name == "anonymous":
        if _is_api(check):
            return None if status == 401 else f"ожидался 401, получен {status}"
        if status == 302 and response.url.startswith(_login_url()):
            return None
        return f"ожидалось перенаправление на вход, получен {status}"
    return None if status in (403, 404) else f"ожидался отказ 403/404, получен {status}"
