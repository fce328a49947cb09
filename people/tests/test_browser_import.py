import datetime
import tempfile
from pathlib import Path

from openpyxl import Workbook
from playwright.sync_api import expect

from testing.browser import BrowserTestCase

HEADER = ["Фамилия", "Имя", "Отчество", "Дата рождения", "Категория", "Роль", "Класс/курс",
          "Согласие на обработку ПД", "Согласие законного представителя", "Законный представитель"]
ROWS = [
    ["Белоусова", "Анна", "Викторовна", "14.02.2013", "обучающийся", "наставляемый", "6Б", "да", "да",
     "Белоусова Ольга Петровна"],
    ["Григорьев", "Илья", "", datetime.date(2009, 9, 30), "обучающийся", "наставник", "10А", "да", "да",
     "Григорьева Нина Ивановна"],
]


def xlsx_file(directory: str) -> Path:
    book = Workbook()
    sheet = book.active
    for row in [HEADER, *ROWS]:
        sheet.append(row)
    path = Path(directory) / "участники.xlsx"
    book.save(path)
    return path


class CuratorImportsAndFindsAParticipantTests(BrowserTestCase):
    def test_a_curator_imports_a_file_finds_the_new_pupil_in_the_list_and_opens_the_card(self):
        page = self.page
        self.log_in("curator_a")

        page.goto(self.url("people:import"))
        with tempfile.TemporaryDirectory() as directory:
            page.set_input_files("#id_file", xlsx_file(directory))
            page.click("text=Проверить файл")
        expect(page.get_by_role("status")).to_contain_text("Ошибок нет")
        page.click("button:has-text('Загрузить 2 участников')")
        page.wait_for_url(f"{self.url('people:list')}?organization={self.school_a.pk}")

        page.fill("#id_q", "белоусова")
        results = page.locator("#participant-results")
        expect(results).not_to_contain_text("Кузнецова")
        expect(results).to_contain_text("Белоусова Анна Викторовна")
        self.assertTrue(self.fits_the_screen())

        results.get_by_role("link", name="Белоусова Анна Викторовна").click()
        expect(page.locator("h1")).to_have_text("Белоусова Анна Викторовна")
        expect(page.locator("main")).to_contain_text("14.02.2013")
        expect(page.locator("main")).to_contain_text("Белоусова Ольга Петровна")
        self.assertTrue(self.fits_the_screen())
