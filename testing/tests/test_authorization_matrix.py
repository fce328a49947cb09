"""The authorization matrix: every `Check` of every `*/tests/access*.py` × every user × own and other
side, and the meta-test that fails when a page or an API route has no `Check`."""

import html
import importlib
import importlib.util
import io
import json
import zipfile
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.db import transaction
from django.test import SimpleTestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import ApiToken
from pairs.models import Pair
from people.models import ParticipantQuerySet
from testing.access_matrix import SIDES, USERS, Check
from testing.fixtures import RegionTestCase

SKIPPED_NAMESPACES = {"admin"}
SKIPPED_NAMES = {"login", "logout", "static", "media"}
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


def matrix_failures(test: RegionTestCase, checks: list[Check]) -> list[str]:
    """What is wrong in the answers to `checks` of every user on both sides, one line each."""
    tokens = {name: ApiToken.issue(getattr(test, name), "matrix")[1] for name in USERS if name != "anonymous"}
    failures = []
    for check in checks:
        sides = {side: check.args(test, side) for side in SIDES}
        if check.is_list(sides) and not (check.secret and check.sees):
            failures.append(f"{check.method} {check.route}: у списка нет secret или sees")
            continue
        for side, kwargs, name, allowed, hidden in _requests(check, sides):
            secrets = [check.secret(test, s) for s in hidden] if check.secret else []
            problem = _try(test, check, side, kwargs, name, allowed, secrets, tokens.get(name))
            if problem:
                failures.append(f"{check.method} {check.route} [{side}] {name}: {problem}")
    return failures


def _requests(check: Check, sides: dict):
    """(side, kwargs, user, allowed, sides whose secret the answer must not show) of every request of `check`."""
    if check.is_list(sides):
        for name in USERS:
            allowed = name in check.own
            yield "own", sides["own"], name, allowed, [s for s in SIDES if not allowed or name not in check.sees[s]]
        return
    for side, kwargs in sides.items():
        if kwargs is None:
            continue
        opposite = "other" if side == "own" else "own"
        for name in USERS:
            allowed = name in (check.own if side == "own" else check.other)
            # A denied answer hides this side's data; an allowed one hides the other side's,
            # unless the user may see that side too.
            hidden = [side] if not allowed else (
                [opposite] if sides[opposite] is not None and name not in getattr(check, opposite) else [])
            yield side, kwargs, name, allowed, hidden


def _try(test, check: Check, side: str, kwargs: dict, name: str, allowed: bool, secrets: list[str], token):
    """What is wrong with `name`'s answer, or None; whatever the request changes is rolled back."""
    with transaction.atomic():
        response = _request(test, check, side, kwargs, name, token)
        transaction.set_rollback(True)
    problem = _allowed_problem(check, response) if allowed else _denied_problem(check, response, name)
    if not problem:
        text = _text(response)
        problem = next((f"в ответе видно «{secret}»" for secret in secrets if secret in text), None)
    return problem


def _request(test, check: Check, side: str, kwargs: dict, name: str, token: str | None):
    data = check.data(test, side) if check.data else {}
    if _is_api(check):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        body = json.dumps(data) if check.method != "GET" else None
        return test.client.generic(check.method, check.route.format(**kwargs), body or "",
                                   content_type="application/json", headers=headers)
    if name == "anonymous":
        test.client.logout()
    else:
        test.client.force_login(getattr(test, name))
    return getattr(test.client, check.method.lower())(reverse(check.route, kwargs=kwargs), data)


def _text(response) -> str:
    """The answer as a reader sees it: JSON without \\u escapes, HTML unescaped, a spreadsheet's cells."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/json") and content:
        return json.dumps(json.loads(content), ensure_ascii=False)
    if kind.startswith(XLSX):
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            return html.unescape("".join(book.read(part).decode() for part in book.namelist()
                                         if part.endswith(".xml")))
    return html.unescape(content.decode(errors="replace"))


class AuthorizationMatrixTests(RegionTestCase):
    def test_every_user_gets_the_expected_answer_on_every_page_and_endpoint_of_both_sides(self):
        failures = matrix_failures(self, all_checks())
        self.assertFalse(failures, "\n" + "\n".join(failures))


def _rows(route: str) -> list[Check]:
    return [check for check in all_checks() if check.route == route and check.method == "GET"]


class MatrixCatchesLeakingListsTests(RegionTestCase):
    """The list rows see a list that forgets its scope, though every user may open the list."""

    def test_a_pairs_list_of_all_pairs_fails_the_matrix(self):
        everything = Pair.objects.select_related("organization", "form", "variant", "mentor")
        with mock.patch("pairs.views._visible_pairs", lambda user: everything):
            failures = matrix_failures(self, _rows("pairs:list"))
        self.assertIn(f"GET pairs:list [own] curator_a: в ответе видно «{self.pupil_b.last_name}»", failures)
        self.assertIn(f"GET pairs:list [own] curator_b: в ответе видно «{self.pupil_a.last_name}»", failures)

    def test_a_participants_api_list_of_all_participants_fails_the_matrix(self):
        with mock.patch.object(ParticipantQuerySet, "visible_to", lambda queryset, user: queryset.all()):
            failures = matrix_failures(self, _rows("/api/v1/participants/"))
        self.assertIn(f"GET /api/v1/participants/ [own] curator_b: в ответе видно «{self.pupil_a.last_name}»",
                      failures)

    def test_the_scoped_lists_pass(self):
        self.assertEqual(matrix_failures(self, _rows("pairs:list") + _rows("/api/v1/participants/")), [])


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
