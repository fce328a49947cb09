"""A head of school on a phone: the registry of mentors approved by a registered order, its DOCX downloaded;
the templates page fits the screen."""

import io

import docx
from playwright.sync_api import expect

from documents.models import Order
from documents.tests.base import TemporaryMedia
from testing.browser import BrowserTestCase


class HeadIssuesTheRegistryOrderTests(TemporaryMedia, BrowserTestCase):
    def test_a_head_approves_the_registry_of_mentors_by_a_registered_order_and_downloads_it(self):
        page = self.page
        self.log_in("head_a")
        page.locator(".nav-burger").click()
        page.get_by_role("link", name="Приказы").click()
        page.get_by_role("link", name="Новый приказ").click()
        page.get_by_label("Вид приказа").select_option(label="Об утверждении реестра наставников")
        page.get_by_role("button", name="Выбрать").click()
        page.get_by_label("Смирнов Иван", exact=False).check()
        self.assertTrue(self.fits_the_screen())
        page.screenshot(path="/tmp/documents_order_form.png", full_page=True)
        page.get_by_role("button", name="Сохранить проект").click()
        expect(page.get_by_role("status")).to_contain_text("Проект приказа сохранён")

        page.get_by_label("Номер приказа").fill("7-од")
        page.get_by_role("button", name="Зарегистрировать").click()
        expect(page.get_by_role("status")).to_contain_text("Приказ зарегистрирован")
        expect(page.locator("h1")).to_contain_text("№ 7-од")
        self.assertTrue(self.fits_the_screen())
        page.screenshot(path="/tmp/documents_order_detail.png", full_page=True)
        with page.expect_download() as download:
            page.get_by_role("link", name="Скачать DOCX").click()
        document = docx.Document(io.BytesIO(open(download.value.path(), "rb").read()))
        self.assertEqual(document.tables[0].rows[1].cells[1].text, "Смирнов Иван")
        self.assertEqual(Order.objects.get().status, Order.Status.REGISTERED)

        page.goto(self.url("documents:templates"))
        self.assertTrue(self.fits_the_screen())
        page.screenshot(path="/tmp/documents_templates.png", full_page=True)
