"""The roadmap pages: import with preview and confirm, approval with comments, versions side by side, the
list with the schools' states, evidence, control points in numbers."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from people.models import PendingImport
from roadmaps import actions
from roadmaps.models import Item, Roadmap, Version
from roadmaps.tests.files import roadmap_docx
from testing.fixtures import RegionTestCase

START, END = datetime.date(2026, 9, 1), datetime.date(2027, 5, 31)


def _upload(content: bytes, name: str = "karta.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


class ImportPageTests(RegionTestCase):
    def test_the_preview_shows_the_due_dates_and_the_rows_needing_one_and_writes_nothing(self):
        self.login(self.curator_a)
        response = self.client.post(reverse("roadmaps:import"), {
            "organization": self.school_a.pk, "file": _upload(roadmap_docx()), "starts_on": "2026-09-01",
            "ends_on": "2027-05-31"})
        self.assertContains(response, "31.10.2026")
        self.assertContains(response, "Нужна дата в строках 8")
        self.assertFalse(Roadmap.objects.exists())
        token = PendingImport.objects.get(user=self.curator_a).token
        response = self.client.post(reverse("roadmaps:import"), {"token": token, "starts_on": "2026-09-01",
                                                                 "ends_on": "2027-05-31"}, follow=True)
        roadmap = Roadmap.objects.get()
        self.assertRedirects(response, reverse("roadmaps:detail", args=[roadmap.pk]))
        self.assertEqual((roadmap.organization, roadmap.items.count()), (self.school_a, 5))
        self.assertFalse(PendingImport.objects.exists())

    def test_another_users_token_confirms_nothing(self):
        self.login(self.curator_a)
        self.client.post(reverse("roadmaps:import"), {"organization": self.school_a.pk,
                                                      "file": _upload(roadmap_docx())})
        token = PendingImport.objects.get().token
        self.login(self.head_a)
        self.client.post(reverse("roadmaps:import"), {"token": token, "starts_on": "2026-09-01",
                                                      "ends_on": "2027-05-31"})
        self.assertFalse(Roadmap.objects.exists())

    def test_a_file_that_is_no_roadmap_is_refused_on_the_form(self):
        self.login(self.curator_a)
        response = self.client.post(reverse("roadmaps:import"), {"organization": self.school_a.pk,
                                                                 "file": _upload(b"<html>", "karta.docx")})
        self.assertContains(response, "Загрузите дорожную карту в формате DOCX")

    def test_a_school_cannot_import_into_another_school(self):
        self.login(self.curator_a)
        response = self.client.post(reverse("roadmaps:import"), {"organization": self.school_b.pk,
                                                                 "file": _upload(roadmap_docx())})
        self.assertContains(response, "Выберите корректный вариант")
        self.assertFalse(PendingImport.objects.exists())


class ApprovalPageTests(RegionTestCase):
    def setUp(self):
        self.roadmap = actions.copy_template(organization=self.school_a, code="school_teachers", actor=self.curator_a,
                                             starts_on=START, ends_on=END)
        self.roadmap.items.filter(attention=True).update(attention=False, due_on=END, due=[END.isoformat()])
        self.item = self.roadmap.items.first()

    def test_the_municipality_returns_with_a_comment_the_school_sees_it_by_the_item(self):
        self.login(self.curator_a)
        self.client.post(reverse("roadmaps:send", args=[self.roadmap.pk]))
        self.login(self.municipal_a)
        self.client.post(reverse("roadmaps:decide", args=[self.roadmap.pk]),
                         {f"item_{self.item.pk}": "Назовите документ", "return": "1"})
        self.login(self.curator_a)
        response = self.client.get(reverse("roadmaps:detail", args=[self.roadmap.pk]))
        self.assertContains(response, "Замечание: Назовите документ")
        self.assertContains(response, "возвращена на доработку")

    def test_versions_compare_side_by_side(self):
        actions.send(self.roadmap, actor=self.curator_a)
        actions.return_for_changes(self.roadmap, actor=self.municipal_a, comments={self.item.pk: "срок?"})
        actions.update_item(self.item, actor=self.curator_a, term="до 01.10.2026")
        actions.send(self.roadmap, actor=self.curator_a)
        self.login(self.municipal_a)
        response = self.client.get(reverse("roadmaps:compare", args=[self.roadmap.pk]), {"a": 1, "b": 2})
        self.assertContains(response, "до 01.10.2026")
        self.assertContains(response, "изменено")

    def test_the_list_tells_the_municipality_which_schools_have_an_approved_roadmap(self):
        actions.send(self.roadmap, actor=self.curator_a)
        actions.approve(self.roadmap, actor=self.municipal_a)
        self.login(self.municipal_a)
        response = self.client.get(reverse("roadmaps:list"))
        self.assertContains(response, "Согласованная дорожная карта есть у <strong>1</strong> из 2")
        self.assertContains(response, "согласована")
        self.assertContains(response, timezone.localdate().strftime("%d.%m.%Y"))  # when it was sent

    def test_the_list_counts_items_and_overdue_ones_once_whatever_the_number_of_versions(self):
        actions.update_item(self.item, actor=self.curator_a, due_on=START)
        actions.send(self.roadmap, actor=self.curator_a)
        actions.return_for_changes(self.roadmap, actor=self.municipal_a, comment="ещё раз")
        actions.send(self.roadmap, actor=self.curator_a)
        self.login(self.municipal_a)
        with self.settings(TIME_ZONE="UTC"):
            roadmap = next(r for o, found in self.client.get(reverse("roadmaps:list")).context["rows"] for r in found)
        overdue = self.roadmap.items.overdue(timezone.localdate()).count()
        self.assertGreater(overdue, 0)
        self.assertEqual((roadmap.item_count, roadmap.overdue), (self.roadmap.items.count(), overdue))

    def test_the_region_sees_the_roadmap_but_may_not_decide(self):
        actions.send(self.roadmap, actor=self.curator_a)
        self.login(self.operator)
        self.assertEqual(self.client.get(reverse("roadmaps:detail", args=[self.roadmap.pk])).status_code, 200)
        self.assertEqual(self.client.post(reverse("roadmaps:decide", args=[self.roadmap.pk]),
                                          {"approve": "1"}).status_code, 403)
        self.assertEqual(Version.objects.get().decision, Version.Decision.PENDING)


class EvidenceTests(RegionTestCase):
    def test_an_evidence_that_is_not_a_pdf_or_an_image_is_refused(self):
        roadmap = actions.copy_template(organization=self.school_a, code="school_teachers", actor=self.curator_a)
        item = roadmap.items.first()
        self.login(self.curator_a)
        response = self.client.post(reverse("roadmaps:item_progress", args=[item.pk]), {
            "status": "done", "evidence": SimpleUploadedFile("scan.pdf", b"<html><script>x</script>")}, follow=True)
        self.assertContains(response, "PDF, JPEG или PNG")
        item.refresh_from_db()
        self.assertEqual(item.status, Item.Status.PLANNED)

    @override_settings(PROTECTED_MEDIA_SERVER="django")
    def test_a_pdf_evidence_is_kept_and_given_back_as_a_download(self):
        roadmap = actions.copy_template(organization=self.school_a, code="school_teachers", actor=self.curator_a)
        item = roadmap.items.first()
        self.login(self.curator_a)
        self.client.post(reverse("roadmaps:item_progress", args=[item.pk]), {
            "status": "done", "evidence": SimpleUploadedFile("скан.pdf", b"%PDF-1.4 signed")})
        response = self.client.get(reverse("roadmaps:item_evidence", args=[item.pk]))
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(b"".join(response.streaming_content), b"%PDF-1.4 signed")


class ControlPointTests(RegionTestCase):
    def test_at_each_december_the_municipality_sees_each_schools_numbers_not_names(self):
        municipal = actions.copy_template(organization=self.municipality_a, code="municipal_2020_2024",
                                          actor=self.municipal_a, starts_on=datetime.date(2026, 8, 1),
                                          ends_on=datetime.date(2028, 12, 31))
        actions.update_item(municipal.items.get(number="6.1."), actor=self.municipal_a,
                            term="Декабрь 2026, Декабрь 2027")
        school = actions.create_roadmap(
            organization=self.school_a, title="Школьная", starts_on=START, ends_on=END, actor=self.curator_a,
            rows=[actions.catalogue.Row("1.", "Приказ", "до 10.09.2026", "Исакова Н.Р."),
                  actions.catalogue.Row("2.", "База наставников", "ноябрь 2026"),
                  actions.catalogue.Row("3.", "Отчёт", "май 2027")])
        first = school.items.get(number="1.")
        actions.set_progress(first, actor=self.curator_a, status=Item.Status.DONE, day=datetime.date(2026, 9, 9))
        self.login(self.municipal_a)
        with self.settings(TIME_ZONE="UTC"):
            response = self.client.get(reverse("roadmaps:control", args=[municipal.pk]))
        self.assertContains(response, "31.12.2026")
        self.assertContains(response, "31.12.2027")
        self.assertContains(response, "нет дорожной карты")  # the college below the municipality
        self.assertNotContains(response, "Исакова")
        line = response.context["points"][0][1][[o.organization for o in response.context["points"][0][1]]
                                                 .index(self.school_a)]
        self.assertEqual((line.tally.items, line.tally.due, line.tally.done), (3, 2, 1))


class QueryCountTests(RegionTestCase):
    def roadmaps(self, count: int) -> None:
        for _ in range(count):
            actions.copy_template(organization=self.school_a, code="school_teachers", actor=self.curator_a)

    def queries(self, name: str, *args) -> int:
        with CaptureQueriesContext(connection) as captured:
            self.assertEqual(self.client.get(reverse(name, args=args)).status_code, 200)
        return len(captured)

    def test_the_list_and_a_roadmap_cost_the_same_queries_however_many_rows_they_show(self):
        self.login(self.municipal_a)
        self.roadmaps(1)
        first = Roadmap.objects.first()
        few = self.queries("roadmaps:list"), self.queries("roadmaps:detail", first.pk)
        self.roadmaps(3)
        actions.add_item(first, actor=self.curator_a, activity="Ещё одно", term="май 2027")
        self.assertEqual((self.queries("roadmaps:list"), self.queries("roadmaps:detail", first.pk)), few)
