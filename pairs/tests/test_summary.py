"""«Сводка»: above the organization, pairs and groups per organization and per form, by state — numbers only."""

from django.urls import reverse

from pairs.models import PairStatus
from pairs.tests.test_pages import make_pair
from testing.fixtures import RegionTestCase, make_participant

SUMMARY = reverse("pairs:summary")


class PairSummaryTests(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        make_pair(cls.pupil_mentor_a, cls.pupil_a, form=cls.pupil_pupil)
        mentor_b = make_participant(cls.school_b, "Васильев", is_mentor=True, is_mentee=False, grade=11)
        make_pair(mentor_b, cls.pupil_b, form=cls.pupil_pupil, status=PairStatus.ACTIVE)

    def test_the_region_counts_pairs_per_organization_and_form_by_state_without_names(self):
        self.login(self.operator)
        response = self.client.get(SUMMARY)
        states = [status.label for status in PairStatus]
        self.assertEqual(response.context["by_organization"], [
            ("МБОУ «Райковская СОШ»", [int(s == "действует") for s in states], 1),
            ("МБОУ «СОШ № 1»", [int(s == "предложена") for s in states], 1)])
        self.assertEqual(response.context["by_form"], [("ученик – ученик", [1, 0, 1, 0, 0], 2)])
        for name in ("Смирнов", "Кузнецова", "Васильев", "Попов"):
            self.assertNotContains(response, name)

    def test_a_municipality_counts_only_its_own_schools(self):
        self.login(self.municipal_b)
        rows = self.client.get(SUMMARY).context["by_organization"]
        self.assertEqual([name for name, _, _ in rows], ["МБОУ «Райковская СОШ»"])

    def test_above_the_organization_the_pair_list_is_refused_and_inside_it_the_summary(self):
        self.login(self.municipal_a)
        self.assertEqual(self.client.get(reverse("pairs:list")).status_code, 403)
        self.login(self.curator_a)
        self.assertEqual(self.client.get(SUMMARY).status_code, 403)
