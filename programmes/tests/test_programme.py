"""The organization's programme for a school year: its forms, goal, curator, calendar plan and the
seven stages with their documents (programmes.actions, programmes.progress)."""

import datetime

from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from programmes import actions, stages
from programmes.models import MentorshipForm, Programme
from programmes.progress import current, progress
from testing.fixtures import RegionTestCase

STAGE_1_DOCUMENTS = ("model_order", "regulation", "roadmap", "curator_order")


class ProgrammeTests(RegionTestCase):
    def create(self, organization=None, **values):
        values = {"year": 2026, "forms": [self.pupil_pupil], "goal": "Раскрыть потенциал каждого ученика",
                  "curator": self.curator_a, **values}
        return actions.create_programme(organization=organization or self.school_a, actor=self.curator_a, **values)

    def stage(self, programme, number):
        return programme.stages.get(number=number)

    def finish_stage_1(self, programme):
        actions.start_stage(self.stage(programme, 1), actor=self.curator_a, on=datetime.date(2026, 9, 1))
        for kind in STAGE_1_DOCUMENTS:
            actions.record_stage_document(programme, kind=kind, actor=self.curator_a, number="1",
                                          dated=datetime.date(2026, 9, 5))
        actions.complete_stage(self.stage(programme, 1), actor=self.curator_a, on=datetime.date(2026, 9, 10))

    def test_a_curator_creates_the_programme_with_its_seven_stages_not_started(self):
        programme = self.create(tasks="Адаптация пятиклассников", expected_results="Рост успеваемости")
        self.assertEqual(list(programme.stages.values_list("number", "state")),
                         [(n, stages.NOT_STARTED) for n in range(1, 8)])
        self.assertEqual(str(programme), "Программа наставничества на 2026/2027 учебный год")
        entry = AuditEntry.objects.get(object_type="programme", action="create")
        self.assertEqual(entry.changes["forms"], [None, ["ученик – ученик"]])

    def test_an_organization_has_one_programme_a_school_year(self):
        self.create()
        with self.assertRaisesMessage(ValidationError, "Программа на 2026/2027 учебный год уже есть"):
            self.create()
        self.assertEqual(self.create(year=2027).year, 2027)

    def test_a_programme_needs_a_goal_and_at_least_one_form(self):
        with self.assertRaises(ValidationError) as raised:
            self.create(goal=" ", forms=[])
        self.assertEqual(set(raised.exception.message_dict), {"goal", "forms"})
        self.assertFalse(Programme.objects.exists())

    def test_the_curator_is_the_organizations_curator_or_head(self):
        with self.assertRaisesMessage(ValidationError, "не куратор и не руководитель"):
            self.create(curator=self.curator_b)
        self.assertEqual(self.create(curator=self.head_a).curator, self.head_a)

    def test_only_an_educational_organization_runs_a_programme(self):
        with self.assertRaisesMessage(ValidationError, "образовательная организация"):
            self.create(organization=self.partner, curator=None)

    def test_a_change_logs_only_what_changed(self):
        programme = self.create()
        teachers = MentorshipForm.objects.get(code="teacher_teacher")
        actions.update_programme(programme, actor=self.head_a, goal="Новая цель", forms=[self.pupil_pupil, teachers])
        entry = AuditEntry.objects.get(object_type="programme", action="update")
        self.assertEqual(entry.changes, {"goal": ["Раскрыть потенциал каждого ученика", "Новая цель"],
                                         "forms": [["ученик – ученик"], ["ученик – ученик", "учитель – учитель"]]})

    def test_the_calendar_plan_is_written_all_or_nothing_and_errors_name_the_row(self):
        programme = self.create()
        good = {"event": "Встреча-знакомство", "stage": 6, "due_date": datetime.date(2026, 10, 1),
                "responsible": "Куратор"}
        with self.assertRaises(ValidationError) as raised:
            actions.set_calendar_plan(programme, [good, {"event": "", "due_text": ""},
                                                  {"event": "Итоговая встреча", "due_date": datetime.date(2027, 9, 1)}],
                                      actor=self.curator_a)
        self.assertEqual(raised.exception.messages, [
            "Строка 2: укажите мероприятие; укажите срок: дату или словами («ежемесячно»).",
            "Строка 3: срок 01.09.2027 вне 2026/2027 учебного года (01.09.2026 – 31.08.2027)."])
        self.assertFalse(programme.calendar.exists())
        actions.set_calendar_plan(programme, [good, {"event": "Отчёт наставника куратору", "due_text": "ежемесячно"}],
                                  actor=self.curator_a)
        self.assertEqual(list(programme.calendar.values_list("position", "event")),
                         [(1, "Встреча-знакомство"), (2, "Отчёт наставника куратору")])

    def test_a_stage_starts_after_the_one_before_it(self):
        programme = self.create()
        with self.assertRaisesMessage(ValidationError, "Сначала начните этап 1"):
            actions.start_stage(self.stage(programme, 2), actor=self.curator_a, on=datetime.date(2026, 9, 1))
        actions.start_stage(self.stage(programme, 1), actor=self.curator_a, on=datetime.date(2026, 9, 1))
        self.assertEqual(self.stage(programme, 1).started_on, datetime.date(2026, 9, 1))

    def test_a_stage_cannot_be_completed_without_its_required_documents(self):
        programme = self.create()
        actions.start_stage(self.stage(programme, 1), actor=self.curator_a, on=datetime.date(2026, 9, 1))
        with self.assertRaisesMessage(ValidationError, "«Положение о наставничестве»"):
            actions.complete_stage(self.stage(programme, 1), actor=self.curator_a, on=datetime.date(2026, 9, 10))
        for kind in STAGE_1_DOCUMENTS:
            actions.record_stage_document(programme, kind=kind, actor=self.curator_a)
        stage = actions.complete_stage(self.stage(programme, 1), actor=self.curator_a, on=datetime.date(2026, 9, 10))
        self.assertEqual((stage.state, stage.completed_on), (stages.COMPLETED, datetime.date(2026, 9, 10)))
        self.assertEqual(AuditEntry.objects.filter(object_type="programmestage", action="transition").count(), 2)

    def test_the_curator_sees_what_is_missing_before_the_next_stage(self):
        programme = self.create()
        self.finish_stage_1(programme)
        actions.start_stage(self.stage(programme, 2), actor=self.curator_a, on=datetime.date(2026, 9, 11))
        actions.record_stage_document(programme, kind="consents", actor=self.curator_a)
        # The stages with their documents, and three counts of the pairs' records (stages 6–7).
        with self.assertNumQueries(5):
            rows = progress(programme)
        now = current(rows)
        self.assertEqual(now.stage.number, 2)
        self.assertEqual([d.code for d in now.missing], ["mentee_base"])
        self.assertIn("«База наставляемых с перечнем запросов»", now.blocker)
        self.assertEqual(rows[0].blocker, "")
        self.assertEqual([d.code for d in rows[0].missing], ["partner_agreement", "web_page"])
        self.assertEqual(rows[2].blocker, "")  # stage 3 may start beside stage 2
        self.assertIn("Сначала начните этап 3", rows[3].blocker)

    def test_an_order_registered_elsewhere_joins_the_stage_of_that_school_year(self):
        programme = self.create()
        document = actions.record_order(self.school_a, kind="pairs_order", number="15-од",
                                        dated=datetime.date(2027, 1, 20), actor=self.head_a)
        self.assertEqual((document.stage.programme, document.stage.number), (programme, 5))
        again = actions.record_order(self.school_a, kind="pairs_order", number="15-од",
                                     dated=datetime.date(2027, 1, 20), actor=self.head_a)
        self.assertEqual(again, document)
        self.assertIsNone(actions.record_order(self.school_b, kind="pairs_order", number="1",
                                               dated=datetime.date(2027, 1, 20), actor=self.head_a))

    def test_another_document_needs_its_stage_and_a_title(self):
        programme = self.create()
        with self.assertRaisesMessage(ValidationError, "укажите этап и наименование"):
            actions.record_stage_document(programme, kind="other", actor=self.curator_a)
        document = actions.record_stage_document(programme, kind="other", stage=3, title="Фотоотчёт",
                                                 actor=self.curator_a)
        self.assertEqual(document.stage.number, 3)

    def test_documents_of_a_completed_stage_are_kept(self):
        programme = self.create()
        self.finish_stage_1(programme)
        document = self.stage(programme, 1).documents.first()
        with self.assertRaisesMessage(ValidationError, "Этап завершён"):
            actions.remove_stage_document(document, actor=self.curator_a)

    def test_programmes_are_seen_by_the_organizations_staff_and_those_above_it(self):
        programme = self.create()
        for user, sees in ((self.curator_a, True), (self.municipal_a, True), (self.operator, True),
                           (self.curator_b, False), (self.municipal_b, False), (self.mentor_a, False)):
            self.assertEqual(list(Programme.objects.visible_to(user)), [programme] if sees else [], user)
