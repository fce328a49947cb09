"""Items the product's own records complete besides orders: a questionnaire campaign closed, the yearly report
sent — with the record linked as the evidence, an audit row, the link on the roadmap page and the control point
counting the item done."""

import datetime
from unittest import mock

from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from meetings import actions as meeting_actions
from meetings.models import Meeting, MeetingPair
from pairs.models import Pair, PairStatus
from reports import actions as report_actions
from roadmaps import actions
from roadmaps.models import Item
from surveys import actions as survey_actions
from surveys.models import Campaign, Questionnaire
from testing.fixtures import RegionTestCase

START, END = datetime.date(2026, 9, 1), datetime.date(2027, 5, 31)
CLOSED_ON = datetime.datetime(2027, 5, 20, 12, tzinfo=datetime.UTC)
FINAL_DYNAMICS = "survey:mentee_dynamics:final"


class RecordsCase(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.dynamics = Questionnaire.objects.get(code="mentee_dynamics")

    def waiting(self, confirmed_by: str, organization=None, curator=None, starts_on=START, ends_on=END,
                activity="Итоговое анкетирование наставляемых", term="май 2027") -> Item:
        """An item of a roadmap of `organization` waiting for the record `confirmed_by`."""
        curator = curator or self.curator_a
        roadmap = actions.create_roadmap(organization=organization or self.school_a, title="Дорожная карта",
                                         starts_on=starts_on, ends_on=ends_on, actor=curator,
                                         rows=[actions.catalogue.Row("1.", activity, term)])
        item = roadmap.items.get()
        actions.set_progress(item, actor=curator, status=Item.Status.PLANNED, confirmed_by=confirmed_by)
        return item

    def campaign(self, organization=None, wave=Campaign.Wave.FINAL, **values) -> Campaign:
        return Campaign.objects.create(organization=organization or self.school_a, questionnaire=self.dynamics,
                                       wave=wave, opened_on=datetime.date(2027, 5, 1), **values)

    def close(self, campaign: Campaign) -> None:
        with mock.patch.object(timezone, "now", return_value=CLOSED_ON):
            survey_actions.close(campaign, by=self.curator_a)

    def send_report(self, year: int = 2026):
        report = report_actions.create_report(organization=self.school_a, year=year, actor=self.curator_a,
                                              today=datetime.date(2027, 5, 20))
        with mock.patch.object(timezone, "now", return_value=CLOSED_ON):
            return report_actions.send(report, actor=self.curator_a)


class CampaignCompletesTests(RecordsCase):
    def test_closing_the_final_questionnaires_campaign_completes_the_item_waiting_for_it(self):
        item = self.waiting(FINAL_DYNAMICS)
        self.close(self.campaign(wave=Campaign.Wave.ENTRY))
        item.refresh_from_db()
        self.assertEqual(item.status, Item.Status.PLANNED)  # the entry wave is not the final one
        final = self.campaign()
        self.close(final)
        item.refresh_from_db()
        self.assertEqual((item.status, item.done_on, item.campaign), (Item.Status.DONE, datetime.date(2027, 5, 20),
                                                                      final))
        entry = AuditEntry.objects.filter(object_type="item", action=AuditEntry.Action.TRANSITION).get()
        self.assertEqual(entry.changes["status"], [Item.Status.PLANNED, Item.Status.DONE])
        self.assertEqual(entry.changes["campaign"][1], str(final))

    def test_a_campaign_completes_no_item_of_another_school_nor_one_outside_the_period(self):
        other_school = self.waiting(FINAL_DYNAMICS, organization=self.school_b, curator=self.curator_b)
        last_year = self.waiting(FINAL_DYNAMICS, starts_on=datetime.date(2025, 9, 1),
                                 ends_on=datetime.date(2026, 5, 31), term="май 2026")
        self.close(self.campaign())
        for item in (other_school, last_year):
            item.refresh_from_db()
            self.assertEqual((item.status, item.campaign), (Item.Status.PLANNED, None))

    def test_a_campaign_closed_before_the_item_is_linked_is_found(self):
        final = self.campaign()
        self.close(final)
        item = self.waiting(FINAL_DYNAMICS)
        item.refresh_from_db()
        self.assertEqual((item.status, item.campaign), (Item.Status.DONE, final))

    def test_a_territorys_campaign_completes_each_schools_item_through_its_part(self):
        item = self.waiting(FINAL_DYNAMICS)
        territory = self.campaign(organization=self.municipality_a)
        part = self.campaign(part_of=territory)
        self.close(territory)
        item.refresh_from_db()
        self.assertEqual((item.status, item.campaign), (Item.Status.DONE, part))

    def test_a_questionnaire_not_in_the_catalogue_is_refused_naming_the_choice(self):
        with self.assertRaisesMessage(Exception, "Неизвестно, чем подтверждается мероприятие"):
            self.waiting("survey:no_such_questionnaire")


class ReportCompletesTests(RecordsCase):
    def test_sending_the_yearly_report_completes_the_item_report_on_the_programme(self):
        item = self.waiting("report", activity="Отчёт о реализации программы наставничества", term="июнь 2027")
        self.send_report(year=2025)  # the year before the roadmap's period
        item.refresh_from_db()
        self.assertEqual(item.status, Item.Status.PLANNED)
        report = self.send_report()
        item.refresh_from_db()
        self.assertEqual((item.status, item.done_on, item.report), (Item.Status.DONE, datetime.date(2027, 5, 20),
                                                                    report))
        self.assertTrue(AuditEntry.objects.filter(object_type="item", action=AuditEntry.Action.TRANSITION,
                                                  changes__report=[None, str(report)]).exists())


class MeetingCompletesTests(RecordsCase):
    def test_the_group_meeting_held_completes_the_item_waiting_for_it_and_a_planned_one_does_not(self):
        item = self.waiting(f"meeting:{Meeting.Kind.GROUP}", activity="Групповая встреча наставников и наставляемых")
        pair = Pair.objects.create(organization=self.school_a, form=self.pupil_pupil, mentor=self.pupil_mentor_a,
                                   status=PairStatus.ACTIVE, start_date=datetime.date(2026, 9, 15),
                                   planned_end_date=END)
        meeting = Meeting.objects.create(organization=self.school_a, kind=Meeting.Kind.GROUP, topic="Знакомство",
                                         starts_at=datetime.datetime(2026, 10, 1, 9, tzinfo=datetime.UTC))
        MeetingPair.objects.create(meeting=meeting, pair=pair)
        item.refresh_from_db()
        self.assertEqual(item.status, Item.Status.PLANNED)  # planned, not held: nothing written after it
        meeting_actions.record_meeting(meeting, actor=self.curator_a, summary="Познакомились, выбрали пары.")
        item.refresh_from_db()
        self.assertEqual((item.status, item.done_on, item.meeting), (Item.Status.DONE, datetime.date(2026, 10, 1),
                                                                     meeting))

    def test_a_regular_meeting_is_no_milestone_to_wait_for(self):
        with self.assertRaisesMessage(Exception, "Неизвестно, чем подтверждается мероприятие"):
            self.waiting(f"meeting:{Meeting.Kind.REGULAR}")


class RecordPagesTests(RecordsCase):
    def test_the_roadmap_page_links_the_campaign_and_the_report_and_names_what_an_item_waits_for(self):
        by_campaign = self.waiting(FINAL_DYNAMICS)
        actions.add_item(by_campaign.roadmap, actor=self.curator_a, activity="Отчёт о реализации программы",
                         term="июнь 2027")
        by_report = by_campaign.roadmap.items.get(activity="Отчёт о реализации программы")
        actions.set_progress(by_report, actor=self.curator_a, status=Item.Status.PLANNED, confirmed_by="report")
        self.login(self.curator_a)
        page = reverse("roadmaps:detail", args=[by_campaign.roadmap_id])
        response = self.client.get(page)
        self.assertContains(response, "ждёт анкетирования «Анкета наставляемого: динамика")
        self.assertContains(response, "ждёт отправки отчёта за учебный год")
        final = self.campaign()
        self.close(final)
        report = self.send_report()
        response = self.client.get(page)
        self.assertContains(response, f'href="{reverse("surveys:detail", args=[final.pk])}"')
        self.assertContains(response, f'href="{reverse("reports:detail", args=[report.pk])}"')

    def test_the_curator_chooses_the_final_questionnaire_on_the_page(self):
        item = self.waiting("")
        self.login(self.curator_a)
        response = self.client.get(reverse("roadmaps:detail", args=[item.roadmap_id]))
        self.assertContains(response, f'<option value="{FINAL_DYNAMICS}">')
        self.client.post(reverse("roadmaps:item_progress", args=[item.pk]),
                         {"status": "planned", "confirmed_by": FINAL_DYNAMICS})
        item.refresh_from_db()
        self.assertEqual((item.questionnaire, item.wave), (self.dynamics, Campaign.Wave.FINAL))
        response = self.client.post(reverse("roadmaps:item_progress", args=[item.pk]),
                                    {"status": "planned", "confirmed_by": "survey:nothing"}, follow=True)
        self.assertContains(response, "Выберите корректный вариант")

    def test_a_control_point_then_shows_the_item_done(self):
        municipal = actions.create_roadmap(
            organization=self.municipality_a, title="Муниципальная", starts_on=START, ends_on=END,
            actor=self.municipal_a, rows=[actions.catalogue.Row("1.", "Контроль анкетирования", "31.05.2027",
                                                                control_point=True)])
        self.waiting(FINAL_DYNAMICS)
        self.close(self.campaign())
        self.login(self.municipal_a)
        response = self.client.get(reverse("roadmaps:control", args=[municipal.pk]))
        lines = dict(response.context["points"])[END]
        line = next(line for line in lines if line.organization == self.school_a)
        self.assertEqual((line.tally.due, line.tally.done), (1, 1))
