"""The matching API: a run started, read with its suggestions, a pair forbidden, accepted."""

from matching.models import MatchingRun
from pairs.models import Pair
from people import actions
from testing.fixtures import RegionTestCase


class MatchingApiTests(RegionTestCase):
    def setUp(self):
        actions.save_mentor_profile(self.pupil_mentor_a, actor=None, source="pupils", competences="шахматы",
                                    hours_per_month=4)
        self.login(self.curator_a)

    def post(self, path, data=None):
        return self.client.post(f"/api/v1/matching/{path}", data or {}, content_type="application/json")

    def test_a_run_is_started_read_and_accepted(self):
        with self.captureOnCommitCallbacks(execute=True):
            started = self.post("runs", {"scope": self.school_a.code, "form": "pupil_pupil", "start_date": "2026-12-01"})
        self.assertEqual(started.status_code, 201)
        run = self.client.get(f"/api/v1/matching/runs/{started.json()['id']}").json()
        self.assertEqual((run["status"], run["result"]["matched"]), ("done", 1))
        mentee = run["result"]["pairs"][0]["mentees"][0]
        self.assertIn(["у наставника есть время на встречи раз в две недели: 4 ч в месяц", 10], mentee["reasons"])
        accepted = self.post(f"runs/{run['id']}/accept")
        self.assertEqual(accepted.json(), {"pairs": 1})
        self.assertEqual(Pair.objects.get().status, "proposed")

    def test_a_pair_outside_the_suggestions_is_refused_in_russian(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.post("runs", {"scope": self.school_a.code, "start_date": "2026-12-01"})
        run = MatchingRun.objects.get()
        refused = self.post(f"runs/{run.pk}/forbid", {"mentee": self.pupil_b.pk, "mentor": self.pupil_mentor_a.pk})
        self.assertEqual(refused.status_code, 422)
        self.assertIn("Такой пары нет среди предложений", str(refused.json()))

    def test_an_unknown_form_is_the_inputs_error(self):
        refused = self.post("runs", {"scope": self.school_a.code, "form": "nope", "start_date": "2026-12-01"})
        self.assertEqual(refused.status_code, 422)
        self.assertFalse(MatchingRun.objects.exists())
