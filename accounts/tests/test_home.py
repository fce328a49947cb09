import datetime

from django.urls import reverse

from accounts.models import Role, RoleAssignment
from pairs.models import Pair, PairMentee
from testing.fixtures import RegionTestCase, make_participant

HOME = reverse("home")


class HomePageTests(RegionTestCase):
    def home(self, user):
        self.login(user)
        return self.client.get(HOME)

    def pair(self, status="proposed"):
        pair = Pair.objects.create(organization=self.school_a, form=self.pupil_pupil, mentor=self.pupil_mentor_a,
                                   start_date=datetime.date(2026, 10, 1), planned_end_date=datetime.date(2027, 5, 31),
                                   status=status)
        PairMentee.objects.create(pair=pair, mentee=self.pupil_a)

    def test_the_municipality_sees_counts_of_its_organizations_and_no_names(self):
        make_participant(self.school_a, "Орлов", consents=False)
        response = self.home(self.municipal_a)
        section = response.context["sections"][0]
        self.assertEqual(section["totals"], {"participants": 3, "mentors": 1, "mentees": 2, "without_consents": 1})
        self.assertContains(response, "Абаканский колледж")
        self.assertNotContains(response, "Райковская")
        for surname in ("Кузнецова", "Смирнов", "Орлов", "Попов"):
            self.assertNotContains(response, surname)

    def test_the_region_sees_every_municipality_and_no_names(self):
        response = self.home(self.operator)
        self.assertContains(response, "Усть-Абаканский район")
        self.assertContains(response, "Райковская")
        self.assertEqual(response.context["sections"][0]["totals"]["participants"], 3)
        for surname in ("Кузнецова", "Смирнов", "Попов"):
            self.assertNotContains(response, surname)

    def test_the_municipality_sees_each_organizations_share_of_mentees_with_a_mentor(self):
        self.pair(status="approved")
        make_participant(self.school_a, "Орлов")
        section = self.home(self.municipal_a).context["sections"][0]
        school = dict((organization.pk, counts) for organization, counts in section["rows"])[self.school_a.pk]
        self.assertEqual((school["mentees"], school["with_mentor"], school["share"]), (2, 1, 50))
        self.assertEqual((section["with_mentor"], section["share"]), (1, 50))
        self.assertEqual(dict((bar["label"], bar["value"]) for bar in section["pair_bars"])["утверждена приказом"], 1)

    def test_coverage_counts_approved_and_active_pairs_and_shows_proposed_ones_apart(self):
        self.pair()
        make_participant(self.school_a, "Орлов")
        section = self.home(self.municipal_a).context["sections"][0]
        school = dict((organization.pk, counts) for organization, counts in section["rows"])[self.school_a.pk]
        self.assertEqual((school["with_mentor"], school["proposed"], school["proposed_share"]), (0, 1, 50))
        self.assertEqual((section["with_mentor"], section["share"], section["proposed"]), (0, 0, 1))

    def test_a_finished_pair_no_longer_counts_its_mentee_as_having_a_mentor(self):
        self.pair()
        Pair.objects.update(status="completed")
        section = self.home(self.curator_a).context["sections"][0]
        self.assertEqual((section["with_mentor"], section["share"]), (0, 0))
        self.assertEqual(dict((bar["label"], bar["value"]) for bar in section["pair_bars"])["завершена"], 1)

    def test_the_curator_sees_the_pairs_by_state_and_the_share_of_mentees_with_a_mentor(self):
        self.pair()
        response = self.home(self.curator_a)
        self.assertContains(response, "Пары и группы по состояниям")
        self.assertContains(response, "0 из 1")
        self.assertContains(response, "ещё в предложенных парах: 1")
        self.assertContains(response, 'aria-label="предложена: 1"')
        self.assertContains(response, 'aria-label="действует: 0"')

    def test_a_curator_sees_the_schools_counts_and_shortcuts(self):
        response = self.home(self.curator_a)
        self.assertEqual(response.context["sections"][0]["counts"]["participants"], 2)
        self.assertContains(response, reverse("people:import"))
        self.assertContains(response, reverse("people:create"))

    def test_a_psychologist_gets_no_import_or_add_shortcut(self):
        response = self.home(self.psychologist_a)
        self.assertContains(response, reverse("people:list"))
        self.assertNotContains(response, reverse("people:create"))

    def test_a_mentor_sees_the_own_record_and_the_mentees(self):
        self.pair()
        response = self.home(self.mentor_a)
        self.assertContains(response, reverse("people:detail", args=[self.pupil_mentor_a.pk]))
        self.assertContains(response, "Кузнецова Мария")

    def test_a_parent_sees_the_childs_record_and_its_mentor(self):
        self.pair()
        response = self.home(self.parent_a)
        self.assertContains(response, "Ребёнок")
        self.assertContains(response, reverse("people:detail", args=[self.pupil_a.pk]))
        self.assertContains(response, "Смирнов Иван")

    def test_a_user_with_several_roles_gets_a_section_for_each(self):
        RoleAssignment.objects.create(user=self.curator_a, role=Role.MENTOR, organization=self.school_a,
                                      participant=self.pupil_mentor_a)
        response = self.home(self.curator_a)
        self.assertEqual([s["assignment"].role for s in response.context["sections"]], ["curator", "mentor"])
        self.assertContains(response, "Мои наставляемые")

    def test_a_user_without_roles_is_told_whom_to_ask(self):
        self.assertContains(self.home(self.stranger), "нет ролей")

    def test_the_menu_offers_only_what_the_role_may_open(self):
        response = self.home(self.mentor_a)
        for name in ("people:list", "organizations:list", "audit:list"):
            self.assertNotContains(response, f'href="{reverse(name)}"')
        response = self.home(self.head_a)
        for name in ("people:list", "people:import", "organizations:list", "organizations:partners", "audit:list"):
            self.assertContains(response, f'href="{reverse(name)}"')
