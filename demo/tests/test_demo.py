import datetime
import io
import re

from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import TestCase, override_settings
from django.utils import timezone

from accounts.models import Role, RoleAssignment, User
from demo.generate import generate, school_year_start
from demo.load import DEMO_PASSWORD, LOGINS
from demo.region import HOME_SCHOOL
from documents.models import Order, OrderKind
from monitoring import counting
from organizations.models import Agreement, Organization
from pairs.actions import live_mentee_count, mentee_limit_of
from pairs.models import IndividualPlan, Pair, PairChange, PairMentee, PairStatus
from people.models import LEARNERS, Category, Consent, Participant
from people.rules import missing_consents
from programmes.models import Programme
from reports.models import Report
from reports.selectors import last_sent
from roadmaps import control
from roadmaps.models import Roadmap
from surveys.models import Campaign, Response
from testing.fixtures import RegionTestCase


def load(*args: str) -> str:
    """The command as `make demo` runs it: in development mode."""
    out = io.StringIO()
    with override_settings(DEBUG=True):
        call_command("load_demo", *args, stdout=out)
    return out.getvalue()


# A fast hasher for the demo's passwords: the logins are still checked by password, nine times.
@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class DemoRegionTests(TestCase):
    """The demo is built once (empty database, as after `migrate`); every test reads it."""

    @classmethod
    def setUpTestData(cls):
        cls.output = load("--once")
        cls.today = timezone.localdate()
        cls.people = list(Participant.objects.active())

    def of(self, category: str) -> list[Participant]:
        return [p for p in self.people if p.category == category]

    def test_the_region_has_municipalities_schools_a_college_extra_education_and_partners(self):
        kinds = list(Organization.objects.values_list("kind", flat=True))
        self.assertGreaterEqual(kinds.count("municipality"), 3)
        self.assertGreaterEqual(len([k for k in kinds if k not in ("region", "municipality")]), 12)
        for kind in ("school", "college", "extra", "partner"):
            self.assertIn(kind, kinds)

    def test_a_partner_enterprise_has_an_agreement_valid_today(self):
        self.assertTrue(any(a.is_valid_on(self.today) for a in Agreement.objects.all()))

    def test_the_registry_holds_at_least_six_hundred_participants(self):
        self.assertGreaterEqual(Participant.objects.count(), 600)

    def test_no_person_appears_twice_in_the_region(self):
        keys = [(p.fio_key, p.birth_date) for p in self.people]
        self.assertEqual(len(keys), len(set(keys)))

    def test_patronymics_and_surnames_agree_with_sex(self):
        for p in self.people:
            if p.sex == "f":
                self.assertRegex(p.middle_name, r"(вна|чна)$", p.full_name)
                self.assertNotRegex(p.last_name, r"(ов|ев|ёв|ин|ский)$", p.full_name)
            else:
                self.assertRegex(p.middle_name, r"(вич|ич)$", p.full_name)
                self.assertNotRegex(p.last_name, r"(ова|ева|ина|ская)$", p.full_name)

    def test_ages_agree_with_category_grade_and_experience(self):
        start = school_year_start(self.today)
        for p in self.of(Category.PUPIL):
            self.assertTrue(5 <= p.grade <= 11 and 10 <= p.age_on(start) <= 17, p)
        for p in self.of(Category.STUDENT):
            self.assertTrue(1 <= p.grade <= 4 and 16 <= p.age_on(start) <= 21, p)
        for p in self.of(Category.TEACHER):
            self.assertTrue(0 <= p.teaching_experience_years <= 35, p)
            self.assertGreaterEqual(p.age_on(self.today), 21 + p.teaching_experience_years, p)
        for p in self.of(Category.PARTNER_EMPLOYEE):
            self.assertGreaterEqual(p.age_on(self.today), 18 + p.professional_experience_years, p)

    def test_mentors_have_profiles_and_mentees_have_requests(self):
        mentors = [p for p in self.people if p.is_mentor]
        mentees = [p for p in self.people if p.is_mentee]
        self.assertGreaterEqual(len(mentors), 150)
        self.assertTrue(all(p.mentor_profile.forms.exists() and p.mentor_profile.useful_for for p in mentors))
        self.assertTrue(all(re.fullmatch(r"(#\w+)(, #\w+)*", p.mentor_profile.tags) for p in mentors))
        self.assertTrue(all(p.requests.exists() and p.mentee_profile.desired_form_id for p in mentees))

    def test_most_consents_are_complete_some_are_missing_and_some_withdrawn(self):
        everyone = Participant.objects.all()
        complete = [p for p in self.people if not missing_consents(p, self.today)]
        self.assertGreater(len(complete), 0.85 * len(everyone))
        self.assertGreater(len(self.people) - len(complete), 0)
        self.assertTrue(everyone.filter(anonymized_at__isnull=False).exists())

    def test_some_adult_mentors_agreed_to_the_regional_base_of_mentors_and_no_pupil(self):
        agreed = Participant.objects.filter(consents__kind=Consent.Kind.MENTOR_BASE).distinct()
        self.assertGreater(agreed.count(), 10)
        self.assertFalse(agreed.filter(category__in=LEARNERS).exists())
        self.assertTrue(all(p.is_mentor for p in agreed))

    def test_pairs_stand_at_every_stage_of_their_life(self):
        self.assertEqual(set(Pair.objects.values_list("status", flat=True)), set(PairStatus))
        self.assertTrue(Pair.objects.annotate(n=Count("mentees")).filter(n=2).exists())
        applied = PairChange.objects.filter(status=PairChange.Status.APPLIED)
        self.assertEqual(set(applied.values_list("kind", flat=True)), set(PairChange.Kind))
        replaced = applied.get(kind=PairChange.Kind.REPLACEMENT).pair
        self.assertEqual(replaced.mentor_terms.count(), 2)

    def test_every_pair_past_its_proposal_is_fixed_by_a_registered_order(self):
        for pair in Pair.objects.exclude(status=PairStatus.PROPOSED):
            self.assertTrue(pair.orders.filter(kind=OrderKind.PAIRS, status=Order.Status.REGISTERED).exists(), pair)
        self.assertFalse(Order.objects.filter(status=Order.Status.DRAFT).exists())

    def test_the_home_school_programme_has_done_five_stages_and_runs_the_sixth(self):
        programme = Programme.objects.get(organization__code=HOME_SCHOOL)
        states = dict(programme.stages.values_list("number", "state"))
        self.assertEqual(states, {1: "completed", 2: "completed", 3: "completed", 4: "completed", 5: "completed",
                                  6: "in_progress", 7: "not_started"})

    def test_the_schools_of_the_municipality_have_roadmaps_in_every_state(self):
        states = dict(Roadmap.objects.filter(organization__parent__code="19-01").values_list(
            "organization__code", "status"))
        self.assertEqual(states, {HOME_SCHOOL: "approved", "19-01-002": "sent", "19-01-003": "returned",
                                  "19-01-101": "draft"})
        home = Roadmap.objects.get(organization__code=HOME_SCHOOL)
        self.assertEqual(list(home.versions.values_list("decision", flat=True)), ["returned", "approved"])
        self.assertEqual(home.items.get(number="1.1.").order.kind, OrderKind.REGULATION)
        self.assertTrue(Roadmap.objects.get(organization__code="19-01-101").items.filter(attention=True).exists())

    def test_two_schools_of_the_municipality_sent_their_report_and_the_municipality_drafts_its_summary(self):
        sent = last_sent(Organization.objects.filter(parent__code="19-01").values_list("pk", flat=True))
        self.assertEqual({r.organization.code for r in sent.values()}, {HOME_SCHOOL, "19-01-002"})
        summary = Report.objects.get(organization__code="19-01")
        self.assertEqual(summary.status, Report.Status.DRAFT)
        self.assertEqual({row["code"] for row in summary.figures["rows"] if row["sent_on"]}, {HOME_SCHOOL, "19-01-002"})
        self.assertGreater(summary.figures["pairs"]["total"], 0)

    def test_the_municipal_roadmap_has_a_control_point_every_december_of_its_years(self):
        municipal = Roadmap.objects.get(organization__code="19-01")
        days = control.control_dates(municipal)
        self.assertEqual([day.month for day in days], [12] * 5)
        points = control.at_control_points(municipal, self.today)
        home = next(line for line in points[0][1] if line.organization.code == HOME_SCHOOL)
        self.assertGreater(home.tally.done, 0)

    def test_the_story_group_has_an_approved_plan_with_an_overdue_item(self):
        plan = IndividualPlan.objects.get(pair__mentor__user__username="mentor")
        self.assertEqual(plan.status, IndividualPlan.Status.APPROVED)
        self.assertTrue(any(item.is_overdue(self.today) for item in plan.items.all()))

    def test_the_home_school_has_campaigns_open_and_closed_in_every_wave_with_answers(self):
        campaigns = Campaign.objects.all()
        self.assertEqual({c.state for c in campaigns}, set(Campaign.State.values))
        self.assertEqual({c.wave for c in campaigns}, set(Campaign.Wave.values))
        self.assertTrue(all(Response.objects.filter(campaign=c).exists() for c in campaigns))

    def test_the_regions_indicators_tell_a_story_some_municipalities_on_track_some_behind_satisfaction_known(self):
        report = counting.report(Organization.objects.get(code="19"), self.today, trend_years=2)
        statuses = {organization.code: {v.code: v.status for v in values} for organization, values in report.rows}
        shares = [row["mentees_10_19"] for row in statuses.values()]
        self.assertIn("on_track", shares)
        self.assertIn("behind", shares)
        self.assertEqual(statuses["19-01"]["mentees_10_19"], "on_track")
        last_year, this_year = ({v.code: v for v in values} for _, values in report.trend)
        self.assertIsNotNone(last_year["mentees_10_19"].denominator)
        for code in ("satisfaction_mentees", "satisfaction_mentors"):  # the final questionnaires (demo/surveys.py)
            self.assertNotEqual(this_year[code].status, "no_data", code)

    def test_no_mentor_has_more_live_mentees_than_allowed(self):
        for mentor in Participant.objects.filter(mentored_pairs__isnull=False).distinct():
            self.assertLessEqual(live_mentee_count(mentor), mentee_limit_of(mentor), mentor)

    def test_every_minor_mentee_in_a_pair_has_both_consents(self):
        links = PairMentee.objects.select_related("pair", "mentee")
        self.assertGreater(links.count(), 30)
        for link in links:
            self.assertEqual(missing_consents(link.mentee, link.pair.start_date), [], link.mentee)

    def test_the_mentor_mentee_and_parent_logins_see_their_pair(self):
        mentee = RoleAssignment.objects.get(user__username="mentee").participant
        mentor = RoleAssignment.objects.get(user__username="mentor").participant
        for username, name in (("mentor", mentee.full_name), ("mentee", mentor.full_name),
                               ("parent", mentor.full_name)):
            self.client.force_login(User.objects.get(username=username))
            self.assertContains(self.client.get("/"), name)

    def test_the_home_school_has_invitations_at_every_stage_an_online_consent_and_questionnaires_filled_online(self):
        from logins.models import Invitation, SelfEdit

        states = {invitation.state for invitation in Invitation.objects.all()}
        self.assertEqual(states, set(Invitation.State))
        self.assertTrue(Invitation.objects.filter(channel="email", redeemed_at__isnull=True).exists())
        self.assertTrue(Consent.objects.filter(given_online=True, kind=Consent.Kind.REPRESENTATIVE).exists())
        self.assertEqual(SelfEdit.objects.count(), 2)
        self.assertTrue(self.client.login(username="pupil1", password=DEMO_PASSWORD))

    def test_every_role_has_a_login_that_opens_a_non_empty_home_page(self):
        self.assertEqual({a.role for a in RoleAssignment.objects.all()}, set(Role))
        for login in LOGINS:
            with self.subTest(login.username):
                self.assertTrue(self.client.login(username=login.username, password=DEMO_PASSWORD))
                if login.role is None:
                    self.assertContains(self.client.get("/admin/"), "Администрирование")
                else:
                    organization = Organization.objects.get(code=login.organization)
                    self.assertContains(self.client.get("/"), f"{login.role.label.capitalize()} · {organization.name}")
                self.client.logout()

    def test_the_output_names_the_password_and_every_login(self):
        self.assertIn(DEMO_PASSWORD, self.output)
        for login in LOGINS:
            self.assertIn(login.username, self.output)

    def test_once_leaves_a_loaded_demo_as_it_is(self):
        counts = Participant.objects.count(), User.objects.count()
        self.assertIn("Демо уже загружено", load("--once"))
        self.assertEqual((Participant.objects.count(), User.objects.count()), counts)

    def test_without_once_a_second_load_is_refused(self):
        with self.assertRaisesMessage(CommandError, "Демо уже загружено"):
            load()

    def test_a_school_year_of_meetings_feedback_and_reports_with_some_pairs_overdue(self):
        from meetings import deadlines
        from meetings.models import Feedback, Meeting, Pause, Report
        from meetings.overview import pair_rows

        last_year = Meeting.objects.filter(meetingpair__pair__status=PairStatus.COMPLETED)
        self.assertGreaterEqual(last_year.count(), 50)
        months = {m.starts_at.month for m in last_year}
        self.assertTrue({10, 11, 12, 1, 2, 3, 4, 5} <= months, months)
        self.assertGreater(Feedback.objects.count(), 2 * Meeting.objects.count() * 0.9)
        self.assertEqual(set(Report.objects.values_list("kind", flat=True)), set(Report.Kind.values))
        self.assertTrue(Report.objects.filter(status=Report.Status.APPROVED).exists())
        self.assertTrue(Pause.objects.filter(end__isnull=True).exists())
        home = Pair.objects.filter(organization__code=HOME_SCHOOL, status=PairStatus.ACTIVE)
        rows = pair_rows(home, self.today, Feedback.objects.all())
        overdue = [row for row in rows if any(d.kind == deadlines.MEETING for d in row.overdue)]
        self.assertTrue(0 < len(overdue) < len(rows), (len(overdue), len(rows)))
        self.assertTrue(any(row.falling for row in rows))
        story = User.objects.get(username="mentee")
        self.assertTrue(Feedback.objects.filter(written_by=story).exists())


