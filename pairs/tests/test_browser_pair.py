import io

from docx import Document
from playwright.sync_api import expect

from pairs.models import Pair, PairStatus
from testing.browser import BrowserTestCase
from testing.fixtures import make_participant

PAIRS_ORDER = "О закреплении наставнических пар (групп)"


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


class CuratorFormsAPairTests(BrowserTestCase):
    def test_a_curator_forms_a_pair_is_refused_an_unfit_one_and_fixes_the_pair_by_a_registered_order(self):
        classmate = make_participant(self.school_a, "Одноклассников", grade=10)
        page = self.page
        self.log_in("curator_a")

        # «Новая пара»: the form, then a mentor and mentees among the eligible candidates.
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
        pair = Pair.objects.get()

        # The order fixing the pair: drafted, registered, downloaded.
        page.get_by_role("link", name="Приказ о закреплении").click()
        page.get_by_label("Смирнов Иван — Кузнецова Мария", exact=False).check()
        page.get_by_role("button", name="Сохранить проект").click()
        page.get_by_label("Номер приказа").fill("15-н")
        page.get_by_role("button", name="Зарегистрировать").click()
        expect(page.get_by_role("status")).to_contain_text("Пары (группы) утверждены приказом")
        with page.expect_download() as download:
            page.get_by_role("link", name="Скачать DOCX").click()
        text = docx_text(open(download.value.path(), "rb").read())
        self.assertIn(PAIRS_ORDER, text)
        self.assertIn("15-н", text)
        self.assertIn("Кузнецова Мария", text)

        pair.refresh_from_db()
        self.assertEqual(pair.status, PairStatus.APPROVED)
        page.goto(self.url("pairs:detail", pair.pk))
        expect(page.locator("main")).to_contain_text("утверждена приказом")
        self.assertTrue(self.fits_the_screen())
        page.screenshot(path="/tmp/e2_pair_card.png", full_page=True)
