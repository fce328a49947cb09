"""The curator's control page and its export, the week of meetings, and the iCalendar feed."""

import datetime
import io

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook

from accounts.models import Role
from meetings import actions
from meetings.models import Feedback, Meeting
from meetings.tests.base import START, PairTestCase, at, working_pair
from testing.fixtures import make_participant, make_user

D = datetime.date


class ControlTests(PairTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.meetings = []
        for number, (kind, score) in enumerate([("introduction", 5), ("trial", 4), ("planning", 3)]):
            meeting = actions.plan_meeting(actor=cls.mentor_a, pairs=[cls.pair], kind=kind, topic=f"Встреча {number}",
                                           starts_at=at(START + datetime.timedelta(days=1 + 7 * number)))
            Feedback.objects.create(meeting=meeting, pair=cls.pair, author=cls.pupil_a, side="mentee",
                                    usefulness=score, comfort=score, progress=score)
            cls.meetings.append(meeting)

    def test_the_curator_sees_every_pair_with_its_overdue_work_and_a_falling_trend(self):
        self.login(self.curator_a)
        response = self.client.get(reverse("meetings:control"))
        self.assertContains(response, self.pupil_a.last_name)
        self.assertContains(response, "5,0 → 4,0 → 3,0")
        self.assertContains(response, "снижается")
        self.assertContains(response, "<tr class=\"overdue\">")

    def test_the_head_sees_the_pairs_but_not_the_feedback_trend(self):
        self.login(self.head_a)
        response = self.client.get(reverse("meetings:control"))
        self.assertContains(response, self.pupil_a.last_name)
        self.assertNotContains(response, "5,0 → 4,0")

    def test_the_filters_narrow_the_page_and_the_export(self):
        other = working_pair(self.school_a, self.pupil_pupil,
                             make_participant(self.school_a, "Лебедев", is_mentor=True, is_mentee=False, grade=10,
                                              birth_date=D(2010, 1, 1)), make_participant(self.school_a, "Орлова"))
        self.login(self.curator_a)
        page = self.client.get(reverse("meetings:control"), {"mentor": other.mentor_id})
        self.assertContains(page, "Орлова")
        self.assertNotContains(page, self.pupil_a.last_name)
        export = self.client.get(reverse("meetings:control_xlsx"), {"mentor": self.pupil_mentor_a.pk})
        rows = list(load_workbook(io.BytesIO(export.content)).active.values)
        self.assertEqual(len(rows), 2)
        self.assertIn(self.pupil_a.last_name, rows[1][1])
        self.assertEqual(rows[1][9], "да")

    def test_the_week_shows_the_organizations_meetings_monday_to_sunday(self):
        self.login(self.curator_a)
        response = self.client.get(reverse("meetings:week"), {"day": "2026-09-09"})
        self.assertContains(response, "07.09.2026 – 13.09.2026")
        self.assertContains(response, "Встреча 1")
        self.assertNotContains(response, "Встреча 0")


class FeedTests(PairTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.meeting = actions.plan_meeting(actor=cls.mentor_a, pairs=[cls.pair], kind="introduction",
                                           topic="Знакомство", starts_at=timezone.now() + datetime.timedelta(days=2))
        cls.other = working_pair(cls.school_a, cls.pupil_pupil, cls.pupil_mentor_a,
                                 make_participant(cls.school_a, "Орлова"))
        actions.plan_meeting(actor=cls.mentor_a, pairs=[cls.other], kind="introduction", topic="Чужая встреча",
                             starts_at=timezone.now() + datetime.timedelta(days=3))

    def events(self, key):
        response = self.client.get(reverse("meetings:feed", args=[key]))
        self.assertEqual(response.status_code, 200)
        return [str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]

    def test_a_mentees_feed_shows_only_the_own_meetings(self):
        key = actions.renew_calendar(self.mentee_a)
        self.client.logout()
        self.assertEqual(self.events(key), ["Встреча-знакомство: Знакомство"])

    def test_the_mentors_feed_shows_the_meetings_of_all_the_mentors_pairs(self):
        key = actions.renew_calendar(self.mentor_a)
        self.assertEqual(len(self.events(key)), 2)

    def test_a_renewed_address_retires_the_old_one(self):
        old = actions.renew_calendar(self.mentee_a)
        actions.renew_calendar(self.mentee_a)
        self.assertEqual(self.client.get(reverse("meetings:feed", args=[old])).status_code, 404)

    def test_a_guessed_or_blocked_address_is_not_found(self):
        self.assertEqual(self.client.get(reverse("meetings:feed", args=["x" * 43])).status_code, 404)
        key = actions.renew_calendar(self.mentee_a)
        self.mentee_a.is_active = False
        self.mentee_a.save()
        self.assertEqual(self.client.get(reverse("meetings:feed", args=[key])).status_code, 404)

    def test_the_calendar_page_shows_a_new_address_once(self):
        self.login(self.mentee_a)
        response = self.client.post(reverse("meetings:calendar"))
        self.assertContains(response, "/meetings/calendar/")
        self.assertNotContains(self.client.get(reverse("meetings:calendar")), ".ics")

    def test_a_head_without_a_personal_role_still_gets_a_feed_of_the_organizations_meetings(self):
        head = make_user("head_feed", Role.HEAD, self.school_a)
        self.assertEqual(len(self.events(actions.renew_calendar(head))), 2)
        self.assertEqual(Meeting.objects.count(), 2)


class HomePageTests(PairTestCase):
    def test_overdue_work_appears_on_the_curators_and_the_mentors_home_page_not_on_the_mentees(self):
        # No meeting since 01.09.2026: the regular meeting is overdue today.
        for user, shown in ((self.curator_a, True), (self.mentor_a, True), (self.mentee_a, False)):
            self.login(user)
            response = self.client.get(reverse("home"))
            self.assertEqual("Регулярная встреча (последняя — 01.09.2026)" in response.content.decode(), shown, user)
