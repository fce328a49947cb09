"""The registry of mentors and the list of pairs as XLSX: read back, scoped to the user, dates as dates."""

import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from documents import exporting
from documents.models import OrderKind
from documents.tests.base import END, START, DocumentsTestCase
from pairs.models import Pair
from people.models import MentorProfile, Participant
from utilities import spreadsheets


def rows(response) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


class RegistryExportTests(DocumentsTestCase):
    def test_the_registry_lists_the_mentors_with_the_order_that_approved_them(self):
        MentorProfile.objects.create(participant=self.pupil_mentor_a, source="pupils",
                                     competences="робототехника").forms.set([self.pupil_pupil])
        self.propose(self.pupil_a)
        self.register(self.draft(OrderKind.REGISTRY, self.pupil_mentor_a), number="4", date=datetime.date(2026, 9, 1))
        self.login(self.curator_a)
        header, *body = rows(self.client.get(reverse("documents:registry_xlsx")))
        self.assertEqual(header, tuple(column.title for column in exporting.REGISTRY_COLUMNS))
        self.assertEqual(body, [(1, "Смирнов Иван", "МБОУ «СОШ № 1»", "обучающийся", "10А", None, None,
                                 "ученик – ученик", "робототехника", 1, "4", datetime.datetime(2026, 9, 1))])

    def test_the_registry_holds_only_the_mentors_the_user_sees(self):
        self.mentor("Васильев", self.school_b)
        self.login(self.curator_a)
        names = [row[1] for row in rows(self.client.get(reverse("documents:registry_xlsx")))[1:]]
        self.assertEqual(names, ["Смирнов Иван"])
        for user in (self.operator, self.municipal_a):
            self.login(user)
            self.assertEqual(self.client.get(reverse("documents:registry_xlsx")).status_code, 403)
            self.assertEqual(self.client.get(reverse("documents:pairs_xlsx")).status_code, 403)

    def test_the_header_is_styled_frozen_and_filtered(self):
        self.login(self.curator_a)
        response = self.client.get(reverse("documents:registry_xlsx"))
        self.assertEqual(response["Content-Type"], exporting.CONTENT_TYPE)
        sheet = load_workbook(io.BytesIO(response.content)).active
        self.assertTrue(sheet["A1"].font.bold)
        self.assertEqual(sheet["A1"].fill.fgColor.rgb[-6:], "1F5FBF")
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.auto_filter.ref, "A1:L1")


class PairExportTests(DocumentsTestCase):
    def test_the_pair_list_has_every_pair_with_dates_as_dates_and_its_order(self):
        pair = self.approved(self.pupil_a, self.pupil("Орлова"), number="9")
        self.login(self.curator_a)
        header, *body = rows(self.client.get(reverse("documents:pairs_xlsx")))
        self.assertEqual(header, tuple(column.title for column in exporting.PAIR_COLUMNS))
        self.assertEqual(body, [(1, "МБОУ «СОШ № 1»", "Смирнов Иван", "Кузнецова Мария, Орлова Иван",
                                 "ученик – ученик", None, pair.get_kind_display(), "утверждена приказом",
                                 datetime.datetime.combine(START, datetime.time()),
                                 datetime.datetime.combine(END, datetime.time()), None, "9",
                                 datetime.datetime(2026, 11, 20))])
        sheet = load_workbook(io.BytesIO(self.client.get(reverse("documents:pairs_xlsx")).content)).active
        self.assertEqual(sheet["I2"].number_format, spreadsheets.DATE_FORMAT)

    def test_the_pair_list_follows_the_scope_and_the_filters_of_the_pair_list(self):
        self.propose(self.pupil_a)
        self.propose(self.pupil("Орлова"), mentor=self.mentor("Лебедев"))
        self.propose(self.pupil_b, mentor=self.mentor("Васильев", self.school_b), school=self.school_b)
        self.login(self.curator_a)
        mentors = [row[2] for row in rows(self.client.get(reverse("documents:pairs_xlsx")))[1:]]
        self.assertEqual(mentors, ["Лебедев Пётр", "Смирнов Иван"])
        mentors = [row[2] for row in rows(self.client.get(reverse("documents:pairs_xlsx"), {"q": "орлова"}))[1:]]
        self.assertEqual(mentors, ["Лебедев Пётр"])

    def test_the_exports_take_the_same_number_of_queries_for_many_rows(self):
        def queries(n_pairs: int) -> int:
            for index in range(n_pairs):
                self.propose(self.pupil(f"Ученица{n_pairs}-{index}"), mentor=self.mentor(f"Наставник{n_pairs}-{index}"))
            with CaptureQueriesContext(connection) as context:
                exporting.pair_list(Pair.objects.visible_to(self.curator_a))
                exporting.mentor_registry(Participant.objects.visible_to(self.curator_a))
            return len(context.captured_queries)

        self.assertEqual(queries(1), queries(4))
