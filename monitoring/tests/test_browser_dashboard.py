from playwright.sync_api import expect

from monitoring.tests.territory import DAY, TerritoryTestCase
from testing.browser import BrowserTestCase

SCREENSHOT = "/tmp/monitoring_dashboard.png"


class OperatorDrillsDownTests(BrowserTestCase):
    viewport = {"width": 1280, "height": 900}

    def setUp(self):
        super().setUp()
        TerritoryTestCase.build_territory.__func__(type(self))

    def test_the_regional_operator_sees_the_charts_and_drills_down_to_a_municipality_and_a_school(self):
        page = self.page
        self.log_in("operator")
        page.get_by_role("link", name="Показатели").click()
        page.fill("#id_date", DAY.isoformat())
        page.get_by_role("button", name="Показать").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Показатели: Республика Хакасия")
        charts = page.locator("figure.indicator")
        expect(charts).to_have_count(7)
        expect(charts.first).to_contain_text("8,0 %")
        expect(charts.first).to_contain_text("в графике")
        expect(page.locator("figure.indicator.behind")).not_to_have_count(0)
        trend = page.locator("figure.indicator-trend")  # after the page, through htmx
        expect(trend).to_have_count(7)
        expect(trend.first.locator(".bar-row")).to_have_count(5)
        page.screenshot(path=SCREENSHOT, full_page=True)

        page.locator("table.drilldown").get_by_role("link", name="г. Абакан").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Показатели: г. Абакан")
        expect(page.locator("nav.crumbs")).to_contain_text("Республика Хакасия")
        expect(charts.first).to_contain_text("15,0 %")
        page.locator("table.drilldown").get_by_role("link", name="МБОУ «СОШ № 1»").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Показатели: МБОУ «СОШ № 1»")
        expect(page.get_by_role("heading", name="Участники по формам и категориям")).to_be_visible()
        expect(page.locator("#details table")).to_contain_text("ученик – ученик")
        expect(page.locator("body")).not_to_contain_text("Двойной")
        page.screenshot(path="/tmp/monitoring_school.png", full_page=True)


class DashboardOnAPhoneTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        TerritoryTestCase.build_territory.__func__(type(self))

    def test_the_municipal_dashboard_fits_a_phone(self):
        self.log_in("municipal_a")
        self.page.goto(self.url("monitoring:dashboard", self.municipality_a.pk) + f"?date={DAY.isoformat()}")
        expect(self.page.locator("figure.indicator")).to_have_count(7)
        self.assertTrue(self.fits_the_screen())
