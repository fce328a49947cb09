"""On a phone: the mentor logs a meeting, the mentee gives feedback, the curator sees both on the control page."""

import datetime

from playwright.sync_api import expect

from meetings.models import Feedback, Meeting
from meetings.tests.base import working_pair
from programmes.models import MentorshipForm
from testing.browser import BrowserTestCase


class MeetingOnAPhoneTests(BrowserTestCase):
    def test_a_mentor_logs_a_meeting_the_mentee_gives_feedback_and_the_curator_sees_both(self):
        working_pair(self.school_a, MentorshipForm.objects.get(code="pupil_pupil"), self.pupil_mentor_a, self.pupil_a,
                     start=datetime.date(2026, 9, 1))
        page = self.page

        self.log_in("mentor_a")
        page.goto(self.url("meetings:list"))
        page.get_by_role("link", name="Запланировать встречу").click()
        page.select_option("#id_kind", label="встреча-знакомство")
        page.get_by_label("Смирнов Иван — Кузнецова Мария", exact=False).check()
        page.fill("#id_starts_at", "2026-09-03T15:00")
        page.fill("#id_topic", "Знакомство и интересы")
        page.fill("#id_summary", "Рассказали о себе, выбрали тему проекта.")
        self.assertTrue(self.fits_the_screen())
        page.get_by_role("button", name="Сохранить").click()
        expect(page.get_by_role("status")).to_contain_text("Встреча запланирована")
        expect(page.locator("main")).to_contain_text("выбрали тему проекта")
        meeting = Meeting.objects.get()
        self.context.clear_cookies()  # the next person, on their own phone

        self.log_in("mentee_a")
        page.goto(self.url("meetings:detail", meeting.pk))
        page.get_by_role("link", name="Оставить обратную связь").click()
        for field, score in (("usefulness", 5), ("comfort", 4), ("progress", 4)):
            page.locator(f"input[name={field}][value='{score}']").check()
        page.fill("#id_went_well", "Было интересно")
        page.fill("#id_next_step", "Принести черновик проекта")
        self.assertTrue(self.fits_the_screen())
        page.get_by_role("button", name="Отправить").click()
        expect(page.get_by_role("status")).to_contain_text("Обратная связь сохранена")
        self.assertEqual(Feedback.objects.get().side, "mentee")
        self.context.clear_cookies()  # the next person, on their own phone

        self.log_in("curator_a")
        page.goto(self.url("meetings:control"))
        row = page.locator("tr", has_text="Кузнецова Мария")
        expect(row).to_contain_text("03.09.2026")
        expect(row).to_contain_text("4,3")
        self.assertTrue(self.fits_the_screen())
        row.get_by_role("link").first.click()
        page.get_by_role("link", name="03.09.2026 15:00").click()
        expect(page.locator("#feedback")).to_contain_text("Было интересно")
        self.assertTrue(self.fits_the_screen())
        page.screenshot(path="/tmp/meetings_feedback_phone.png", full_page=True)
