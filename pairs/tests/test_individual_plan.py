import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import SimpleTestCase

from accounts.models import Role
from audit.models import AuditEntry
from pairs import actions, plan_templates
from pairs.models import IndividualPlan
from programmes.models import MentorshipForm
from testing.fixtures import RegionTestCase, make_participant, make_user

START, END = datetime.date(2026, 12, 1), datetime.date(2027, 5, 31)
DAY = datetime.date(2026, 12, 5)


class PlanTemplateTests(SimpleTestCase):
    def test_a_teachers_plan_has_the_six_sections_of_the_seed(self):
        sections = [item["section"] for item in plan_templates.items_for("teacher_teacher", START, END)]
        self.assertEqual(sections, ["Знакомство с рабочим местом и коллективом", "Должностные обязанности и требования",
                                    "Адаптационные мероприятия", "Теоретическая подготовка", "Практические задания",
                                    "Закрепление"])

    def test_a_pupils_plan_has_development_goals_and_an_educational_trajectory(self):
        sections = {item["section"] for item in plan_templates.items_for("pupil_pupil", START, END)}
        self.assertEqual(sections, {"Цели развития", "Образовательная траектория"})

    def test_deadlines_lie_within_the_term_and_the_last_on_its_end(self):
        deadlines = [item["deadline"] for item in plan_templates.items_for("teacher_teacher", START, END)]
        self.assertTrue(all(START <= d <= END for d in deadlines))
        self.assertEqual(deadlines[-1], END)

    def test_a_teachers_programme_lasts_three_months_to_a_year(self):
        problem = plan_templates.term_problem
        self.assertIsNone(problem("teacher_teacher", START, datetime.date(2027, 3, 1)))
        self.assertIsNone(problem("teacher_teacher", START, datetime.date(2027, 12, 1)))
        self.assertIn("от 3 месяцев до 1 года", problem("teacher_teacher", START, datetime.date(2027, 2, 28)))
        self.assertIn("от 3 месяцев до 1 года", problem("teacher_teacher", START, datetime.date(2027, 12, 2)))
        self.assertIsNone(problem("pupil_pupil", START, datetime.date(2028, 12, 2)))

    def test_an_item_is_overdue_when_not_done_and_its_deadline_has_passed(self):
        self.assertTrue(plan_templates.is_overdue(False, DAY, DAY + datetime.timedelta(days=1)))
        self.assertFalse(plan_templates.is_overdue(False, DAY, DAY))
        self.assertFalse(plan_templates.is_overdue(True, DAY, DAY + datetime.timedelta(days=30)))

    def test_a_month_later_is_the_months_last_day_when_it_is_shorter(self):
        self.assertEqual(plan_templates.add_months(datetime.date(2027, 1, 31), 1), datetime.date(2027, 2, 28))


