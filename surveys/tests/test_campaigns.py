"""Campaigns from the pages: to whom a questionnaire goes, who answered (names inside the organization, numbers
above it), reminders once a day, closing, a territory's one campaign across its schools."""

import datetime

from django.core import mail
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role, User
from audit.models import AuditEntry
from meetings.models import Reminder
from pairs.models import Pair, PairMentee, PairStatus
from surveys import actions
from surveys.models import Campaign, Questionnaire, Response
from testing.fixtures import RegionTestCase, make_participant, make_user

DAY = datetime.date(2026, 12, 4)


def with_email(*users):
    for user in users:
        User.objects.filter(pk=user.pk).update(email=f"{user.username}@example.ru")


class CampaignTestCase(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.dynamics = Questionnaire.objects.get(code="mentee_dynamics")
        cls.pair = Pair.objects.create(organization=cls.school_a, form=cls.pupil_pupil, mentor=cls.pupil_mentor_a,
                                       status=PairStatus.ACTIVE, start_date=datetime.date(2026, 9, 15),
                                       planned_end_date=datetime.date(2027, 5, 31))
        PairMentee.objects.create(pair=cls.pair, mentee=cls.pupil_a)
        cls.unpaired = make_participant(cls.school_a, "Беспарова")

    def open(self, organization=None, **audience) -> Campaign:
        return actions.open_campaign(organization=organization or self.school_a, questionnaire=self.dynamics,
                                     wave=Campaign.Wave.FINAL, actor=self.curator_a, opened_on=DAY, **audience)

    def values(self, campaign, satisfaction=9):
        return {item.pk: satisfaction if item.kind == "scale" else "Стало легче"
                for item in campaign.questionnaire.items.all()}


class AudienceTests(CampaignTestCase):
    def test_a_campaign_goes_to_the_role_the_questionnaire_names(self):
        self.assertEqual(set(self.open().recipients.all()), {self.pupil_a, self.unpaired})

    def test_the_pair_state_and_the_form_narrow_the_audience(self):
        self.assertEqual(list(self.open(pair_status=PairStatus.ACTIVE).recipients.all()), [self.pupil_a])
        self.assertEqual(list(self.open(form=self.pupil_pupil).recipients.all()), [self.pupil_a])
        self.assertEqual(list(self.open(pair_status=actions.WITHOUT_PAIR).recipients.all()), [self.unpaired])
        self.assertEqual(set(self.open(role=Role.MENTOR, form=self.pupil_pupil).recipients.all()),
                         {self.pupil_mentor_a})

    def test_an_empty_audience_is_refused_with_a_message(self):
        self.login(self.curator_a)
        response = self.client.post(reverse("surveys:create"), {
            "organization": self.school_a.pk, "questionnaire": self.dynamics.pk, "wave": "final",
            "pair_status": PairStatus.TERMINATED})
        self.assertContains(response, "ни один участник")
        self.assertFalse(Campaign.objects.exists())

    def test_a_curator_starts_a_campaign_from_the_page(self):
        self.login(self.curator_a)
        response = self.client.post(reverse("surveys:create"), {
            "organization": self.school_a.pk, "questionnaire": self.dynamics.pk, "wave": "entry", "role": "mentee"})
        campaign = Campaign.objects.get()
        self.assertRedirects(response, reverse("surveys:detail", args=[campaign.pk]))
        self.assertEqual(campaign.recipients.count(), 2)
        entry = AuditEntry.objects.get(object_type="campaign")
        self.assertEqual((entry.actor, entry.changes), (self.curator_a, {"recipients": [None, 2]}))


class WhoAnsweredTests(CampaignTestCase):
    def test_the_curator_sees_who_answered_and_who_not(self):
        campaign = self.open()
        actions.answer(campaign, self.pupil_a, self.values(campaign), by=self.mentee_a)
        self.login(self.curator_a)
        page = self.client.get(reverse("surveys:detail", args=[campaign.pk])).content.decode()
        self.assertIn("Кузнецова", page)
        self.assertIn("Беспарова", page)
        self.assertIn("внести бумажную анкету", page)
        self.assertIn("Ответили: <strong>1</strong> из 2", page)

    def test_a_municipal_user_never_sees_a_respondents_name(self):
        school = self.open()
        territory = self.open(self.municipality_a)
        for campaign in (school, territory.parts.get()):
            actions.answer(campaign, self.pupil_a, self.values(campaign), by=self.mentee_a)
        self.login(self.municipal_a)
        pages = [self.client.get(reverse("surveys:detail", args=[c.pk])) for c in (school, territory)]
        pages += [self.client.get(reverse("surveys:list")),
                  self.client.get(reverse("surveys:results"), {"organization": self.municipality_a.pk})]
        for page in pages:
            self.assertEqual(page.status_code, 200)
            for name in ("Кузнецова", "Беспарова", "Смирнов"):
                self.assertNotContains(page, name)
        self.assertContains(pages[1], "Ответили: <strong>1</strong> из 2")
        self.assertContains(pages[1], self.school_a.name)

    def test_a_curator_enters_a_paper_questionnaire(self):
        campaign = self.open()
        self.login(self.curator_a)
        items = {f"item_{pk}": value for pk, value in self.values(campaign).items()}
        response = self.client.post(reverse("surveys:paper", args=[campaign.pk, self.unpaired.pk]), items)
        self.assertRedirects(response, reverse("surveys:detail", args=[campaign.pk]))
        self.assertEqual(Response.objects.get().given_by, self.curator_a)


class TerritoryTests(CampaignTestCase):
    def test_a_region_runs_one_campaign_across_its_schools_one_part_each(self):
        campaign = actions.open_campaign(organization=self.region, questionnaire=self.dynamics, wave="entry",
                                         actor=self.operator, opened_on=DAY)
        self.assertEqual(sorted(p.organization.name for p in campaign.parts.all()),
                         sorted([self.school_a.name, self.school_b.name]))
        self.assertFalse(campaign.recipients.exists())
        actions.close(campaign, by=self.operator)
        self.assertFalse(Campaign.objects.filter(state=Campaign.State.OPEN).exists())

    def test_the_curators_questionnaire_goes_to_every_school_and_is_answered_by_its_curator(self):
        swot = Questionnaire.objects.get(code="swot")
        campaign = actions.open_campaign(organization=self.municipality_a, questionnaire=swot, wave="final",
                                         actor=self.municipal_a, opened_on=DAY)
        part = campaign.parts.get(organization=self.school_a)
        self.login(self.curator_a)
        fields = {f"item_{item.pk}": "Опытные наставники" for item in swot.items.all()}
        self.client.post(reverse("surveys:staff_answer", args=[part.pk]), fields)
        self.assertEqual(Response.objects.get(participant__isnull=True).given_by, self.curator_a)


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
class ReminderTests(CampaignTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        with_email(cls.mentee_a, cls.parent_a, cls.curator_a)

    def remind(self, campaign, day) -> int:
        with self.captureOnCommitCallbacks(execute=True):
            return actions.remind(campaign, actor=self.curator_a, day=day)

    def test_a_reminder_goes_once_a_day_to_the_pupil_and_the_parent(self):
        campaign = self.open()
        self.assertEqual(self.remind(campaign, DAY), 2)
        self.assertEqual(self.remind(campaign, DAY), 0)
        self.assertEqual(sorted(m.to[0] for m in mail.outbox), ["mentee_a@example.ru", "parent_a@example.ru"])
        self.assertEqual(self.remind(campaign, DAY + datetime.timedelta(days=1)), 2)
        self.assertEqual(Reminder.objects.filter(stage=Reminder.Stage.SURVEY).count(), 4)

    def test_who_answered_is_not_reminded(self):
        campaign = self.open()
        actions.answer(campaign, self.pupil_a, self.values(campaign), by=self.parent_a)
        self.assertEqual(self.remind(campaign, DAY), 0)

    def test_reminding_reads_the_logins_of_all_who_did_not_answer_at_once(self):
        campaign = self.open()
        self.assertEqual(self.remind(campaign, DAY), 2)
        with CaptureQueriesContext(connection) as before:
            self.remind(campaign, DAY)
        for n in range(8):  # people without a login: nobody to write to, nothing more to read
            campaign.recipients.add(make_participant(self.school_a, f"Безлогинов{n}"))
        with self.assertNumQueries(len(before.captured_queries)):
            self.assertEqual(self.remind(campaign, DAY), 0)

    def test_the_button_reminds_and_says_how_many(self):
        campaign = self.open()
        self.login(self.curator_a)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("surveys:remind", args=[campaign.pk]), follow=True)
        self.assertContains(response, "Напоминаний отправлено: 2")
        self.assertEqual(len(mail.outbox), 2)


class ClosingTests(CampaignTestCase):
    def test_a_closed_campaign_refuses_answers_on_every_page(self):
        campaign = self.open()
        self.login(self.curator_a)
        self.client.post(reverse("surveys:close", args=[campaign.pk]))
        self.login(self.mentee_a)
        self.assertEqual(self.client.get(reverse("logins:survey_answer", args=[campaign.pk, self.pupil_a.pk]))
                         .status_code, 404)
        self.login(self.curator_a)
        items = {f"item_{pk}": value for pk, value in self.values(campaign).items()}
        response = self.client.post(reverse("surveys:paper", args=[campaign.pk, self.unpaired.pk]), items)
        self.assertContains(response, "Анкетирование закрыто")
        self.assertFalse(Response.objects.exists())


class OwnQuestionnairesTests(CampaignTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.other_child = make_participant(cls.school_a, "Чужаков")
        cls.own_child_user = make_user("pupil_own", Role.MENTEE, cls.school_a, cls.unpaired)

    def answer_page(self, campaign, participant):
        return reverse("logins:survey_answer", args=[campaign.pk, participant.pk])

    def test_a_mentee_answers_once(self):
        campaign = self.open()
        self.login(self.mentee_a)
        self.assertContains(self.client.get(reverse("logins:surveys")), "Заполнить анкету")
        fields = {f"item_{pk}": value for pk, value in self.values(campaign).items()}
        self.assertRedirects(self.client.post(self.answer_page(campaign, self.pupil_a), fields),
                             reverse("logins:surveys"))
        self.assertContains(self.client.get(reverse("logins:surveys")), "ответ отправлен")
        self.assertEqual(self.client.post(self.answer_page(campaign, self.pupil_a), fields).status_code, 404)
        self.assertEqual(Response.objects.get().given_by, self.mentee_a)

    def test_a_parent_answers_for_their_minor_child_but_not_for_another_child(self):
        campaign = self.open()
        campaign.recipients.add(self.other_child)
        self.login(self.parent_a)
        listed = self.client.get(reverse("logins:surveys"))
        self.assertContains(listed, "Кузнецова")
        self.assertNotContains(listed, "Чужаков")
        fields = {f"item_{pk}": value for pk, value in self.values(campaign).items()}
        self.assertEqual(self.client.post(self.answer_page(campaign, self.other_child), fields).status_code, 404)
        self.client.post(self.answer_page(campaign, self.pupil_a), fields)
        self.assertEqual(list(Response.objects.values_list("participant", "given_by")),
                         [(self.pupil_a.pk, self.parent_a.pk)])

    def test_a_score_left_out_is_named_on_the_form(self):
        campaign = self.open()
        self.login(self.mentee_a)
        response = self.client.post(self.answer_page(campaign, self.pupil_a), {})
        self.assertContains(response, "Обязательное поле")
        self.assertFalse(Response.objects.exists())


class QueryCountTests(CampaignTestCase):
    def test_the_list_reads_a_fixed_number_of_queries_however_many_campaigns(self):
        self.open(self.municipality_a)
        self.login(self.curator_a)
        self.client.get(reverse("surveys:list"))  # the session and the user, read once
        for _ in range(5):
            self.open()
        with self.assertNumQueries(10):
            self.client.get(reverse("surveys:list"))


class TerritoryListTests(CampaignTestCase):
    def test_the_territory_lists_its_campaign_once_and_the_school_its_part(self):
        campaign = self.open(self.municipality_a)
        self.login(self.municipal_a)
        self.assertEqual([row[0] for row in self.client.get(reverse("surveys:list")).context["rows"]], [campaign])
        self.login(self.curator_a)
        self.assertEqual([row[0] for row in self.client.get(reverse("surveys:list")).context["rows"]],
                         [campaign.parts.get()])
