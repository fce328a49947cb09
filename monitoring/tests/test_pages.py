"""The dashboard, its drill-down, the XLSX and the page of denominators and targets."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AuditEntry
from monitoring.models import Denominator, Target
from monitoring.tests.territory import TerritoryTestCase


class DashboardTest(TerritoryTestCase):
    def test_the_operator_lands_on_the_regions_dashboard_with_every_indicator_and_its_municipalities(self):
        self.login(self.operator)
        response = self.client.get(reverse("monitoring:index"), {"date": "2026-12-01"})
        self.assertContains(response, "Показатели: Республика Хакасия")
        self.assertContains(response, 'data-indicator="organizations_implementing"')
        self.assertContains(response, "8,0 %")
        self.assertContains(response, reverse("monitoring:dashboard", args=[self.municipality_a.pk]))
        self.assertContains(response, "По муниципалитетам")
        self.assertNotContains(response, "Двойной")

    def test_a_municipality_drills_down_to_its_schools_and_a_school_shows_itself(self):
        self.login(self.municipal_a)
        response = self.client.get(reverse("monitoring:dashboard", args=[self.municipality_a.pk]),
                                   {"date": "2026-12-01"})
        self.assertContains(response, "По организациям")
        self.assertContains(response, reverse("monitoring:dashboard", args=[self.school_a.pk]))
        self.assertNotContains(response, reverse("monitoring:dashboard", args=[self.region.pk]))
        school = self.client.get(reverse("monitoring:dashboard", args=[self.school_a.pk]), {"date": "2026-12-01"})
        self.assertContains(school, reverse("monitoring:details", args=[self.school_a.pk]))

    def test_the_details_give_the_trend_of_every_indicator_and_the_participants_by_form(self):
        self.login(self.municipal_a)
        details = self.client.get(reverse("monitoring:details", args=[self.school_a.pk]), {"date": "2026-12-01"})
        self.assertContains(details, 'class="chart indicator-trend"', count=7)
        self.assertContains(details, "2022")
        self.assertContains(details, "Участники по формам и категориям")
        self.assertContains(details, "ученик – ученик")

    def test_a_date_that_is_not_a_date_shows_today_and_says_so(self):
        self.login(self.operator)
        response = self.client.get(reverse("monitoring:index"), {"date": "вчера"})
        self.assertContains(response, "Дата не распознана")

    def test_a_mentor_has_no_dashboard(self):
        self.login(self.mentor_a)
        self.assertEqual(self.client.get(reverse("monitoring:index")).status_code, 403)


class ExportTest(TerritoryTestCase):
    def test_the_xlsx_has_the_indicators_of_the_territory_and_below_and_the_participants_by_form(self):
        self.login(self.operator)
        response = self.client.get(reverse("monitoring:export", args=[self.region.pk]), {"date": "2026-12-01"})
        book = load_workbook(io.BytesIO(response.content))
        indicators = list(book["Показатели"].iter_rows(values_only=True))
        self.assertEqual(indicators[2][:9], ("19", "Республика Хакасия", "регион", indicators[2][3],
                                             "mentees_10_19", 8, 100, 8.0, 7.5))
        self.assertEqual(len(indicators), 2 + 7 * 3)  # the region and its two municipalities
        forms = list(book["Участники по формам"].iter_rows(values_only=True))
        self.assertEqual(forms[1][0], "Форма наставничества")
        self.assertEqual(forms[-1][0], "Итого по формам")
        self.assertIn("attachment", response["Content-Disposition"])


class FiguresTest(TerritoryTestCase):
    def test_the_municipal_specialist_enters_the_denominators_and_targets_of_a_year_and_the_journal_keeps_them(self):
        self.login(self.municipal_b)
        url = reverse("monitoring:figures", args=[self.municipality_b.pk])
        response = self.client.post(url, {"year": "2026", "denominator_children_10_19": "50",
                                          "target_mentees_10_19": "", "target_enterprises": "12.5"})
        self.assertRedirects(response, reverse("monitoring:dashboard", args=[self.municipality_b.pk]))
        self.assertEqual(Denominator.objects.get(territory=self.municipality_b, kind="children_10_19").value, 50)
        self.assertFalse(Target.objects.filter(territory=self.municipality_b, indicator="mentees_10_19").exists())
        self.assertEqual(float(Target.objects.get(territory=self.municipality_b, indicator="enterprises").value), 12.5)
        self.assertEqual(AuditEntry.objects.filter(organization=self.municipality_b, object_type="target").count(), 2)

    def test_a_target_above_100_is_refused_naming_the_field(self):
        self.login(self.operator)
        response = self.client.post(reverse("monitoring:figures", args=[self.region.pk]),
                                    {"year": "2026", "target_mentees_10_19": "120"})
        self.assertEqual(response.status_code, 200)
        self.assertFormError(response.context["form"], "target_mentees_10_19",
                             "Убедитесь, что это значение меньше либо равно 100.")
        self.assertEqual(Target.objects.get(territory=self.region, indicator="mentees_10_19").value, 7.5)
