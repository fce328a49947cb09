import tempfile
from pathlib import Path

from django.core import mail
from playwright.sync_api import expect

from accounts.models import User
from roadmaps.models import Roadmap
from roadmaps.tests.files import ROWS, roadmap_docx
from testing.browser import BrowserTestCase

# The school's file, every term readable: a roadmap with a row needing a date cannot be sent.
READABLE = [row for row in ROWS if "графику" not in "".join(row)]


class SchoolRoadmapApprovalTests(BrowserTestCase):
    def switch_to(self, username: str) -> None:
        self.context.clear_cookies()
        self.log_in(username)

    def test_a_school_imports_sends_is_returned_fixes_resends_the_municipality_approves_and_sees_it(self):
        page = self.page
        self.log_in("curator_a")
        page.goto(self.url("roadmaps:import"))
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "дорожная карта.docx"
            path.write_bytes(roadmap_docx(READABLE))
            page.set_input_files("#id_file", path)
            page.fill("#id_starts_on", "2026-09-01")
            page.fill("#id_ends_on", "2027-05-31")
            page.click("text=Показать, что прочитано")
        expect(page.locator("main")).to_contain_text("31.10.2026")  # «сентябрь – октябрь 2026 г.»
        self.assertTrue(self.fits_the_screen())
        page.click("text=Загрузить дорожную карту")
        expect(page.locator("#status")).to_have_text("черновик")
        roadmap = Roadmap.objects.get()
        page.click("text=Отправить на согласование")
        expect(page.locator("#status")).to_have_text("на согласовании")

        self.switch_to("municipal_a")
        page.goto(self.url("roadmaps:detail", roadmap.pk))
        page.click("text=Согласовать или вернуть")
        item = roadmap.items.get(number="1.2.")
        page.fill(f"input[name=item_{item.pk}]", "Разработка дорожной карты — до конца сентября")
        page.click("text=Вернуть на доработку")
        expect(page.locator("#status")).to_have_text("возвращена на доработку")

        self.switch_to("curator_a")
        page.goto(self.url("roadmaps:detail", roadmap.pk))
        row = page.locator(f"#item-{item.pk}")
        expect(row).to_contain_text("Замечание: Разработка дорожной карты — до конца сентября")
        row.get_by_role("link", name="изменить").click()
        page.fill("#id_term", "до 30.09.2026")
        page.click("text=Сохранить")
        expect(page.locator(f"#item-{item.pk}")).to_contain_text("30.09.2026")
        page.click("text=Отправить на согласование")
        expect(page.locator("#status")).to_have_text("на согласовании")

        self.switch_to("municipal_a")
        page.goto(self.url("roadmaps:detail", roadmap.pk))
        page.click("text=Согласовать или вернуть")
        page.click("button:has-text('Согласовать')")
        expect(page.locator("#status")).to_have_text("согласована")
        page.goto(self.url("roadmaps:list"))
        expect(page.locator("main")).to_contain_text("Согласованная дорожная карта есть у 1 из 2")
        self.assertTrue(self.fits_the_screen())
        self.assertEqual(list(roadmap.versions.values_list("decision", flat=True)), ["returned", "approved"])

        # The chasing page: the school's roadmap approved, its one click reminds the curator — and no name shows.
        User.objects.filter(username="curator_a").update(last_name="Кураторова", email="curator@school-a.example")
        page.goto(self.url("home"))
        page.locator("main").get_by_role("link", name="Контроль организаций").click()
        school = page.locator(f"#organization-{roadmap.organization_id}")
        expect(school.locator(".roadmap-state")).to_have_text("согласована")
        school.get_by_role("button", name="Напомнить").click()
        expect(school).to_contain_text("напомнено сегодня")
        expect(page.locator("main")).not_to_contain_text("Напоминание отправлено")  # swapped in place by htmx
        self.assertEqual([message.to for message in mail.outbox], [["curator@school-a.example"]])
        expect(page.locator("main")).not_to_contain_text("Кураторова")
        self.assertTrue(self.fits_the_screen())
