"""Meetings and the feedback after them: who plans, the order of the first three, who sees the feedback."""

import datetime
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from meetings import actions
from meetings.models import Feedback, Meeting
from meetings.tests.base import START, PairTestCase, at, working_pair
from testing.fixtures import make_participant

DAY = datetime.timedelta(days=1)


class MeetingTests(PairTestCase):
    def plan(self, kind, day, pairs=None, **values):
        values.setdefault("topic", "Встреча")
        return actions.plan_meeting(actor=self.mentor_a, pairs=pairs or [self.pair], kind=kind, starts_at=at(day),
                                    **values)

    def test_a_mentor_plans_the_meetings_of_the_own_pair_in_the_order_of_the_documents(self):
        self.plan(Meeting.Kind.INTRODUCTION, START + DAY)
        with self.assertRaisesMessage(ValidationError, "Сначала проводится пробная рабочая встреча."):
            self.plan(Meeting.Kind.PLANNING, START + 3 * DAY)
        self.plan(Meeting.Kind.TRIAL, START + 5 * DAY)
        self.plan(Meeting.Kind.PLANNING, START + 8 * DAY)
        self.plan(Meeting.Kind.REGULAR, START + 20 * DAY)
        self.assertEqual(self.pair.meetings.count(), 4)

    def test_a_mentor_never_plans_a_meeting_of_another_mentors_pair(self):
        other = working_pair(self.school_a, self.pupil_pupil,
                             make_participant(self.school_a, "Лебедев", is_mentor=True, is_mentee=False, grade=10,
                                              birth_date=datetime.date(2010, 1, 1)),
                             make_participant(self.school_a, "Орлова", grade=5))
        with self.assertRaises(PermissionDenied):
            self.plan(Meeting.Kind.INTRODUCTION, START + DAY, pairs=[other])

    def test_a_remote_meeting_needs_a_link(self):
        with self.assertRaisesMessage(ValidationError, "Для дистанционной встречи укажите ссылку."):
            self.plan(Meeting.Kind.INTRODUCTION, START + DAY, format=Meeting.Format.REMOTE)

    def test_a_meeting_of_one_kind_is_of_one_pair_and_a_group_meeting_of_several(self):
        second = working_pair(self.school_a, self.pupil_pupil, self.pupil_mentor_a,
                              make_participant(self.school_a, "Орлова", grade=5))
        with self.assertRaises(ValidationError):
            self.plan(Meeting.Kind.INTRODUCTION, START + DAY, pairs=[self.pair, second])
        group = self.plan(Meeting.Kind.GROUP, START + DAY, pairs=[self.pair, second])
        self.assertEqual(group.pairs.count(), 2)

    def test_a_group_meeting_shows_a_mentee_only_the_own_pair(self):
        orlova = make_participant(self.school_a, "Орлова", grade=5)
        second = working_pair(self.school_a, self.pupil_pupil, self.pupil_mentor_a, orlova)
        group = self.plan(Meeting.Kind.GROUP_REFLECTION, START + DAY, pairs=[self.pair, second])
        self.login(self.mentee_a)
        response = self.client.get(reverse("meetings:detail", args=[group.pk]))
        self.assertContains(response, self.pupil_a.last_name)
        self.assertNotContains(response, "Орлова")

    def test_the_mentor_logs_a_meeting_on_the_page(self):
        self.login(self.mentor_a)
        response = self.client.post(reverse("meetings:create"), {
            "kind": "introduction", "pairs": [self.pair.pk], "starts_at": "2026-09-02T15:00", "duration_minutes": 40,
            "format": "in_person", "place": "каб. 12", "topic": "Знакомство", "summary": "Рассказали о себе."})
        meeting = Meeting.objects.get()
        self.assertRedirects(response, reverse("meetings:detail", args=[meeting.pk]))
        self.assertEqual((meeting.summary, meeting.planned_by), ("Рассказали о себе.", self.mentor_a))


class FeedbackTests(PairTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.meeting = actions.plan_meeting(actor=cls.mentor_a, pairs=[cls.pair], kind=Meeting.Kind.INTRODUCTION,
                                           starts_at=at(START + DAY), topic="Знакомство")

    def give(self, user, **values):
        values = {"usefulness": 4, "comfort": 5, "progress": 3, **values}
        return actions.give_feedback(self.meeting, actor=user, **values)

    def test_each_side_gives_feedback_once(self):
        self.assertEqual(self.give(self.mentee_a).side, "mentee")
        self.assertEqual(self.give(self.mentor_a).side, "mentor")
        with self.assertRaisesMessage(ValidationError, "Вы уже оставили обратную связь об этой встрече."):
            self.give(self.mentee_a)

    def test_a_parent_gives_the_childs_feedback_and_the_child_then_may_not_repeat_it(self):
        self.give(self.parent_a)
        with self.assertRaises(ValidationError):
            self.give(self.mentee_a)

    def test_somebody_outside_the_pair_gives_no_feedback(self):
        for user in (self.curator_a, self.head_a, self.curator_b):
            with self.assertRaises(PermissionDenied):
                self.give(user)

    def test_a_score_outside_1_to_5_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "Оценка — от 1 до 5."):
            self.give(self.mentee_a, comfort=6)

    def test_feedback_is_private_to_the_pair_the_curator_and_the_psychologist(self):
        self.give(self.mentee_a, went_well="Секрет доверия")
        url = reverse("meetings:detail", args=[self.meeting.pk])
        for user, sees in ((self.mentor_a, True), (self.mentee_a, True), (self.parent_a, True),
                           (self.curator_a, True), (self.psychologist_a, True), (self.head_a, False)):
            self.login(user)
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, user)
            self.assertEqual("Секрет доверия" in response.content.decode(), sees, user)
        self.assertEqual(Feedback.objects.visible_to(self.head_a).count(), 0)


