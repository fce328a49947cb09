import datetime

from django.urls import reverse

from matching.models import MatchingRun
from nastavnik.testing import RegionTestCase
from pairs.models import Pair
from people import actions


class MatchingPageTests(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        actions.save_mentor_profile(cls.pupil_mentor_a, actor=None, source="pupils", competences="шахматы",
                                    hours_per_month=4)

    def start(self) -> MatchingRun:
        self.login(self.curator_a)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("matching:list"), {
                "scope": self.school_a.pk, "form": self.pupil_pupil.pk, "start_date": "01.12.2026"})
        run = MatchingRun.objects.get()
        self.assertRedirects(response, reverse("matching:detail", args=[run.pk]))
        return run

    def test_a_curator_runs_matching_in_the_background_and_reads_the_reasons(self):
        run = self.start()
        run.refresh_from_db()
        self.assertEqual(run.status, "done")
        page = self.client.get(reverse("matching:detail", args=[run.pk]))
        self.assertContains(page, "Кузнецова Мария")
        self.assertContains(page, "у наставника есть время: 4 ч в месяц")

    def test_a_forbidden_pair_disappears_after_running_again_and_accepting_creates_proposed_pairs(self):
        run = self.start()
        pair = {"mentee": self.pupil_a.pk, "mentor": self.pupil_mentor_a.pk}
        self.client.post(reverse("matching:forbid", args=[run.pk]), pair)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("matching:rerun", args=[run.pk]))
        again = MatchingRun.objects.exclude(pk=run.pk).get()
        self.assertRedirects(response, reverse("matching:detail", args=[again.pk]))
        self.assertEqual(again.result["matched"], 0)
        self.client.post(reverse("matching:accept", args=[run.pk]))
        self.assertFalse(Pair.objects.exists())  # the forbidden pair is not created from the old run either
        self.client.post(reverse("matching:forbid", args=[run.pk]), pair)  # lift the ban on a new run
        third = MatchingRun.objects.create(scope=self.school_a, form=self.pupil_pupil,
                                           start_date=datetime.date(2026, 12, 1), created_by=self.curator_a)
        from matching.actions import compute

        compute(third)
        self.client.post(reverse("matching:accept", args=[third.pk]))
        self.assertEqual(Pair.objects.get().status, "proposed")

    def test_a_curator_cannot_run_matching_for_another_school(self):
        self.login(self.curator_a)
        response = self.client.post(reverse("matching:list"), {
            "scope": self.school_b.pk, "start_date": "01.12.2026"})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(MatchingRun.objects.exists())
