"""Above the organization, numbers and not names: every page, export and API answer the authorization matrix
lets a municipal or a regional user open holds no pupil's or student's surname, birth date or class."""

import html
import io
import json
import zipfile

from django.http import HttpResponse
from django.urls import reverse
from openpyxl import Workbook

from accounts.models import ApiToken
from people import actions
from people.models import LEARNERS, Participant
from testing.access_matrix import TERRITORIAL
from testing.fixtures import RegionTestCase
from testing.tests.test_authorization_matrix import all_checks
from utilities.spreadsheets import row_cells, workbook_bytes


class NamesAboveTheOrganizationTests(RegionTestCase):
    def test_no_page_export_or_api_answer_of_a_territorial_role_names_a_pupil(self):
        checks = [check for check in all_checks() if check.method == "GET"]
        # Every row prepares its objects (pairs, orders, runs, plans, preferences) before anybody looks.
        sides = [(check, side, check.args(self, side)) for check in checks for side in ("own", "other")]
        actions.update_participant(self.pupil_a, actor=self.curator_a, **{
            f: getattr(self.pupil_a, f) for f in actions.PARTICIPANT_FIELDS} | {"phone": "+7 900 000-00-00"})
        learners = Participant.objects.filter(category__in=LEARNERS)
        secrets = {p.last_name for p in learners} | {f"{p.birth_date:%d.%m.%Y}" for p in learners} | {
            p.birth_date.isoformat() for p in learners} | {f"{p.grade}{p.grade_letter}" for p in learners
                                                         if p.grade_letter}
        tokens = {name: ApiToken.issue(getattr(self, name), "crawl")[1] for name in TERRITORIAL}
        opened, leaks = 0, []
        for check, side, kwargs in sides:
            for name in sorted(TERRITORIAL & (check.own if side == "own" else check.other)):
                if kwargs is None:
                    continue
                if check.route.startswith("/"):
                    response = self.client.get(check.route.format(**kwargs),
                                               headers={"Authorization": f"Bearer {tokens[name]}"})
                else:
                    self.client.force_login(getattr(self, name))
                    response = self.client.get(reverse(check.route, kwargs=kwargs))
                text = _text(response)
                self.assertEqual(response.status_code, 200, f"{check.route} {name}")
                opened += 1
                leaks += [f"{check.route} [{side}] {name}: «{s}»" for s in secrets if s in text]
        self.assertGreater(opened, 40)
        self.assertEqual(leaks, [])

    def test_the_crawl_reads_the_names_an_xlsx_holds(self):
        """openpyxl writes Cyrillic as character references: the crawl must still find a surname in a workbook."""
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Реестр")
        sheet.append(row_cells(sheet, [self.pupil_a.last_name]))
        response = HttpResponse(workbook_bytes(book), content_type="application/vnd.ms-excel")
        self.assertIn(self.pupil_a.last_name, _text(response))


def _text(response) -> str:
    """The answer as text: a page as it is, JSON with its letters unescaped, an XLSX or a DOCX as the text of
    its parts."""
    content_type = response.get("Content-Type", "")
    if content_type.startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    if content_type.startswith("text/"):
        return response.content.decode()
    # A stored file (a report as it was sent) streams.
    content = b"".join(response.streaming_content) if response.streaming else response.content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        # openpyxl writes every letter beyond ASCII as a character reference (&#1048;…): read them as letters.
        return "".join(html.unescape(archive.read(name).decode(errors="replace")) for name in archive.namelist())
