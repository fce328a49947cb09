import datetime
import json
from io import StringIO

from django.core.management import call_command

from matching import engine
from nastavnik.testing import RegionTestCase, make_participant
from pairs.models import Pair
from people import actions

START = datetime.date(2026, 12, 1)


class EngineTests(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        actions.save_mentor_profile(cls.pupil_mentor_a, actor=None, source="pupils",
                                    competences="олимпиадная математика, шахматы", preferred_age_min=11,
                                    preferred_age_max=15, hours_per_month=4)
        actions.add_request(cls.pupil_a, actor=None, text="подготовка к олимпиаде по математике")
        cls.same_grade = make_participant(cls.school_a, "Ровесников", grade=10, birth_date=datetime.date(2010, 6, 6))
        cls.no_consent = make_participant(cls.school_a, "Несогласный", grade=6, consents=False)

    def run_json(self, *args) -> dict:
        out = StringIO()
        call_command("match", *args, "--json", "--start", "01.12.2026", stdout=out)
        return json.loads(out.getvalue())

    def test_a_suggestion_explains_its_score_in_russian(self):
        result = engine.match(self.school_a, self.pupil_pupil, day=START)
        [pair] = result.pairs
        [mentee] = pair["mentees"]
        self.assertEqual(mentee["name"], "Кузнецова Мария")
        self.assertIn("запрос «подготовка к олимпиаде по математике» ↔ компетенция «олимпиадная математика»",
                      mentee["reasons"][0])
        self.assertIn("возраст 14 в предпочтениях наставника (11–15)", mentee["reasons"])

    def test_unmatched_mentees_are_listed_with_the_reason(self):
        reasons = {m["name"]: m["reason"] for m in engine.match(self.school_a, self.pupil_pupil, day=START).unmatched_mentees}
        self.assertIn("более старшем классе", reasons["Ровесников Иван"])
        self.assertIn("согласий", reasons["Несогласный Иван"])

    def test_a_curator_matches_within_the_organization_only(self):
        names = {m["name"] for p in engine.match(self.school_a, self.pupil_pupil, day=START).pairs for m in p["mentees"]}
        names |= {m["name"] for m in engine.match(self.school_a, self.pupil_pupil, day=START).unmatched_mentees}
        self.assertNotIn("Попов Иван", names)

    def test_a_forbidden_pair_is_not_suggested(self):
        result = engine.match(self.school_a, self.pupil_pupil, day=START,
                              forbidden={(self.pupil_a.pk, self.pupil_mentor_a.pk)})
        self.assertEqual(result.pairs, [])

    def test_the_command_prints_one_json_object_and_writes_nothing_without_apply(self):
        data = self.run_json("--org", self.school_a.code, "--form", "pupil_pupil")
        self.assertEqual(set(data), {"matched", "unmatched", "total_score", "pairs", "unmatched_mentees"})
        self.assertEqual(data["matched"], 1)
        self.assertEqual(data["pairs"][0]["mentor"], {"id": self.pupil_mentor_a.pk, "name": "Смирнов Иван"})
        self.assertEqual(set(data["unmatched_mentees"][0]), {"id", "name", "reason"})
        self.assertFalse(Pair.objects.exists())

    def test_apply_turns_suggestions_into_proposed_pairs(self):
        out = StringIO()
        call_command("match", "--org", self.school_a.code, "--form", "pupil_pupil", "--apply", "--start", "01.12.2026",
                     stdout=out)
        pair = Pair.objects.get()
        self.assertEqual((pair.mentor, pair.status, [m.mentee for m in pair.mentees.all()]),
                         (self.pupil_mentor_a, "proposed", [self.pupil_a]))
        # the mentee now has a live pair of the form, so a second run finds nobody to match
        self.assertEqual(self.run_json("--org", self.school_a.code, "--form", "pupil_pupil")["matched"], 0)
