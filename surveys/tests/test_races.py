"""Concurrency never breaks the rules: one answer per person and campaign, none after closing, one reminder a day."""

import datetime

from accounts.models import Role, User
from meetings.models import Reminder
from surveys import actions
from surveys.models import Campaign, Item, Questionnaire, Response
from testing.fixtures import RaceTestCase, make_participant, make_user, race


class SurveyRaceTestCase(RaceTestCase):
    def setUp(self):
        super().setUp()
        questionnaire = Questionnaire.objects.create(code="q", title="Анкета", stage=7, audience="mentee")
        self.item = Item.objects.create(questionnaire=questionnaire, position=1, kind="scale", text="Оценка")
        self.pupil = make_participant(self.school, "Иванова")
        self.own = make_user("pupil", Role.MENTEE, self.school, self.pupil)
        self.parent = make_user("parent", Role.REPRESENTATIVE, self.school, self.pupil)
        self.curator = make_user("curator", Role.CURATOR, self.school)
        self.campaign = Campaign.objects.create(organization=self.school, questionnaire=questionnaire,
                                                opened_on=datetime.date(2026, 12, 1))
        self.campaign.recipients.add(self.pupil)


class AnsweringRaceTests(SurveyRaceTestCase):
    def test_the_pupil_and_the_parent_answering_at_once_leave_one_answer(self):
        outcomes = race([lambda by=by: actions.answer(self.campaign, self.pupil, {self.item.pk: 8}, by=by)
                         for by in (self.own, self.parent)])
        self.assertEqual(outcomes, ["ok", "refused"])
        self.assertEqual(Response.objects.count(), 1)

    def test_an_answer_racing_the_closing_is_either_in_before_or_refused(self):
        race([lambda: actions.answer(self.campaign, self.pupil, {self.item.pk: 8}, by=self.own),
              lambda: actions.close(self.campaign, by=self.curator)])
        response = Response.objects.first()
        self.campaign.refresh_from_db()
        self.assertEqual(self.campaign.state, Campaign.State.CLOSED)
        if response is not None:
            self.assertLessEqual(response.answered_at, self.campaign.closed_at)


class RemindingRaceTests(SurveyRaceTestCase):
    def test_two_curators_reminding_at_once_send_each_person_one_mail(self):
        User.objects.filter(pk__in=[self.own.pk, self.parent.pk]).update(email="x@example.ru")
        race([lambda: actions.remind(self.campaign, actor=self.curator) for _ in range(2)])
        self.assertEqual(sorted(Reminder.objects.values_list("user", flat=True)), sorted([self.own.pk, self.parent.pk]))