class IndividualPlanTests(RegionTestCase):
    def setUp(self):
        self.pair = actions.propose_pair(organization=self.school_a, form=self.pupil_pupil, mentor=self.pupil_mentor_a,
                                         mentees=[self.pupil_a], start_date=START, planned_end_date=END,
                                         actor=self.curator_a)

    def test_a_plan_is_created_from_the_forms_template(self):
        plan = actions.create_plan(self.pair, actor=self.mentor_a)
        self.assertEqual(plan.status, IndividualPlan.Status.DRAFT)
        self.assertEqual(plan.items.count(), len(plan_templates.PUPILS))
        self.assertTrue(AuditEntry.objects.filter(object_type="individualplan", actor=self.mentor_a).exists())

    def test_a_pair_has_one_plan(self):
        actions.create_plan(self.pair, actor=self.curator_a)
        with self.assertRaisesMessage(ValidationError, "уже есть"):
            actions.create_plan(self.pair, actor=self.curator_a)

    def test_only_the_pairs_mentor_and_managers_write_the_plan(self):
        for user in (self.mentee_a, self.psychologist_a, self.curator_b):
            with self.assertRaises(PermissionDenied):
                actions.create_plan(self.pair, actor=user)

    def test_a_teachers_plan_needs_a_term_of_three_months_to_a_year(self):
        teacher_form = MentorshipForm.objects.get(code="teacher_teacher")
        adult = {"birth_date": datetime.date(1980, 1, 1), "category": "teacher"}
        mentor = make_participant(self.school_a, "Орлова", is_mentor=True, is_mentee=False,
                                  teaching_experience_years=20, **adult)
        young = make_participant(self.school_a, "Соколова", teaching_experience_years=1, **adult)
        pair = actions.propose_pair(organization=self.school_a, form=teacher_form, mentor=mentor, mentees=[young],
                                    start_date=START, planned_end_date=datetime.date(2027, 2, 1), actor=self.curator_a)
        with self.assertRaisesMessage(ValidationError, "от 3 месяцев до 1 года"):
            actions.create_plan(pair, actor=self.curator_a)

    def test_the_plan_goes_draft_acknowledged_by_the_mentee_approved_by_the_curator(self):
        plan = actions.create_plan(self.pair, actor=self.mentor_a)
        with self.assertRaisesMessage(ValidationError, "недоступно"):
            actions.approve_plan(plan, actor=self.curator_a, on=DAY)
        actions.acknowledge_plan(plan, actor=self.mentee_a, on=DAY)
        actions.approve_plan(plan, actor=self.curator_a, on=DAY)
        plan.refresh_from_db()
        self.assertEqual((plan.status, plan.acknowledged_by, plan.approved_by, plan.approved_on),
                         (IndividualPlan.Status.APPROVED, self.mentee_a, self.curator_a, DAY))

    def test_only_the_pairs_mentee_acknowledges_the_plan(self):
        plan = actions.create_plan(self.pair, actor=self.mentor_a)
        other_mentee = make_user("mentee_x", Role.MENTEE, self.school_a, make_participant(self.school_a, "Чужой"))
        for user in (self.parent_a, self.mentor_a, self.curator_a, other_mentee):
            with self.assertRaises(PermissionDenied):
                actions.acknowledge_plan(plan, actor=user, on=DAY)

    def test_only_a_head_or_a_curator_of_the_organization_approves_the_plan(self):
        plan = actions.create_plan(self.pair, actor=self.mentor_a)
        actions.acknowledge_plan(plan, actor=self.mentee_a, on=DAY)
        for user in (self.mentor_a, self.psychologist_a, self.curator_b, self.municipal_a):
            with self.assertRaises(PermissionDenied):
                actions.approve_plan(plan, actor=user, on=DAY)
        self.assertEqual(actions.approve_plan(plan, actor=self.head_a, on=DAY).status, IndividualPlan.Status.APPROVED)

    def test_items_are_added_only_to_a_draft(self):
        plan = actions.create_plan(self.pair, actor=self.mentor_a)
        item = actions.add_item(plan, actor=self.mentor_a, section="Цели развития", title="Олимпиада по математике",
                                deadline=datetime.date(2027, 2, 1), responsible="наставляемый")
        self.assertIn(item, plan.items.all())
        actions.acknowledge_plan(plan, actor=self.mentee_a, on=DAY)
        with self.assertRaisesMessage(ValidationError, "только в черновик"):
            actions.add_item(plan, actor=self.mentor_a, section="", title="Ещё", deadline=DAY, responsible="")

    def test_a_done_item_keeps_its_date_and_result_and_is_no_longer_overdue(self):
        plan = actions.create_plan(self.pair, actor=self.mentor_a)
        item = plan.items.first()
        later = item.deadline + datetime.timedelta(days=1)
        self.assertTrue(item.is_overdue(later))
        actions.mark_item_done(item, actor=self.mentor_a, on=later, result="Цели записаны")
        item.refresh_from_db()
        self.assertEqual((item.done, item.done_on, item.result, item.is_overdue(later)),
                         (True, later, "Цели записаны", False))
        with self.assertRaisesMessage(ValidationError, "уже отмечен"):
            actions.mark_item_done(item, actor=self.mentor_a, on=later)
