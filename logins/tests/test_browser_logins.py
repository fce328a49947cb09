import datetime
import io
import re

from django.core import mail
from docx import Document
from playwright.sync_api import expect

from people.actions import record_consent
from people.models import Consent
from testing.browser import BrowserTestCase
from testing.fixtures import make_participant

NEW_PASSWORD = "Sokolova-Eva-2026"
CODE = re.compile(r"^[0-9A-Z]{5}-[0-9A-Z]{5}$")


def slip_codes(content: bytes) -> dict[str, str]:
    """Name on the slip → its code."""
    codes = {}
    for row in Document(io.BytesIO(content)).tables[0].rows:
        for cell in row.cells:
            lines = [p.text for p in cell.paragraphs]
            codes.update((lines[1], line) for line in lines if CODE.match(line))  # an empty cell has none
    return codes


class PeopleSignInTests(BrowserTestCase):
    def test_a_pupil_signs_in_with_a_code_from_the_class_sheet_and_a_parent_from_an_email_link(self):
        pupil = make_participant(self.school_a, "Соколова", first_name="Ева", grade=8, grade_letter="А",
                                 consents=False)
        record_consent(pupil, actor=self.curator_a, kind=Consent.Kind.REPRESENTATIVE,
                       given_on=datetime.date(2026, 9, 1), representative_name="Соколов Павел Андреевич")
        page = self.page

        # The curator prints the slips of class 8А.
        self.log_in("curator_a")
        page.goto(self.url("logins:list"))
        page.get_by_role("link", name="Коды для класса").click()
        page.get_by_label("Класс/курс").fill("8")
        page.get_by_label("Литера").fill("А")
        with page.expect_download() as download:
            page.get_by_role("button", name="Напечатать коды").click()
        code = slip_codes(open(download.value.path(), "rb").read())["Соколова Ева"]

        # … and invites the father by e-mail from the pupil's card.
        page.goto(self.url("people:detail", pupil.pk))
        page.get_by_role("link", name="Пригласить").click()
        page.get_by_label("Кого приглашаем").select_option(label="законный представитель")
        page.get_by_label("ФИО законного представителя").fill("Соколов Павел Андреевич")
        page.get_by_label("E-mail").fill("sokolov@example.org")
        page.get_by_role("button", name="Пригласить").click()
        expect(page.get_by_role("status")).to_contain_text("Приглашение отправлено на sokolov@example.org")
        link = re.search(r"http\S+", mail.outbox[-1].body).group()
        self.context.clear_cookies()

        # The pupil types the code from the slip, chooses a login and a password, and states a request.
        page.goto(self.url("login"))
        page.get_by_role("link", name="Вход по коду из листка").click()
        page.get_by_label("Код из листка").fill(code.lower())
        page.get_by_role("button", name="Продолжить").click()
        page.get_by_label("Логин").fill("sokolova")
        page.locator("#id_password").fill(NEW_PASSWORD)
        page.get_by_label("Пароль ещё раз").fill(NEW_PASSWORD)
        page.get_by_role("button", name="Сохранить и войти").click()
        expect(page.get_by_role("status")).to_contain_text("вы вошли")
        self.assertTrue(self.fits_the_screen())
        page.get_by_role("link", name="Моя анкета и запрос").click()
        page.get_by_label("Мой запрос").fill("Хочу подготовиться к олимпиаде по биологии")
        page.get_by_label("Область запроса").select_option(label="олимпиады и конкурсы")
        page.get_by_role("button", name="Сохранить анкету").click()
        expect(page.get_by_role("status")).to_contain_text("Анкета сохранена")
        expect(page.locator("main")).to_contain_text("Хочу подготовиться к олимпиаде по биологии")
        self.context.clear_cookies()

        # The father opens the link, sets a password and gives the consent to the processing of personal data.
        page.goto(link)
        page.get_by_label("Логин").fill("sokolov")
        page.locator("#id_password").fill(NEW_PASSWORD)
        page.get_by_label("Пароль ещё раз").fill(NEW_PASSWORD)
        page.get_by_role("button", name="Сохранить и войти").click()
        expect(page.locator("main")).to_contain_text("Ребёнок: Соколова Ева")
        page.goto(self.url("logins:consents"))
        page.get_by_role("button", name="Дать «согласие на обработку персональных данных»").click()
        expect(page.get_by_role("status")).to_contain_text("Согласие дано")
        self.assertTrue(self.fits_the_screen())
        page.screenshot(path="/tmp/logins_consents.png", full_page=True)
        self.context.clear_cookies()

        # The curator sees both signed in, the request the pupil wrote and the consent that came online.
        self.log_in("curator_a")
        page.goto(self.url("logins:list") + "?state=signed_in")
        rows = page.locator("tbody tr")
        expect(rows).to_have_count(2)
        expect(rows.filter(has_text="Соколов Павел Андреевич")).to_contain_text("вошёл")
        expect(page.locator("main")).to_contain_text("Соколова Ева: запрос")
        self.assertTrue(self.fits_the_screen())
        page.screenshot(path="/tmp/logins_invitations.png", full_page=True)
        page.goto(self.url("people:detail", pupil.pk))
        consents = page.locator("section", has_text="Согласия")
        expect(consents.locator("tr", has_text="обработку персональных данных")).to_contain_text("онлайн")
        expect(consents.locator("tr", has_text="законного представителя")).to_contain_text("на бумаге")
        expect(page.locator("main")).to_contain_text("Хочу подготовиться к олимпиаде по биологии")
