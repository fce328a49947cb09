"""The report's files read back: the numbers in the DOCX tables and the XLSX cells are the figures the rest of the
product counts (monitoring.counting, pairs.stats, meetings.records, surveys), and nobody is named above the school."""

import html
import io
import zipfile

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from monitoring import counting
from organizations.models import Organization
from pairs import stats
from pairs.models import Pair
from people.models import Participant
from reports import actions, figures
from reports.tests.base import DAY, YEAR, ReportsTestCase
from reports.writing import number


def docx_tables(content: bytes) -> dict[str, list[list[str]]]:
    """Every table of the document by the text of its first header cell, as rows of cell texts."""
    tables = {}
    for table in Document(io.BytesIO(content)).tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        tables.setdefault(rows[0][0], rows)
    return tables


def sheets(content: bytes) -> dict[str, list[tuple]]:
    book = load_workbook(io.BytesIO(content))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


class SchoolReportTest(ReportsTestCase):
    def setUp(self):
        self.report = actions.create_report(organization=self.school_a, year=YEAR, actor=self.curator_a, today=DAY)

    def test_the_indicators_in_the_docx_are_those_monitoring_counts_on_the_day(self):
        expected = [[v.name, number(v.numerator), number(v.denominator), number(v.value), number(v.target),
                     v.status_label] for v in counting.report(self.school_a, DAY).values]
        table = docx_tables(actions.document(self.report))["Показатель"]
        self.assertEqual(table[1:], expected)
        self.assertIn(["Доля детей в возрасте от 10 до 19 лет, вошедших в программы наставничества в роли "
                       "наставляемого, %", "6", "—", "—", "7,5", "нет данных"], table)

    def test_the_pairs_by_form_and_state_and_the_participants_by_form_are_in_the_docx(self):
        tables = docx_tables(actions.document(self.report))
        pairs = Pair.objects.filter(organization=self.school_a)
        expected = [[form, *map(str, counts), str(total)] for form, counts, total in
                    stats.status_counts_by(pairs, "form__name")]
        pair_table = next(t for t in Document(io.BytesIO(actions.document(self.report))).tables
                          if len(t.columns) == 7)
        rows = [[c.text for c in row.cells] for row in pair_table.rows]
        self.assertEqual(rows[0][1:6], ["предложена", "утверждена приказом", "действует", "завершена",
                                        "прекращена досрочно"])
        self.assertEqual(rows[1:-1], expected)
        self.assertEqual(rows[-1], ["Всего", "1", "2", "4", "1", "0", "8"])
        by_form = {row.form: (sum(row.mentors.values()), sum(row.mentees.values()))
                   for row in counting.participants_by_form(self.school_a, DAY)}
        participants = tables["Форма наставничества"]
        self.assertEqual({r[0]: (int(r[1]), int(r[2])) for r in participants[1:]}, by_form)

    def test_meetings_held_and_satisfaction_by_wave_are_in_the_docx(self):
        tables = docx_tables(actions.document(self.report))
        self.assertIn(["Встречи пар и групп", "1"], tables["Что проведено и сдано"])
        self.assertEqual(tables["Группа"][1:], [["Наставляемые", "входная", "5,5", "—"],
                                                ["Наставляемые", "промежуточная", "—", "—"],
                                                ["Наставляемые", "итоговая", "8,5", "+3,0"],
                                                ["Наставники", "входная", "—", "—"],
                                                ["Наставники", "промежуточная", "—", "—"],
                                                ["Наставники", "итоговая", "—", "—"]])

    def test_the_docx_carries_a_chart_for_each_part_with_figures(self):
        document = Document(io.BytesIO(actions.document(self.report)))
        self.assertEqual(len(document.inline_shapes), 4)  # participants, pairs, indicators, satisfaction

    def test_the_curators_texts_follow_the_figures_with_russian_quotes(self):
        report = actions.edit_texts(self.report, actor=self.curator_a, summary='Проведён "День наставника"',
                                    best_cases="Кейс 1\nКейс 2", plans="")
        text = [p.text for p in Document(io.BytesIO(actions.document(report))).paragraphs]
        self.assertIn("Проведён «День наставника»", text)
        self.assertEqual(text[text.index("Лучшие практики и кейсы") + 1:text.index("Выводы и планы")],
                         ["Кейс 1", "Кейс 2"])

    def test_hostile_texts_pasted_into_the_report_come_out_as_typed_text(self):
        """Control characters from Word, markup, Jinja and formula-like lines: the DOCX opens and says them."""
        hostile = "Итог\x0bстрока\x0cдальше\x00 <w:t>{{ secret }}</w:t> {% for x in y %} &amp; =HYPERLINK(\"x\")"
        report = actions.edit_texts(self.report, actor=self.curator_a, summary=hostile)
        text = "\n".join(p.text for p in Document(io.BytesIO(actions.document(report))).paragraphs)
        self.assertIn("<w:t>{{ secret }}</w:t> {% for x in y %} &amp; =HYPERLINK(«x»)", text)
        self.assertIn("Итог\nстрока\nдальше", text)
        self.assertNotIn("\x00", text)

    def test_the_xlsx_holds_the_same_numbers_as_numbers(self):
        book = sheets(actions.table(self.report))
        expected = [(v.name, v.numerator, v.denominator, v.value, v.target, v.status_label)
                    for v in counting.report(self.school_a, DAY).values]
        self.assertEqual(book["Показатели"][2:], expected)
        self.assertIn(("Встречи пар и групп", 1), book["Встречи"])
        self.assertNotIn("Сводка", book)


