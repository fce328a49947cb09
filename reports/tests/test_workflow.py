"""A report's life: built by its own organization, its texts written, sent up once and kept as sent; the level
above reads it; nobody else writes or sends it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from monitoring.tests.territory import make_pair
from pairs.models import Pair
from people.models import Participant
from reports import actions
from reports.models import Report
from reports.selectors import last_sent
from reports.tests.base import DAY, YEAR, ReportsTestCase
from roadmaps import control
from testing.fixtures import make_participant


class WorkflowTest(ReportsTestCase):
    def setUp(self):
        self.report = actions.create_report(organization=self.school_a, year=YEAR, actor=self.curator_a, today=DAY)

    def test_a_school_user_cannot_send_another_schools_report(self):
        other = actions.create_report(organization=self.school_b, year=YEAR, actor=self.curator_b, today=DAY)
        with self.assertRaises(PermissionDenied):
            actions.send(other, actor=self.curator_a)
        self.login(self.curator_a)
        self.assertEqual(self.client.post(reverse("reports:send", args=[other.pk])).status_code, 404)
        other.refresh_from_db()
        self.assertEqual(other.status, Report.Status.DRAFT)

    def test_the_level_above_reads_a_report_but_neither_writes_nor_sends_it(self):
        for actor in (self.municipal_a, self.operator, self.psychologist_a):
            with self.subTest(actor=actor.username), self.assertRaises(PermissionDenied):
                actions.send(self.report, actor=actor)
        with self.assertRaises(PermissionDenied):
            actions.create_report(organization=self.school_a, year=YEAR - 1, actor=self.municipal_a)

    def test_a_draft_stays_inside_the_school_until_it_is_sent(self):
        self.assertFalse(Report.objects.visible_to(self.municipal_a).exists())
        actions.send(self.report, actor=self.curator_a)
        self.assertEqual(list(Report.objects.visible_to(self.municipal_a)), [self.report])
        self.assertFalse(Report.objects.visible_to(self.municipal_b).exists())

    def test_a_sent_report_can_be_edited_neither_by_the_action_nor_by_the_page(self):
        actions.edit_texts(self.report, actor=self.curator_a, summary="Как было")
        actions.send(self.report, actor=self.curator_a)
        for change in (lambda: actions.edit_texts(self.report, actor=self.curator_a, summary="Иначе"),
                       lambda: actions.refresh(self.report, actor=self.curator_a),
                       lambda: actions.send(self.report, actor=self.curator_a)):
            with self.assertRaisesMessage(ValidationError, "Отчёт отправлен"):
                change()
        self.login(self.curator_a)
        response = self.client.post(reverse("reports:texts", args=[self.report.pk]), {"summary": "Иначе"})
        self.assertRedirects(response, reverse("reports:detail", args=[self.report.pk]))
        self.report.refresh_from_db()
        self.assertEqual(self.report.summary, "Как было")

    def test_a_sent_report_keeps_its_figures_and_files_whatever_happens_in_the_register_later(self):
        sent = actions.send(self.report, actor=self.curator_a)
        document = sent.document.read()
        make_pair(self.school_a, Participant.objects.get(last_name="Наставник3"), [make_participant(self.school_a, "Новенькая")])
        self.login(self.municipal_a)
        response = self.client.get(reverse("reports:docx", args=[sent.pk]))
        self.assertEqual(b"".join(response.streaming_content), document)
        self.report.refresh_from_db()
        self.assertEqual(self.report.figures["pairs"]["total"], 8)
        self.assertEqual(Pair.objects.filter(organization=self.school_a).count(), 9)

    def test_a_draft_counts_its_figures_again_on_refresh(self):
        make_pair(self.school_a, Participant.objects.get(last_name="Наставник3"), [make_participant(self.school_a, "Новенькая")])
        report = actions.refresh(self.report, actor=self.curator_a, today=DAY)
        self.assertEqual(report.figures["pairs"]["total"], 9)

    def test_a_region_has_nobody_above_to_send_to(self):
        report = actions.create_report(organization=self.region, year=YEAR, actor=self.operator, today=DAY)
        with self.assertRaisesMessage(ValidationError, "Выше этой организации нет уровня"):
            actions.send(report, actor=self.operator)

    def test_one_report_of_an_organization_a_year(self):
        with self.assertRaisesMessage(ValidationError, "уже есть"):
            actions.create_report(organization=self.school_a, year=YEAR, actor=self.head_a, today=DAY)

    def test_a_partner_writes_no_report_and_a_year_not_begun_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "составляют образовательные организации"):
            actions.create_report(organization=self.partner, year=YEAR, actor=None, today=DAY)
        with self.assertRaisesMessage(ValidationError, "ещё не начался"):
            actions.create_report(organization=self.school_b, year=YEAR + 1, actor=self.curator_b, today=DAY)

    def test_every_change_leaves_an_audit_row_without_the_text(self):
        actions.edit_texts(self.report, actor=self.curator_a, summary="Секретные подробности")
        actions.refresh(self.report, actor=self.curator_a, today=DAY)
        actions.send(self.report, actor=self.curator_a)
        rows = AuditEntry.objects.filter(object_type="report", object_id=self.report.pk).order_by("id")
        self.assertEqual([r.action for r in rows], ["create", "update", "update", "transition"])
        self.assertEqual(rows[1].changes, {"summary": [0, len("Секретные подробности")]})
        self.assertNotIn("Секретные", str([r.changes for r in rows]))

    def test_last_sent_gives_each_organization_its_latest_sent_report(self):
        older = actions.create_report(organization=self.school_a, year=YEAR - 1, actor=self.curator_a)
        actions.send(older, actor=self.curator_a)
        self.assertEqual(last_sent([self.school_a.pk, self.school_b.pk]), {self.school_a.pk: older})
        actions.send(self.report, actor=self.curator_a)
        self.assertEqual(last_sent([self.school_a.pk]), {self.school_a.pk: self.report})

    def test_the_control_page_of_the_municipality_shows_the_last_report_each_school_sent(self):
        actions.send(self.report, actor=self.curator_a)
        found = {s.organization.pk: s.last_report for s in control.standings(self.municipality_a, DAY)}
        self.assertEqual(found[self.school_a.pk], self.report)
        self.assertIsNone(found[self.school_a2.pk])


class PagesTest(ReportsTestCase):
    def test_the_curator_builds_edits_and_sends_the_report_from_the_pages(self):
        self.login(self.curator_a)
        response = self.client.post(reverse("reports:create"), {"organization": self.school_a.pk, "year": YEAR - 1})
        report = Report.objects.get(organization=self.school_a)
        self.assertRedirects(response, reverse("reports:detail", args=[report.pk]))
        self.client.post(reverse("reports:texts", args=[report.pk]),
                         {"summary": "Год прошёл хорошо", "best_cases": "", "plans": "Больше пар"})
        page = self.client.get(reverse("reports:detail", args=[report.pk])).content.decode()
        self.assertIn("Год прошёл хорошо", page)
        self.assertIn("Отправить наверх", page)
        self.client.post(reverse("reports:send", args=[report.pk]))
        page = self.client.get(reverse("reports:detail", args=[report.pk])).content.decode()
        self.assertNotIn("Отправить наверх", page)
        self.assertIn("отправлен", page)

    def test_the_list_shows_the_municipality_the_reports_sent_from_its_schools_only(self):
        draft = actions.create_report(organization=self.school_a, year=YEAR, actor=self.curator_a, today=DAY)
        sent = actions.send(actions.create_report(organization=self.school_a, year=YEAR - 1, actor=self.curator_a),
                            actor=self.curator_a)
        self.login(self.municipal_a)
        # the session, the user, may they see an organization, may they write, the navigation's roles, the reports
        with self.assertNumQueries(6):
            page = self.client.get(reverse("reports:list")).content.decode()
        self.assertIn(reverse("reports:detail", args=[sent.pk]), page)
        self.assertNotIn(reverse("reports:detail", args=[draft.pk]), page)
