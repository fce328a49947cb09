"""Browser tests: Playwright's Python API drives Debian's Chromium against Django's live server.

Subclass `BrowserTestCase`; it builds the region of `RegionTestCase` before every test and gives a
fresh `self.page` (a phone-sized window by default). Without /usr/bin/chromium the tests are skipped
on a workstation and fail in CI (when the `CI` variable is set).
"""

import os
import unittest
from pathlib import Path

import pytest
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.urls import reverse

from testing.fixtures import PASSWORD, RegionTestCase, ReloadsCatalogue

# Playwright's sync API keeps an event loop running in the test thread; Django refuses ORM calls
# from such a thread unless told that this is intended.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
PHONE = {"width": 375, "height": 812}
TIMEOUT_MS = 15_000


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} не найден: установите пакет chromium (apt-get install chromium)"
    if os.environ.get("CI"):
        raise RuntimeError(reason)
    raise unittest.SkipTest(reason)


@pytest.mark.browser
class BrowserTestCase(ReloadsCatalogue, StaticLiveServerTestCase):
    viewport = PHONE

    @classmethod
    def setUpClass(cls):
        require_chromium()
        from playwright.sync_api import sync_playwright

        super().setUpClass()
        cls.playwright = sync_playwright().start()
        try:
            cls.browser = cls.playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except Exception:
            cls.playwright.stop()
            super().tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.playwright.stop()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        RegionTestCase.setUpTestData.__func__(type(self))
        self.context = self.browser.new_context(viewport=self.viewport, locale="ru-RU")
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        # Whatever the Content-Security-Policy blocked (an inline script or <style>, an eval of htmx)
        # is a broken page: Chromium reports each refusal on the console.
        self.csp_refusals = []
        self.page.on("console", lambda message: "Content Security Policy" in message.text
                     and self.csp_refusals.append(message.text))

    def tearDown(self):
        # A request still in flight (htmx loading part of a page) would hold the database while the test's
        # data are flushed: wait until the page has none.
        self.page.wait_for_load_state("networkidle")
        self.context.close()
        self.assertEqual(self.csp_refusals, [], "the Content-Security-Policy refused something on the page")
        super().tearDown()

    def url(self, name: str, *args) -> str:
        return self.live_server_url + reverse(name, args=args)

    def log_in(self, username: str) -> None:
        """Through the log-in page, as a person would."""
        self.page.goto(self.url("login"))
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(self.url("home"))

    def fits_the_screen(self) -> bool:
        """Nothing sticks out sideways: no horizontal scrolling of the whole page."""
        return self.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
