from playwright.sync_api import expect

from pairs.models import Pair, PairStatus
from people import actions
from testing.browser import BrowserTestCase
from testing.fixtures import make_participant


class CuratorMatchesTests(BrowserTestCase):
    def test_a_curator_runs_matching_reads_the_reasons_forbids_a_pair_runs_again_and_accepts(self):
        actions.save_mentor_profile(self.pupil_mentor_a, actor=None, source="pupils",
                                    competences="олимпиадная математика", hours_per_month=4)
        actions.add_request(self.pupil_a, actor=None, text="подготовка к олимпиаде")
        make_participant(self.school_a, "Младший", grade=5)
        page = self.page
        self.log_in("curator_a")

        page.goto(self.url("matching:list"))
        page.select_option("#id_scope", label="МБОУ «СОШ № 1»")
        page.select_option("#id_form", label="ученик – ученик")
        page.fill("#id_start_date", "2026-12-01")
        page.get_by_role("button", name="Подобрать").click()
        main = page.locator("main")
        expect(main).to_contain_text("Подобрано наставляемых: 2")
        suggestion = page.locator(".mentee", has_text="Кузнецова Мария")
        expect(suggestion).to_contain_text("запрос «подготовка к олимпиаде» ↔ компетенция «олимпиадная математика»")
        self.assertTrue(self.fits_the_screen())

        suggestion.get_by_role("button", name="Исключить пару").click()  # htmx swaps the suggestion in place
        expect(page.locator(".mentee", has_text="Кузнецова Мария")).to_contain_text("исключено")
        page.get_by_role("button", name="Подобрать заново с отметками").click()
        expect(main).to_contain_text("Подобрано наставляемых: 1")
        expect(page.locator("table")).to_contain_text("куратор исключил всех подходящих наставников")

        page.get_by_role("button", name="Принять: создать предложенные пары").click()
        expect(page.get_by_role("status")).to_contain_text("Предложено пар: 1")
        expect(main).to_contain_text("Младший Иван")
        pair = Pair.objects.get()
        self.assertEqual((pair.status, pair.mentor, pair.mentees.get().mentee.last_name),
                         (PairStatus.PROPOSED, self.pupil_mentor_a, "Младший"))
        self.assertTrue(self.fits_the_screen())
