from playwright.sync_api import expect

from accounts.models import User
from testing.browser import BrowserTestCase
from testing.fixtures import PASSWORD


class PagesUnderTheContentSecurityPolicyTests(BrowserTestCase):
    """BrowserTestCase fails a test whose page the policy refused anything; these pages have no other test."""

    def test_the_api_documentation_renders_the_operations_from_the_sites_own_scripts(self):
        self.page.goto(self.live_server_url + "/api/v1/docs")
        expect(self.page.locator(".opblock").first).to_be_visible()

    def test_the_django_admin_opens_for_a_superuser(self):
        User.objects.create_superuser("root", password=PASSWORD)
        self.page.goto(self.live_server_url + "/admin/login/")
        self.page.fill("#id_username", "root")
        self.page.fill("#id_password", PASSWORD)
        self.page.click("input[type=submit]")
        expect(self.page.locator("#site-name")).to_contain_text("Наставник")
        self.page.goto(self.live_server_url + "/admin/people/participant/")
        expect(self.page.locator("#result_list")).to_contain_text("Кузнецова")
