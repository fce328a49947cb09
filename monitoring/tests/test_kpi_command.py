"""`manage.py kpi CODE [--date] --json` prints the numbers of the dashboard in the issue's shape."""

import io
import json

from django.core.management import CommandError, call_command

from monitoring.tests.territory import TerritoryTestCase


def kpi(*args) -> str:
    out = io.StringIO()
    call_command("kpi", *args, stdout=out)
    return out.getvalue()


class KpiCommandTest(TerritoryTestCase):
    def test_the_json_has_the_territory_the_date_and_every_indicator_in_the_issues_shape(self):
        printed = json.loads(kpi("19", "--date", "2026-12-01", "--json"))
        self.assertEqual(printed["territory"], {"code": "19", "name": "Республика Хакасия", "level": "region"})
        self.assertEqual(printed["date"], "2026-12-01")
        self.assertEqual([i["code"] for i in printed["indicators"]], [
            "mentees_10_19", "mentors_15_19", "young_teachers", "enterprises", "satisfaction_mentees",
            "satisfaction_mentors", "organizations_implementing"])
        self.assertEqual(set(printed["indicators"][0]),
                         {"code", "name", "numerator", "denominator", "value", "target", "status"})
        self.assertEqual(printed["indicators"][0] | {"name": ""}, {
            "code": "mentees_10_19", "name": "", "numerator": 8, "denominator": 100, "value": 8.0, "target": 7.5,
            "status": "on_track"})
        self.assertEqual(printed["indicators"][4]["value"], None)
        self.assertEqual(printed["indicators"][4]["status"], "no_data")

    def test_a_municipality_and_an_organization_have_their_levels(self):
        self.assertEqual(json.loads(kpi("19-02", "--date", "2026-12-01", "--json"))["territory"]["level"],
                         "municipality")
        self.assertEqual(json.loads(kpi("19-01-101", "--date", "2026-12-01", "--json"))["territory"]["level"],
                         "organization")

    def test_without_json_it_prints_a_line_per_indicator_in_russian(self):
        printed = kpi("19-02", "--date", "2026-12-01")
        self.assertIn("Усть-Абаканский район (19-02) на 01.12.2026", printed)
        self.assertIn("20.0 % (2 из 10; цель 25.0 %; отстаёт)", printed)

    def test_an_unknown_code_a_partner_or_a_bad_date_is_refused_in_russian(self):
        with self.assertRaisesMessage(CommandError, "Нет организации, муниципалитета или региона с кодом «19-P-001»"):
            kpi("19-P-001")
        with self.assertRaisesMessage(CommandError, "--date: дата «01.12.2026» не в формате ГГГГ-ММ-ДД."):
            kpi("19", "--date", "01.12.2026")


class ApiTest(TerritoryTestCase):
    def test_the_api_answers_what_the_command_prints(self):
        self.login(self.operator)
        answer = self.client.get("/api/v1/indicators/19", {"date": "2026-12-01"}).json()
        self.assertEqual(answer, json.loads(kpi("19", "--date", "2026-12-01", "--json")))

    def test_a_municipal_specialist_gets_no_other_municipality(self):
        self.login(self.municipal_a)
        self.assertEqual(self.client.get("/api/v1/indicators/19-02").status_code, 404)
