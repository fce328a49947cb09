"""The matching pages: a run in the background, its reasons, pin and forbid with htmx, run again, accept;
the weights and the preferences stated after the group meeting."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import ApiToken
from matching import engine
from matching.models import MatchingRun, MatchingWeights, MatchPreference
from organizations.models import Organization
from pairs.models import Pair
from people import actions
from testing.fixtures import RegionTestCase, make_participant


class MatchingPageTests(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        actions.save_mentor_profile(cls.pupil_mentor_a, actor=None, source="pupils", competences="шахматы",
                                    hours_per_month=4)

    def start(self, **data) -> MatchingRun:
        self.login(self.curator_a)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("matching:list"), {
                "scope": self.school_a.pk, "form": self.pupil_pupil.pk, "start_date": "2026-12-01", **data})
        run = MatchingRun.objects.latest("pk")
        self.assertRedirects(response, reverse("matching:detail", args=[run.pk]))
        return run

    def mark(self, run, name, **headers):
        pair = {"mentee": self.pupil_a.pk, "mentor": self.pupil_mentor_a.pk}
        return self.client.post(reverse(f"matching:{name}", args=[run.pk]), pair, **headers)

    def test_a_curator_runs_matching_in_the_background_and_reads_the_reasons(self):
        run = self.start()
        run.refresh_from_db()
        self.assertEqual((run.status, run.progress), ("done", 100))
        page = self.client.get(reverse("matching:detail", args=[run.pk]))
        self.assertContains(page, "Кузнецова Мария")
        self.assertContains(page, "у наставника есть время на встречи раз в две недели: 4 ч в месяц")
        self.assertNotContains(page, 'hx-trigger="every 2s"')  # finished: the page stops polling

    def test_above_the_organization_a_run_is_numbers_per_organization_and_marks_are_refused(self):
        run = self.start()
        for user in (self.municipal_a, self.operator):
            self.login(user)
            page = self.client.get(reverse("matching:detail", args=[run.pk]))
            self.assertContains(page, "По организациям")
            self.assertContains(page, "МБОУ «СОШ № 1»")
            for name in ("Кузнецова", "Смирнов"):
                self.assertNotContains(page, name)
            self.assertEqual(self.mark(run, "pin").status_code, 403)
            key = ApiToken.issue(user, "test")[1]
            answer = self.client.get(f"/api/v1/matching/runs/{run.pk}", headers={"Authorization": f"Bearer {key}"}).json()
            self.assertEqual(answer["result"]["by_organization"],
                             [{"organization": "МБОУ «СОШ № 1»", "suggested": 1, "unmatched": 0}])
            self.assertNotIn("Кузнецова", str(answer))
        self.assertRedirects(self.client.post(reverse("matching:accept", args=[run.pk])),
                             reverse("matching:detail", args=[run.pk]))
        self.assertEqual(Pair.objects.get().mentees.get().mentee, self.pupil_a)

    def test_a_run_in_progress_is_polled_by_htmx(self):
        self.login(self.curator_a)
        run = MatchingRun.objects.create(scope=self.school_a, start_date="2026-12-01", status="running", progress=30,
                                         stage="правила форм и оценки пар")
        partial = self.client.get(reverse("matching:detail", args=[run.pk]), HTTP_HX_REQUEST="true")
        self.assertContains(partial, 'hx-trigger="every 2s"')
        self.assertContains(partial, "правила форм и оценки пар… готово 30 %")
        self.assertNotContains(partial, "<html")

    def test_pin_and_forbid_answer_htmx_with_the_suggestion(self):
        run = self.start()
        response = self.mark(run, "pin", HTTP_HX_REQUEST="true")
        self.assertContains(response, "закреплено")
        self.assertContains(response, "Снять закрепление")
        response = self.mark(run, "forbid", HTTP_HX_REQUEST="true")
        self.assertContains(response, "исключено")
        run.refresh_from_db()
        self.assertEqual((run.pinned, run.forbidden), ([], [[self.pupil_a.pk, self.pupil_mentor_a.pk]]))

    def test_only_a_suggested_pair_can_be_marked(self):
        run = self.start()
        response = self.client.post(reverse("matching:pin", args=[run.pk]),
                                    {"mentee": self.pupil_b.pk, "mentor": self.pupil_mentor_a.pk}, HTTP_HX_REQUEST="true")
        self.assertEqual(response.status_code, 409)
        run.refresh_from_db()
        self.assertEqual(run.pinned, [])

    def test_a_forbidden_pair_disappears_after_running_again_and_accepting_creates_proposed_pairs(self):
        run = self.start()
        make_participant(self.school_a, "Младший", grade=5)
        self.mark(run, "forbid")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("matching:rerun", args=[run.pk]))
        again = MatchingRun.objects.latest("pk")
        self.assertRedirects(response, reverse("matching:detail", args=[again.pk]))
        self.assertEqual(again.forbidden, [[self.pupil_a.pk, self.pupil_mentor_a.pk]])
        self.assertEqual([m["name"] for p in engine.suggestions(again.result) for m in p["mentees"]], ["Младший Иван"])
        self.assertIn("куратор исключил", again.result["unmatched_mentees"][0]["reason"])
        response = self.client.post(reverse("matching:accept", args=[again.pk]))
        self.assertRedirects(response, reverse("pairs:list"))
        pair = Pair.objects.get()
        self.assertEqual((pair.status, pair.mentees.get().mentee.last_name), ("proposed", "Младший"))
        self.assertEqual(self.client.post(reverse("matching:accept", args=[again.pk])).status_code, 302)
        self.assertEqual(Pair.objects.count(), 1)  # a run is accepted once

    def test_a_curator_of_one_school_finds_it_chosen_and_the_region_operator_chooses(self):
        self.login(self.curator_a)
        self.assertEqual(self.client.get(reverse("matching:list")).context["form"]["scope"].value(), self.school_a.pk)
        self.login(self.operator)
        self.assertIsNone(self.client.get(reverse("matching:list")).context["form"]["scope"].value())

    def test_a_curator_cannot_run_matching_for_another_school(self):
        self.login(self.curator_a)
        response = self.client.post(reverse("matching:list"), {"scope": self.school_b.pk, "start_date": "2026-12-01"})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(MatchingRun.objects.exists())

    def test_the_organization_tunes_its_weights_and_may_reset_them(self):
        self.login(self.curator_a)
        url = reverse("matching:weights", args=[self.school_a.pk])
        self.assertContains(self.client.get(url), 'value="40"')  # the defaults are shown
        values = {"request": 50, "interest": 5, "age": 0, "time": 10, "form": 10, "variant": 25, "like": 25,
                  "dislike": 60}
        refused = self.client.post(url, {**values, "request": 60})
        self.assertContains(refused, "должны в сумме давать 100, сейчас 110")
        self.assertRedirects(self.client.post(url, values), url)
        self.assertEqual(MatchingWeights.objects.get(organization=self.school_a).request, 50)
        self.client.post(url, {"reset": "1"})
        self.assertFalse(MatchingWeights.objects.exists())

    def test_preferences_after_the_group_meeting_are_recorded_within_the_organization(self):
        self.login(self.curator_a)
        url = reverse("matching:preferences", args=[self.school_a.pk])
        response = self.client.post(url, {"from_participant": self.pupil_a.pk, "kind": "like",
                                          "to_participant": self.pupil_mentor_a.pk})
        self.assertRedirects(response, url)
        self.assertContains(self.client.get(url), "хотел(а) бы работать")
        refused = self.client.post(url, {"from_participant": self.pupil_a.pk, "kind": "like",
                                         "to_participant": self.pupil_b.pk})
        self.assertEqual(refused.status_code, 200)  # another school's pupil is not a choice
        self.assertEqual(MatchPreference.objects.count(), 1)
        preference = MatchPreference.objects.get()
        self.client.post(reverse("matching:preference_delete", args=[preference.pk]))
        self.assertFalse(MatchPreference.objects.exists())

    def test_the_list_of_runs_reads_the_counts_without_loading_the_suggestions(self):
        self.start()
        with self.assertNumQueries(9):  # the scopes are read once more to choose the only one
            page = self.client.get(reverse("matching:list"))
        self.assertContains(page, '<td data-label="Подобрано">1</td>', html=True)


def suggestion(mentor_id: int, mentor: str, mentee_id: int, mentee: str, form=(1, "ученик – ученик")) -> dict:
    return {"mentor": {"id": mentor_id, "name": mentor},
            "mentees": [{"id": mentee_id, "name": mentee, "score": 10, "form": {"id": form[0], "name": form[1]},
                         "reasons": []}]}


class RunResultPageTests(RegionTestCase):
    def setUp(self):
        pairs = [suggestion(100 + n, f"Наставник{n:02}", 200 + n, f"Ученик{n:02}") for n in range(12)]
        pairs.append(suggestion(150, "Педагогов", 250, "Молодой", form=(2, "учитель – учитель")))
        self.run = MatchingRun.objects.create(
            scope=self.school_a, start_date="2026-12-01", status="done", forbidden=[[201, 101]],
            result={"matched": 13, "total_score": 130, "candidates": 13, "pairs": pairs, "unmatched_mentees": [],
                    "notes": []})
        self.login(self.curator_a)

    def get(self, **query):
        return self.client.get(reverse("matching:detail", args=[self.run.pk]), query, **self.headers)

    headers = {}

    def test_the_result_groups_suggestions_by_mentor_ten_mentors_a_page(self):
        first, second = self.get(), self.get(page=2)
        self.assertEqual([p["mentor"]["name"] for p in first.context["page"].object_list][:2],
                         ["Наставник00", "Наставник01"])
        self.assertEqual(len(first.context["page"].object_list), 10)
        self.assertEqual(len(second.context["page"].object_list), 3)

    def test_filters_keep_a_name_a_form_or_a_mark(self):
        def mentors(**query):
            return [p["mentor"]["name"] for p in self.get(**query).context["page"].object_list]

        self.assertEqual(mentors(q="ученик05"), ["Наставник05"])
        self.assertEqual(mentors(form=2), ["Педагогов"])
        self.assertEqual(mentors(mark="forbidden"), ["Наставник01"])
        self.assertEqual(len(mentors(mark="none")), 10)

    def test_htmx_gets_only_the_suggestions_for_the_filters_and_the_pages(self):
        self.headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "suggestions"}
        partial = self.get(q="Педагогов")
        self.assertTemplateUsed(partial, "matching/_suggestions.html")
        self.assertNotContains(partial, "Принять: создать предложенные пары")
        self.assertContains(partial, "Молодой")

    def test_run_times_are_shown_in_the_time_zone_of_the_users_region(self):
        Organization.objects.filter(pk=self.region.pk).update(time_zone="Asia/Krasnoyarsk")
        MatchingRun.objects.filter(pk=self.run.pk).update(
            created_at=datetime.datetime(2026, 12, 9, 7, 15, tzinfo=datetime.UTC))
        self.login(self.curator_a)  # the zone is remembered at login
        self.assertContains(self.get(), "запущен 09.12.2026 14:15")
        self.assertContains(self.client.get(reverse("matching:list")), "09.12.2026 14:15")
        self.assertEqual(timezone.get_current_timezone_name(), settings.TIME_ZONE)  # for that request only