class SummaryTest(ReportsTestCase):
    def test_the_municipal_summary_has_a_row_per_organization_with_its_indicators_and_whether_it_sent(self):
        actions.send(actions.create_report(organization=self.school_a, year=YEAR, actor=self.curator_a, today=DAY),
                     actor=self.curator_a)
        report = actions.create_report(organization=self.municipality_a, year=YEAR, actor=self.municipal_a, today=DAY)
        rows = sheets(actions.table(report))["Сводка"]
        self.assertEqual(rows[1][:5], ("Код", "Организация", "Пар и групп", "Действуют", "Встреч"))
        expected = {o.code: [v.value for v in values if v.code in ("mentees_10_19", "mentors_15_19")]
                    for o, values in counting.report(self.municipality_a, DAY).rows}
        found = {row[0]: row for row in rows[2:]}
        self.assertEqual(set(found), {"19-01-001", "19-01-002", "19-01-101"})
        self.assertEqual({code: list(row[5:7]) for code, row in found.items()}, expected)
        self.assertEqual(found["19-01-001"][2:5], (8, 4, 1))
        self.assertEqual(found["19-01-001"][-1].date(), timezone.localdate())
        self.assertEqual(found["19-01-002"][-1], "нет")
        summary = docx_tables(actions.document(report))["Код"]
        school_a = next(row for row in report.figures["rows"] if row["code"] == "19-01-001")
        self.assertIn(["19-01-001", self.school_a.name, "8", "4", "1", "—", "25,0", "—", "100,0", "—",
                       f"{timezone.localdate():%d.%m.%Y}"],
                      summary)
        self.assertEqual(school_a["indicators"]["mentors_15_19"], 25.0)

    def test_the_regional_summary_has_a_row_per_municipality(self):
        report = actions.create_report(organization=self.region, year=YEAR, actor=self.operator, today=DAY)
        rows = sheets(actions.table(report))["Сводка"]
        self.assertEqual(rows[1][1], "Муниципалитет")
        self.assertEqual([(row[0], row[2]) for row in rows[2:]], [("19-01", 9), ("19-02", 2)])

    def test_the_regional_summary_takes_as_many_queries_however_many_organizations_it_covers(self):
        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                figures.gather(self.region, YEAR, DAY)
            return len(captured)

        before = queries()
        for n in range(5):
            Organization.objects.create(code=f"19-02-{n + 10:03}", name=f"Школа {n}", kind="school",
                                        parent=self.municipality_b)
        self.assertEqual(queries(), before)

    def test_a_municipal_specialist_never_sees_a_name_in_the_municipal_summary(self):
        draft = actions.edit_texts(actions.create_report(organization=self.municipality_a, year=YEAR, today=DAY,
                                                         actor=self.municipal_a), actor=self.municipal_a,
                                   summary="Итоги")
        sent = actions.send(actions.create_report(organization=self.municipality_a, year=YEAR - 1,
                                                  actor=self.municipal_a), actor=self.municipal_a)
        names = set(Participant.objects.values_list("last_name", flat=True))
        self.client.force_login(self.municipal_a)
        pages = [reverse("reports:list")] + [reverse(route, kwargs={"pk": report.pk}) for report in (draft, sent)
                                             for route in ("reports:detail", "reports:docx", "reports:xlsx")]
        for url in pages:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            text = read(response)
            if url != pages[0]:
                self.assertIn(self.school_a.name, text, url)  # the rows are there, by organization
            self.assertEqual([name for name in names if name in text], [], url)


def read(response) -> str:
    """A page as text, a DOCX or an XLSX as the text of its XML parts (character references read)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("text/html"):
        return content.decode()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return html.unescape("".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml")))
