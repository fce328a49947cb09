from playwright.sync_api import expect

from nastavnik.testing import make_participant
from nastavnik.tests.browser import BrowserTestCase
from pairs.models import Pair


class CuratorFormsAPairTests(BrowserTestCase):
    def test_a_curator_forms_a_pair_from_eligible_candidates_and_is_refused_an_ineligible_one(self):
        classmate = make_participant(self.school_a, "Одноклассников", grade=10)
        page = self.page
        self.log_in("curator_a")

        page.goto(self.url("pairs:list"))
        page.get_by_role("link", name="Новая пара").click()
        page.select_option("#id_form", label="ученик – ученик")
        mentors = page.locator("#mentor-candidates")
        expect(mentors).to_contain_text("свободно мест: 3 из 3")
        mentors.get_by_label("Смирнов Иван").check()

        mentees = page.locator("#mentee-candidates")
        expect(mentees).to_contain_text("Кузнецова Мария")
        mentees.locator("summary").click()
        expect(mentees).to_contain_text("более старшем классе")
        self.assertTrue(self.fits_the_screen())

        # A crafted submission of the unfit pupil is refused by the server with the rule's message.
        page.evaluate(f"document.querySelector('input[name=mentees][value=\"{classmate.pk}\"]').disabled = false")
        mentees.get_by_label("Одноклассников").check()
        page.get_by_role("button", name="Предложить пару").click()
        expect(page.get_by_role("alert")).to_contain_text("более старшем классе")
        self.assertFalse(Pair.objects.exists())

        mentees = page.locator("#mentee-candidates")
        mentees.get_by_label("Одноклассников").uncheck()
        mentees.get_by_label("Кузнецова Мария").check()
        page.get_by_role("button", name="Предложить пару").click()
        expect(page.get_by_role("status")).to_contain_text("Пара предложена")
        expect(page.locator("h1")).to_contain_text("Смирнов Иван")
        self.assertTrue(self.fits_the_screen())
        page.screenshot(path="/tmp/e2_pair_card.png", full_page=True)
