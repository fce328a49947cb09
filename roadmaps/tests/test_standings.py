"""«Контроль организаций»: the organizations below a territory in numbers, and «Напомнить» — one e-mail a day to
the organization's curators, never a name on the page."""

import datetime

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from audit.models import AuditEntry
from meetings.models import Reminder
from monitoring.tests.territory import make_pair
from organizations.models import Organization
from programmes import actions as programme_actions
from roadmaps import actions, control
from roadmaps.models import Roadmap
from testing.fixtures import RaceTestCase, RegionTestCase, make_participant, make_user, race

START, END = datetime.date(2026, 9, 1), datetime.date(2027, 5, 31)
PAGE = reverse("roadmaps:standings")


def approved_roadmap(organization, writer, approver) -> Roadmap:
    roadmap = actions.copy_template(organization=organization, code="school_teachers", actor=writer,
                                    starts_on=START, ends_on=END)
    roadmap.items.update(attention=False, due_on=END, due=[END.isoformat()])  # one item overdue, the rest ahead
    roadmap.items.filter(pk=roadmap.items.first().pk).update(due_on=START, due=[START.isoformat()])
    actions.send(roadmap, actor=writer)
    actions.approve(roadmap, actor=approver)
    return Roadmap.objects.get(pk=roadmap.pk)


def programme_at_stage_one(organization, curator, forms):
    year = START.year
    programme = programme_actions.create_programme(organization=organization, year=year, forms=forms,
                                                   goal="Цель", actor=curator)
    programme_actions.start_stage(programme.stages.get(number=1), actor=curator, on=START)
    return programme


class StandingsPageTests(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        type(cls.curator_a).objects.filter(pk=cls.curator_a.pk).update(
            first_name="Зинаида", last_name="Кураторова", email="kuratorova@school-a.example")
        cls.roadmap = approved_roadmap(cls.school_a, cls.curator_a, cls.municipal_a)
        programme_at_stage_one(cls.school_a, cls.curator_a, [cls.pupil_pupil])
        mentor = make_participant(cls.school_a, "Наставников", is_mentor=True, is_mentee=False,
                                  birth_date=datetime.date(2010, 3, 3))
        make_pair(cls.school_a, mentor, [cls.pupil_a], approved_on=datetime.date(2026, 9, 10))

    def page(self, user, **query):
        self.login(user)
        return self.client.get(PAGE, query)

    def row(self, response, organization) -> str:
        html = response.content.decode()
        start = html.index(f'id="organization-{organization.pk}"')
        return html[start:html.index("</tr>", start)]

    def test_the_municipality_sees_each_of_its_organizations_in_one_row_of_numbers(self):
        response = self.page(self.municipal_a)
        school, college = self.row(response, self.school_a), self.row(response, self.college)
        self.assertIn("да", school)  # a counted mentee: monitoring's «реализует целевую модель»
        self.assertIn("1 из 7", school)
        self.assertIn("согласована", school)
        self.assertIn('<span class="overdue">1</span>', school)  # the item due on 01.09.2026, not done
        self.assertIn("—", school)  # no report yet
        self.assertIn("нет программы", college)
        self.assertIn("нет", college)
        self.assertNotContains(response, self.school_b.name)

    def test_the_page_shows_numbers_and_never_a_name(self):
        response = self.page(self.municipal_a)
        for name in ("Кураторова", "Зинаида", "kuratorova", self.pupil_a.last_name, "Наставников"):
            self.assertNotContains(response, name)

    def test_only_the_lagging_ones_are_shown_on_asking(self):
        lagging = self.page(self.municipal_a, lagging="1")
        self.assertEqual([row.organization for row in lagging.context["rows"]], [self.college, self.school_a])
        self.roadmap.items.update(status="done", done_on=START)  # approved, nothing overdue, no indicator behind
        lagging = self.page(self.municipal_a, lagging="1")
        self.assertEqual([row.organization for row in lagging.context["rows"]], [self.college])
        self.assertContains(lagging, "Отстают <strong id=\"lagging\">1</strong> из 2")

    def test_the_region_chases_its_municipalities(self):
        response = self.page(self.operator)
        self.assertEqual([row.organization for row in response.context["rows"]],
                         [self.municipality_a, self.municipality_b])
        self.assertIn("1 из 2", self.row(response, self.municipality_a))  # of its school and college, one implements

    def test_a_school_or_a_participant_may_not_open_the_page(self):
        for user in (self.curator_a, self.head_a, self.mentor_a, self.stranger):
            self.assertEqual(self.page(user).status_code, 403)

    def test_the_page_costs_the_same_queries_for_twenty_schools_as_for_two(self):
        def queries():
            self.login(self.municipal_a)
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(PAGE).status_code, 200)
            return len(captured)

        few = queries()
        for n in range(18):
            school = Organization.objects.create(code=f"19-01-2{n:02}", name=f"Школа {n}", kind="school",
                                                 parent=self.municipality_a)
            curator = make_user(f"curator_{n}", Role.CURATOR, school)
            type(curator).objects.filter(pk=curator.pk).update(email=f"c{n}@example.org")
            approved_roadmap(school, curator, self.municipal_a)
            programme_at_stage_one(school, curator, [self.pupil_pupil])
            Reminder.objects.create(key=control.reminder_key(school, timezone.localdate()),
                                    stage=Reminder.Stage.CHASING, user=curator)
        self.assertEqual(len(self.page(self.municipal_a).context["rows"]), 20)
        self.assertEqual(queries(), few)