class ApiTests(PairTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.meeting = actions.plan_meeting(actor=cls.mentor_a, pairs=[cls.pair], kind=Meeting.Kind.INTRODUCTION,
                                           starts_at=at(START + DAY), topic="Знакомство")

    def api(self, user, method, path, body=None):
        from accounts.models import ApiToken

        key = ApiToken.issue(user, "test")[1]
        return self.client.generic(method, f"/api/v1/meetings/{path}", json.dumps(body) if body else "",
                                   content_type="application/json", headers={"Authorization": f"Bearer {key}"})

    def test_the_mentee_gives_feedback_through_the_api_and_the_head_does_not_read_it(self):
        response = self.api(self.mentee_a, "POST", f"{self.meeting.pk}/feedback",
                            {"usefulness": 5, "comfort": 4, "progress": 4, "went_well": "Понятно"})
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(len(self.api(self.psychologist_a, "GET", f"{self.meeting.pk}/feedback").json()), 1)
        self.assertEqual(self.api(self.head_a, "GET", f"{self.meeting.pk}/feedback").json(), [])
        again = self.api(self.mentee_a, "POST", f"{self.meeting.pk}/feedback", {"usefulness": 5, "comfort": 4,
                                                                                 "progress": 4})
        self.assertEqual(again.status_code, 422)

    def test_a_mentor_plans_through_the_api_in_the_order_of_the_documents(self):
        body = {"kind": "planning", "pairs": [self.pair.pk], "starts_at": "2026-09-20T15:00:00+03:00", "topic": "План"}
        self.assertEqual(self.api(self.mentor_a, "POST", "", body).status_code, 422)
        body["kind"] = "trial"
        self.assertEqual(self.api(self.mentor_a, "POST", "", body).status_code, 201)
        self.assertEqual(self.api(self.curator_b, "POST", "", body).status_code, 404)


class PaperFormsTests(PairTestCase):
    """Pupils without a login fill the forms on paper; the pair's manager types them in."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.meeting = actions.plan_meeting(actor=cls.curator_a, pairs=[cls.pair], kind=Meeting.Kind.INTRODUCTION,
                                           starts_at=at(START + DAY), topic="Знакомство")

    def test_the_curator_types_in_a_paper_feedback_form_of_the_mentee(self):
        feedback = actions.give_feedback(self.meeting, actor=self.curator_a, author=self.pupil_a, usefulness=4,
                                         comfort=4, progress=3)
        self.assertEqual((feedback.side, feedback.author, feedback.written_by), ("mentee", self.pupil_a, self.curator_a))

    def test_nobody_but_the_pairs_manager_types_in_a_paper_form(self):
        for user in (self.psychologist_a, self.curator_b, self.mentor_a):
            with self.assertRaises(PermissionDenied):
                actions.give_feedback(self.meeting, actor=user, author=self.pupil_a, usefulness=4, comfort=4,
                                      progress=3)
        with self.assertRaises(ValidationError):
            actions.give_feedback(self.meeting, actor=self.curator_a, author=self.pupil_b, usefulness=4, comfort=4,
                                  progress=3)

    def test_a_finished_pairs_meetings_are_logged_up_to_its_last_day_only(self):
        from pairs.models import Pair

        Pair.objects.filter(pk=self.pair.pk).update(status="completed", ended_on=datetime.date(2026, 10, 1))
        self.pair.refresh_from_db()
        actions.plan_meeting(actor=self.curator_a, pairs=[self.pair], kind="trial", topic="Проба",
                             starts_at=at(datetime.date(2026, 9, 10)))
        with self.assertRaisesMessage(ValidationError, "встречи не планируются"):
            actions.plan_meeting(actor=self.curator_a, pairs=[self.pair], kind="planning", topic="План",
                                 starts_at=at(datetime.date(2026, 10, 5)))

    def test_the_curator_sets_the_period_and_holidays_on_the_schedule_page(self):
        self.login(self.curator_a)
        self.client.post(reverse("meetings:schedule"), {"period_days": 10})
        self.client.post(reverse("meetings:schedule"), {"title": "Осенние", "start": "2026-10-26", "end": "2026-11-03"})
        page = self.client.get(reverse("meetings:schedule"))
        self.assertContains(page, 'value="10"')
        self.assertContains(page, "Осенние: 26.10.2026 – 03.11.2026")
        response = self.client.post(reverse("meetings:schedule"), {"title": "x", "start": "2026-11-03",
                                                                    "end": "2026-10-26"})
        self.assertContains(response, "Конец каникул раньше начала.")
