import datetime

from django.urls import reverse

from nastavnik.testing import RegionTestCase, make_participant
from pairs.models import Pair, PairMentee, PairStatus
from programmes.models import MentorshipForm

LIST = reverse("pairs:list")


def make_pair(mentor, *mentees, form, status=PairStatus.PROPOSED) -> Pair:
    pair = Pair.objects.create(organization=mentor.organization, form=form, mentor=mentor, status=status,
                               start_date=datetime.date(2026, 10, 1), planned_end_date=datetime.date(2027, 5, 31))
    for mentee in mentees:
        PairMentee.objects.create(pair=pair, mentee=mentee)
    return pair


class PairListTests(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pair_a = make_pair(cls.pupil_mentor_a, cls.pupil_a, form=cls.pupil_pupil)
        mentor_b = make_participant(cls.school_b, "Васильев", is_mentor=True, is_mentee=False, grade=11)
        cls.pair_b = make_pair(mentor_b, cls.pupil_b, form=cls.pupil_pupil, status=PairStatus.ACTIVE)

    def page(self, query: str = "", user=None) -> str:
        self.login(user or self.curator_a)
        return self.client.get(LIST + query).content.decode()

    def test_the_list_shows_only_the_pairs_the_user_may_see(self):
        page = self.page()
        self.assertIn("Кузнецова", page)
        self.assertNotIn("Попов", page)

    def test_a_mentor_sees_their_own_pair_and_no_other(self):
        page = self.page(user=self.mentor_a)
        self.assertIn("Кузнецова", page)
        self.assertNotIn("Попов", page)

    def test_a_user_without_a_role_is_refused(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(LIST).status_code, 403)

    def test_search_finds_the_mentor_or_a_mentee_by_a_part_of_the_fio(self):
        self.assertIn("Кузнецова", self.page("?q=КУЗНЕЦ"))
        self.assertIn("Кузнецова", self.page("?q=смирнов"))
        self.assertNotIn("Кузнецова", self.page("?q=попов"))

    def test_filters_by_status_and_form(self):
        teachers = MentorshipForm.objects.get(code="teacher_teacher")
        self.assertIn("Кузнецова", self.page("?status=proposed"))
        self.assertNotIn("Кузнецова", self.page("?status=active"))
        self.assertIn("Кузнецова", self.page(f"?form={self.pupil_pupil.pk}"))
        self.assertNotIn("Кузнецова", self.page(f"?form={teachers.pk}"))

    def test_htmx_gets_only_the_results(self):
        self.login(self.curator_a)
        response = self.client.get(LIST + "?q=кузнец", headers={"HX-Request": "true"})
        self.assertContains(response, 'id="pair-results"')
        self.assertNotContains(response, "<html")

    def test_the_list_costs_the_same_queries_for_thirty_groups(self):
        for number in range(30):
            mentor = make_participant(self.school_a, f"Наставник{number}", is_mentor=True, is_mentee=False, grade=11)
            mentees = [make_participant(self.school_a, f"Ученик{number}-{i}", grade=5, consents=False)
                       for i in range(2)]
            make_pair(mentor, *mentees, form=self.pupil_pupil)
        self.login(self.curator_a)
        with self.assertNumQueries(10):
            response = self.client.get(LIST + f"?form={self.pupil_pupil.pk}&status=proposed")
        self.assertContains(response, "Ученик29-1")


class PairCardTests(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pair = make_pair(cls.pupil_mentor_a, cls.pupil_a, form=cls.pupil_pupil)

    def test_the_card_shows_the_mentor_the_mentees_the_form_and_the_term(self):
        self.login(self.mentee_a)
        response = self.client.get(reverse("pairs:detail", args=[self.pair.pk]))
        self.assertContains(response, "Смирнов Иван")
        self.assertContains(response, "Кузнецова Мария")
        self.assertContains(response, "ученик – ученик")
        self.assertContains(response, "01.10.2026 – 31.05.2027")

    def test_a_curator_of_another_school_gets_404(self):
        self.login(self.curator_b)
        self.assertEqual(self.client.get(reverse("pairs:detail", args=[self.pair.pk])).status_code, 404)