class DemoIntoUsedDatabaseTests(RegionTestCase):
    def test_a_database_with_its_own_data_is_never_filled_with_demo_people(self):
        count = Participant.objects.count()
        with self.assertRaisesMessage(CommandError, "В базе уже есть данные"):
            load()
        self.assertIn("Ничего не меняю", load("--once"))
        self.assertEqual(Participant.objects.count(), count)

    def test_force_passes_the_debug_check_but_not_the_check_for_an_empty_database(self):
        with self.assertRaisesMessage(CommandError, "В базе уже есть данные"), override_settings(DEBUG=False):
            call_command("load_demo", "--force", stdout=io.StringIO())


class DemoInProductionTests(TestCase):
    def test_with_debug_off_the_demo_is_refused_unless_forced(self):
        with self.assertRaisesMessage(CommandError, "DEBUG выключен"), override_settings(DEBUG=False):
            call_command("load_demo", "--once", stdout=io.StringIO())
        self.assertFalse(User.objects.exists())


class DemoGeneratorTests(TestCase):
    def test_the_same_seed_and_day_give_the_same_region_and_another_seed_another(self):
        day = datetime.date(2026, 11, 22)
        names = [[p.full_name for p in generate(seed, day).people] for seed in (19, 19, 20)]
        self.assertEqual(names[0], names[1])
        self.assertNotEqual(names[0], names[2])
