"""`python manage.py match`: one JSON object of the issue's shape, nothing written without --apply."""

import datetime
import json
from io import StringIO

from django.core.management import CommandError, call_command

from pairs.models import Pair
from people import actions
from testing.fixtures import RegionTestCase, make_participant


class MatchCommandTests(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        actions.save_mentor_profile(cls.pupil_mentor_a, actor=None, source="pupils", competences="шахматы",
                                    hours_per_month=4)
        make_participant(cls.school_a, "Ровесников", grade=10, birth_date=datetime.date(2010, 6, 6))

    def run_command(self, *args) -> str:
        out = StringIO()
        call_command("match", *args, "--start", "01.12.2026", stdout=out)
        return out.getvalue()

    def test_json_is_one_object_of_the_documented_shape_and_nothing_is_written(self):
        data = json.loads(self.run_command("--org", self.school_a.code, "--form", "pupil_pupil", "--json"))
        self.assertEqual(data, {
            "matched": 1, "unmatched": 1, "total_score": 10,
            "pairs": [{"mentor": {"id": self.pupil_mentor_a.pk, "name": "Смирнов Иван"},
                       "mentees": [{"id": self.pupil_a.pk, "name": "Кузнецова Мария", "score": 10}]}],
            "unmatched_mentees": [{"id": data["unmatched_mentees"][0]["id"], "name": "Ровесников Иван",
                                   "reason": "нет подходящих наставников по правилам формы: наставник должен учиться "
                                             "в более старшем классе (на более старшем курсе), чем наставляемый"}],
        })
        self.assertFalse(Pair.objects.exists())

    def test_a_municipality_and_a_region_are_scopes_too(self):
        for option, code in (("--municipality", self.municipality_a.code), ("--region", self.region.code)):
            self.assertEqual(json.loads(self.run_command(option, code, "--json"))["matched"], 1)

    def test_apply_creates_proposed_pairs(self):
        out = self.run_command("--org", self.school_a.code, "--apply")
        self.assertIn("Смирнов Иван", out)
        self.assertIn("пары созданы и ждут приказа", out)
        pair = Pair.objects.get()
        self.assertEqual((pair.status, pair.mentees.get().mentee), ("proposed", self.pupil_a))

    def test_a_wrong_code_or_date_is_refused_in_russian(self):
        with self.assertRaisesMessage(CommandError, "Нет территории с кодом «19-01-001» для --municipality"):
            self.run_command("--municipality", self.school_a.code)
        with self.assertRaisesMessage(CommandError, "Нет формы наставничества с кодом «nope»"):
            self.run_command("--org", self.school_a.code, "--form", "nope")
        with self.assertRaisesMessage(CommandError, "не в формате ДД.ММ.ГГГГ"):
            call_command("match", "--org", self.school_a.code, "--start", "2026-12-01", stdout=StringIO())
