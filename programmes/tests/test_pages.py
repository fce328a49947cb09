import datetime

from django.urls import reverse

from programmes import actions
from programmes.models import CalendarItem, Programme
from testing.fixtures import RegionTestCase

STAGE_1_DOCUMENTS = ("model_order", "regulation", "roadmap", "curator_order")


class ProgrammePageTests(RegionTestCase):
    def page_url(self, organization=None) -> str:
        return reverse("programmes:organization", args=[(organization or self.school_a).pk]) + "?year=2026"

    def create(self) -> Programme:
        return actions.create_programme(organization=self.school_a, year=2026, forms=[self.pupil_pupil],
                                        goal="Раскрыть потенциал каждого ученика", curator=self.curator_a,
                                        actor=self.curator_a)

    def stage(self, programme, number: int):
        return programme.stages.get(number=number)

    def test_without_a_programme_the_curator_is_offered_to_create_one(self):
        self.login(self.curator_a)
        response = self.client.get(self.page_url())
        self.assertContains(response, "Программы на 2026/2027 учебный год нет.")
        self.assertContains(response, "Создать программу")

    def test_the_curator_creates_the_programme_through_the_action(self):
        self.login(self.curator_a)
        response = self.client.post(reverse("programmes:create", args=[self.school_a.pk]) + "?year=2026", {
            "year": 2026, "forms": [self.pupil_pupil.pk], "goal": "Раскрыть потенциал каждого ученика",
            "curator": self.curator_a.pk})
        self.assertRedirects(response, self.page_url())
        page = self.client.get(self.page_url())
        self.assertContains(page, "Раскрыть потенциал каждого ученика")
        self.assertContains(page, "Формирование наставнических пар (групп)")
        self.assertEqual(page.context["current"].stage.number, 1)

    def test_a_programme_without_a_goal_is_refused_on_the_form(self):
        self.login(self.curator_a)
        response = self.client.post(reverse("programmes:create", args=[self.school_a.pk]), {
            "year": 2026, "forms": [self.pupil_pupil.pk], "goal": " "})
        self.assertContains(response, "Обязательное поле")
        self.assertFalse(Programme.objects.exists())

    def test_the_page_says_what_is_missing_before_the_next_stage(self):
        programme = self.create()
        actions.start_stage(self.stage(programme, 1), actor=self.curator_a, on=datetime.date(2026, 9, 1))
        actions.record_stage_document(programme, kind="model_order", actor=self.curator_a, number="5",
                                      dated=datetime.date(2026, 9, 2))
        self.login(self.head_a)
        page = self.client.get(self.page_url())
        self.assertContains(page, "Не хватает документов этапа 1: «Положение о наставничестве»")
        self.assertContains(page, "Приказ о внедрении целевой модели наставничества № 5 от 02.09.2026")
        self.assertNotContains(page, "Завершить этап")

    def test_the_curator_records_the_documents_and_moves_the_stages(self):
        programme = self.create()
        self.login(self.curator_a)
        self.client.post(reverse("programmes:stage_start", args=[self.stage(programme, 1).pk]))
        for kind in STAGE_1_DOCUMENTS:
            self.client.post(reverse("programmes:document_create", args=[programme.pk]),
                             {"kind": kind, "number": "1", "dated": "2026-09-05"})
        complete = self.client.post(reverse("programmes:stage_complete", args=[self.stage(programme, 1).pk]))
        self.assertRedirects(complete, self.page_url() + "#stage-1", fetch_redirect_response=False)
        self.assertEqual(self.stage(programme, 1).state, "completed")
        self.assertEqual(self.client.get(self.page_url()).context["current"].stage.number, 2)

    def test_completing_a_stage_too_early_shows_the_actions_reason(self):
        programme = self.create()
        actions.start_stage(self.stage(programme, 1), actor=self.curator_a, on=datetime.date(2026, 9, 1))
        self.login(self.curator_a)
        response = self.client.post(reverse("programmes:stage_complete", args=[self.stage(programme, 1).pk]),
                                    follow=True)
        self.assertContains(response, "Не хватает документов этапа 1")
        self.assertEqual(self.stage(programme, 1).state, "in_progress")

    def test_the_calendar_plan_is_saved_whole_or_refused_naming_the_row(self):
        programme = self.create()
        self.login(self.curator_a)
        url = reverse("programmes:calendar", args=[programme.pk])
        rows = {"form-TOTAL_FORMS": 2, "form-INITIAL_FORMS": 0,
                "form-0-event": "Педсовет о внедрении модели", "form-0-stage": 1, "form-0-due_date": "2026-09-15",
                "form-1-event": "Встречи пар", "form-1-due_date": "2027-10-01"}
        self.assertContains(self.client.post(url, rows), "Строка 2: срок 01.10.2027 вне 2026/2027 учебного года")
        self.assertFalse(CalendarItem.objects.exists())
        rows.update({"form-1-due_date": "", "form-1-due_text": "раз в две недели"})
        self.assertRedirects(self.client.post(url, rows), self.page_url())
        self.assertContains(self.client.get(self.page_url()), "раз в две недели")

    def test_a_psychologist_sees_the_programme_but_may_not_change_it(self):
        programme = self.create()
        self.login(self.psychologist_a)
        self.assertContains(self.client.get(self.page_url()), "Раскрыть потенциал")
        self.assertNotContains(self.client.get(self.page_url()), "Изменить программу")
        self.assertEqual(self.client.post(reverse("programmes:edit", args=[programme.pk]), {}).status_code, 403)

    def test_a_curator_of_another_school_does_not_find_it(self):
        self.create()
        self.login(self.curator_b)
        self.assertEqual(self.client.get(self.page_url()).status_code, 404)

    def test_a_school_user_goes_straight_to_the_schools_programme(self):
        self.login(self.curator_a)
        response = self.client.get(reverse("programmes:index"))
        self.assertEqual(response.context["organization"], self.school_a)

    def test_a_municipality_sees_its_schools_with_and_without_a_programme(self):
        self.create()
        self.login(self.municipal_a)
        response = self.client.get(reverse("programmes:index") + "?year=2026")
        self.assertEqual([(o, p is not None) for o, p in response.context["rows"]],
                         [(self.college, False), (self.school_a, True)])

    def test_the_programme_page_costs_a_fixed_number_of_queries(self):
        programme = self.create()
        for kind in STAGE_1_DOCUMENTS:
            actions.record_stage_document(programme, kind=kind, actor=self.curator_a, number="1",
                                          dated=datetime.date(2026, 9, 5))
        self.login(self.curator_a)
        # Three of them count the meetings, feedback and reports of the year (stages 6–7).
        with self.assertNumQueries(16):
            self.client.get(self.page_url())
