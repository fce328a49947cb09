"""In the browser, on a phone: the curator starts a campaign, the parent answers it for the child, the curator sees
the answer and the results."""

from playwright.sync_api import expect

from testing.browser import BrowserTestCase


class SurveyInTheBrowserTests(BrowserTestCase):
    def test_a_curator_sends_a_questionnaire_and_a_parent_answers_it_on_a_phone(self):
        page = self.page
        self.log_in("curator_a")
        page.goto(self.url("surveys:create"))
        page.get_by_label("Анкета").select_option(label="Анкета наставляемого: динамика (входная, промежуточная, "
                                                        "итоговая)")
        page.get_by_label("Срез").select_option(label="входная")
        page.get_by_role("button", name="Начать анкетирование").click()
        expect(page.get_by_text("Анкетирование начато.")).to_be_visible()
        expect(page.locator("main")).to_contain_text("нет ответа")
        self.context.clear_cookies()

        self.log_in("parent_a")
        page.goto(self.url("logins:surveys"))
        page.get_by_role("link", name="Заполнить анкету").click()
        self.assertTrue(self.fits_the_screen())
        for group, score in ((1, "6"), (2, "7"), (3, "9")):
            page.locator(f"div.scale >> nth={group - 1}").get_by_label(score, exact=True).check()
        page.get_by_label("4. Что изменилось за время наставничества?").fill("Стало интереснее учиться")
        page.get_by_role("button", name="Отправить ответы").click()
        expect(page.get_by_text("ответ отправлен")).to_be_visible()
        self.context.clear_cookies()

        self.log_in("curator_a")
        page.goto(self.url("surveys:results") + "?questionnaire=mentee_dynamics")
        expect(page.locator("main")).to_contain_text("100,0")
        self.assertTrue(self.fits_the_screen())
