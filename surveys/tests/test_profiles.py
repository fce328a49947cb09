"""The questionnaires of stages 2–3 fill the profiles matching reads, by the path of the person's own questionnaire."""

import datetime

from logins.models import SelfEdit
from matching.reading import read_questionnaires
from people.models import MenteeRequest, MentorProfile
from surveys import actions
from surveys.models import Campaign, Questionnaire
from testing.fixtures import RegionTestCase

DAY = datetime.date(2026, 12, 4)


class ProfilesTests(RegionTestCase):
    def campaign(self, code: str, person) -> Campaign:
        campaign = Campaign.objects.create(organization=self.school_a, questionnaire=Questionnaire.objects.get(code=code),
                                           opened_on=DAY)
        campaign.recipients.add(person)
        return campaign

    def test_stage_2_answers_fill_the_mentee_profile_used_by_matching(self):
        campaign = self.campaign("mentee_needs", self.pupil_a)
        needs, wish, seen = campaign.questionnaire.items.all()
        actions.answer(campaign, self.pupil_a, {needs.pk: ["учёба", "проектная деятельность"], wish.pk: "да",
                                                seen.pk: "Знает математику"}, by=self.mentee_a)
        request = MenteeRequest.objects.get(participant=self.pupil_a)
        self.assertEqual((request.text, request.area),
                         ("учёба, проектная деятельность; Знает математику", MenteeRequest.Area.STUDY))
        answers = read_questionnaires([self.pupil_a.pk], DAY, mentors=False)[self.pupil_a.pk]
        self.assertEqual(answers.requests, ("учёба, проектная деятельность; Знает математику",))
        self.assertEqual(SelfEdit.objects.get().fields, ["запрос"])

    def test_stage_3_answers_fill_the_mentors_useful_for(self):
        campaign = self.campaign("mentor_usefulness", self.pupil_mentor_a)
        useful, ready, story = campaign.questionnaire.items.all()
        actions.answer(campaign, self.pupil_mentor_a, {useful.pk: ["проекты"], ready.pk: 8,
                                                       story.pk: "Веду кружок робототехники"}, by=self.mentor_a)
        self.assertEqual(MentorProfile.objects.get(participant=self.pupil_mentor_a).useful_for,
                         "проекты; Веду кружок робототехники")
        answers = read_questionnaires([self.pupil_mentor_a.pk], DAY, mentors=True)[self.pupil_mentor_a.pk]
        self.assertEqual(answers.useful_for, "проекты; Веду кружок робототехники")

    def test_answers_of_the_later_stages_leave_the_profiles_alone(self):
        campaign = self.campaign("pair_compatibility", self.pupil_a)
        comfort, go_on, trouble = campaign.questionnaire.items.all()
        actions.answer(campaign, self.pupil_a, {comfort.pk: 9, go_on.pk: "да", trouble.pk: "Ничего"},
                       by=self.mentee_a)
        self.assertFalse(MenteeRequest.objects.exists())
