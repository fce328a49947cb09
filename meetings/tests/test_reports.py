"""Reports as forms: who writes which, stored once per deadline, printed as DOCX, approved by the head."""

import datetime
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document

from meetings import actions, deadlines
from meetings.facts import deadlines_of
from meetings.models import Report
from meetings.tests.base import PairTestCase, at
from pairs.models import Pair, PairStatus

D = datetime.date
MONTHLY = {"done": "Три встречи, «Олимпиада»", "results": "Решает задачи", "next_month": "Проект"}


class ReportTests(PairTestCase):
    def end(self):
        Pair.objects.filter(pk=self.pair.pk).update(status=PairStatus.COMPLETED, ended_on=D(2027, 5, 20))
        self.pair.refresh_from_db()

    def test_the_mentors_monthly_report_meets_the_deadline_of_its_month(self):
        actions.submit_report(self.pair, actor=self.mentor_a, kind="monthly_report", answers=MONTHLY,
                              on=D(2026, 10, 2), month=D(2026, 9, 1))
        open_keys = [d.key for d in deadlines_of(Pair.objects.filter(pk=self.pair.pk), D(2026, 10, 10))[self.pair.pk]]
        self.assertNotIn("monthly_report:2026-09", open_keys)
        self.assertIn("monthly_report:2026-10", open_keys)
        with self.assertRaisesMessage(ValidationError, "Этот отчёт уже сдан."):
            actions.submit_report(self.pair, actor=self.mentor_a, kind="monthly_report", answers=MONTHLY,
                                  on=D(2026, 10, 3), month=D(2026, 9, 15))

    def test_a_report_missing_a_required_answer_names_the_question(self):
        with self.assertRaisesMessage(ValidationError, "«Результаты и продвижение наставляемого»"):
            actions.submit_report(self.pair, actor=self.mentor_a, kind="monthly_report", answers={"done": "x"},
                                  on=D(2026, 10, 2), month=D(2026, 9, 1))

    def test_only_the_mentor_writes_the_monthly_report_and_final_reports_wait_for_the_end(self):
        with self.assertRaises(PermissionDenied):
            actions.submit_report(self.pair, actor=self.mentee_a, kind="monthly_report", answers=MONTHLY,
                                  on=D(2026, 10, 2), month=D(2026, 9, 1))
        with self.assertRaisesMessage(ValidationError, "Итоговые отчёты — после завершения наставничества."):
            actions.submit_report(self.pair, actor=self.mentor_a, kind="mentor_final", answers={}, on=D(2026, 10, 2))

    def test_completing_the_pair_leads_to_the_final_reports_of_each_side(self):
        self.pair.status = PairStatus.ACTIVE
        self.login(self.curator_a)
        response = self.client.post(reverse("pairs:complete", args=[self.pair.pk]), {"on": "2027-05-20"})
        self.assertRedirects(response, reverse("meetings:pair", args=[self.pair.pk]))
        self.login(self.mentee_a)
        page = self.client.get(reverse("meetings:pair", args=[self.pair.pk]))
        self.assertContains(page, reverse("meetings:report_create", args=[self.pair.pk, "mentee_final"]))
        response = self.client.post(reverse("meetings:report_create", args=[self.pair.pk, "mentee_final"]), {
            "about": self.pupil_a.pk, "plan_done": "Проект", "mentor_rating": "5", "satisfaction": "4",
            "useful": "Разбор задач"})
        report = Report.objects.get()
        self.assertRedirects(response, reverse("meetings:report", args=[report.pk]))
        self.assertEqual((report.key, report.author, report.answers["mentor_rating"]),
                         (f"mentee_final:{self.pupil_a.pk}", self.pupil_a, "5"))

    def test_the_curator_records_the_final_interview_and_the_head_approves_it(self):
        self.end()
        report = actions.submit_report(self.pair, actor=self.curator_a, kind="final_interview", about=self.pupil_a.pk,
                                       answers={"impressions": "Доволен", "achievements": "Призёр"}, on=D(2027, 5, 25))
        with self.assertRaises(PermissionDenied):
            actions.approve_report(report, actor=self.curator_a, on=D(2027, 5, 26))
        actions.approve_report(report, actor=self.head_a, on=D(2027, 5, 26))
        self.assertEqual(Report.objects.get().status, Report.Status.APPROVED)
        found = deadlines_of(Pair.objects.filter(pk=self.pair.pk), D(2027, 6, 1))[self.pair.pk]
        self.assertNotIn(f"{deadlines.FINAL_INTERVIEW}:{self.pupil_a.pk}", [d.key for d in found])

    def test_a_report_prints_as_docx_with_its_answers_in_quotes(self):
        report = actions.submit_report(self.pair, actor=self.mentor_a, kind="monthly_report",
                                       answers={**MONTHLY, "done": 'Подготовка к "Олимпиаде"\x0b'},
                                       on=D(2026, 10, 2), month=D(2026, 9, 1))
        self.login(self.curator_a)
        response = self.client.get(reverse("meetings:report_docx", args=[report.pk]))
        text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
        self.assertIn("Подготовка к «Олимпиаде»", text)
        self.assertIn("Месяц: 09.2026", text)


class ProgrammeStagesTests(PairTestCase):
    def test_stages_6_and_7_progress_from_the_feedback_and_reports_not_from_uploads(self):
        from programmes.actions import create_programme
        from programmes.progress import progress

        programme = create_programme(organization=self.school_a, year=2026, forms=[self.pupil_pupil], goal="Цель",
                                     actor=self.curator_a)
        stage_6 = progress(programme)[5]
        self.assertIn("meeting_feedback", [d.code for d in stage_6.missing])
        meeting = actions.plan_meeting(actor=self.mentor_a, pairs=[self.pair], kind="introduction", topic="Знакомство",
                                       starts_at=at(D(2026, 9, 2)))
        actions.give_feedback(meeting, actor=self.mentee_a, usefulness=5, comfort=5, progress=4)
        actions.submit_report(self.pair, actor=self.mentor_a, kind="monthly_report", answers=MONTHLY,
                              on=D(2026, 10, 2), month=D(2026, 9, 1))
        stage_6 = progress(programme)[5]
        self.assertEqual([d.code for d in stage_6.missing], ["individual_plans"])
        self.assertEqual(stage_6.records, ["Встреч: 1", "Форм обратной связи: 1", "Ежемесячных отчётов наставников: 1"])
