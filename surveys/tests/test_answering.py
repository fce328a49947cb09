"""Answering a campaign: who may answer, once, only while it is open; the satisfaction indicators read it."""

import datetime

from django.core.exceptions import ValidationError

from monitoring import satisfaction as monitoring_satisfaction
from surveys import actions
from surveys.models import Campaign, Questionnaire, Response
from testing.fixtures import RegionTestCase


class AnsweringTest(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.questionnaire = Questionnaire.objects.get(code="mentee_dynamics")
        cls.campaign = Campaign.objects.create(organization=cls.school_a, questionnaire=cls.questionnaire,
                                               wave=Campaign.Wave.FINAL, opened_on=datetime.date(2026, 12, 1))
        cls.campaign.recipients.add(cls.pupil_a)

    def values(self, satisfaction=9):
        scale, _, satisfied, text = self.questionnaire.items.all()
        return {scale.pk: 5, _.pk: 6, satisfied.pk: satisfaction, text.pk: "Стало легче учиться"}

    def test_a_minor_answers_through_the_parent(self):
        response = actions.answer(self.campaign, self.pupil_a, self.values(), by=self.parent_a)
        self.assertEqual(response.given_by, self.parent_a)

    def test_only_the_participant_their_parent_or_the_curator_from_paper_answers(self):
        for outsider in (self.mentor_a, self.curator_b, self.operator, self.psychologist_a):
            with self.assertRaises(ValidationError):
                actions.answer(self.campaign, self.pupil_a, self.values(), by=outsider)
        actions.answer(self.campaign, self.pupil_a, self.values(), by=self.curator_a)

    def test_an_answer_counts_once_per_person_and_campaign(self):
        actions.answer(self.campaign, self.pupil_a, self.values(), by=self.mentee_a)
        with self.assertRaisesMessage(ValidationError, "уже ответил"):
            actions.answer(self.campaign, self.pupil_a, self.values(), by=self.parent_a)
        self.assertEqual(Response.objects.filter(campaign=self.campaign).count(), 1)

    def test_a_closed_campaign_takes_no_answers(self):
        actions.close(self.campaign, by=self.curator_a)
        with self.assertRaisesMessage(ValidationError, "закрыто"):
            actions.answer(self.campaign, self.pupil_a, self.values(), by=self.mentee_a)
        self.assertFalse(Response.objects.exists())

    def test_a_score_outside_one_to_ten_is_refused_naming_the_question_and_nothing_is_written(self):
        with self.assertRaisesMessage(ValidationError, "Насколько вы удовлетворены"):
            actions.answer(self.campaign, self.pupil_a, self.values(satisfaction=11), by=self.mentee_a)
        self.assertFalse(Response.objects.exists())

    def test_final_answers_give_the_satisfaction_indicator_numbers_only(self):
        actions.answer(self.campaign, self.pupil_a, self.values(satisfaction=8), by=self.mentee_a)
        found = monitoring_satisfaction.by_organization([self.school_a.pk], datetime.date.today())
        self.assertEqual(found, {self.school_a.pk: {"satisfaction_mentees": (1, 1)}})

    def test_a_region_sees_no_responses_by_name(self):
        actions.answer(self.campaign, self.pupil_a, self.values(), by=self.mentee_a)
        self.assertFalse(Response.objects.visible_to(self.operator).exists())
        self.assertFalse(Response.objects.visible_to(self.municipal_a).exists())
        self.assertTrue(Response.objects.visible_to(self.curator_a).exists())
        self.assertTrue(Response.objects.visible_to(self.parent_a).exists())