class RemindTests(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        type(cls.curator_a).objects.filter(pk=cls.curator_a.pk).update(last_name="Кураторова",
                                                                      email="kuratorova@school-a.example")

    def remind(self, user, organization, **headers):
        self.login(user)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(reverse("roadmaps:remind", args=[organization.pk]), headers=headers)

    def test_a_click_mails_the_curators_and_the_page_says_reminded_today(self):
        response = self.remind(self.municipal_a, self.school_a, HX_Request="true")
        self.assertContains(response, "напомнено сегодня")
        self.assertEqual([message.to for message in mail.outbox], [["kuratorova@school-a.example"]])
        self.assertIn(self.school_a.name, mail.outbox[0].body)
        page = self.client.get(PAGE)
        self.assertContains(page, "напомнено сегодня")
        self.assertNotContains(page, "Кураторова")
        entry = AuditEntry.objects.get(object_type="organization")
        self.assertEqual((entry.actor, entry.organization, entry.changes), (self.municipal_a, self.school_a,
                                                                             {"recipients": [None, 1]}))
        self.assertNotIn("kuratorova", f"{entry.object_repr} {entry.changes}")

    def test_a_second_click_the_same_day_sends_no_mail(self):
        self.remind(self.municipal_a, self.school_a)
        response = self.remind(self.municipal_a, self.school_a, HX_Request="true")
        self.assertContains(response, "напомнено сегодня")
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(Reminder.objects.count(), 1)

    def test_the_next_day_one_may_remind_again(self):
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        Reminder.objects.create(key=control.reminder_key(self.school_a, yesterday), stage=Reminder.Stage.CHASING,
                                user=self.curator_a)
        self.remind(self.municipal_a, self.school_a)
        self.assertEqual(len(mail.outbox), 1)

    def test_a_school_without_a_curators_address_is_told_so_and_nothing_is_written(self):
        response = self.remind(self.municipal_a, self.college, HX_Request="true")
        self.assertContains(response, "Напомнить некому")
        self.assertEqual((len(mail.outbox), Reminder.objects.count()), (0, 0))

    def test_a_school_another_municipality_or_the_region_may_not_remind(self):
        self.assertEqual(self.remind(self.curator_a, self.school_a).status_code, 403)
        self.assertEqual(self.remind(self.head_a, self.school_a).status_code, 403)
        self.assertEqual(self.remind(self.municipal_b, self.school_a).status_code, 404)
        self.assertEqual(self.remind(self.operator, self.school_a).status_code, 403)  # not directly above
        self.assertEqual((len(mail.outbox), Reminder.objects.count()), (0, 0))

    def test_the_region_reminds_a_municipalitys_specialists(self):
        type(self.municipal_a).objects.filter(pk=self.municipal_a.pk).update(email="spec@abakan.example")
        self.remind(self.operator, self.municipality_a)
        self.assertEqual([message.to for message in mail.outbox], [["spec@abakan.example"]])


class RemindRaceTests(RaceTestCase):
    def setUp(self):
        super().setUp()
        self.school.parent = Organization.objects.create(code="M", name="Муниципалитет", kind="municipality",
                                                         parent=self.school.parent)
        self.school.save()
        curator = make_user("curator", Role.CURATOR, self.school)
        type(curator).objects.filter(pk=curator.pk).update(email="curator@example.org")
        self.specialist = make_user("specialist", Role.MUNICIPAL_SPECIALIST, self.school.parent)

    def test_a_double_click_at_once_sends_one_mail(self):
        today = timezone.localdate()
        outcomes = race([lambda: actions.remind(self.school, actor=self.specialist, day=today)] * 2)
        self.assertEqual(outcomes, ["ok", "refused"])
        self.assertEqual((len(mail.outbox), Reminder.objects.count()), (1, 1))
