"""The results page and the programme's monitoring sheet on hand-worked answers."""

import datetime
import io

from django.urls import reverse
from docx import Document

from accounts.models import Role
from pairs.models import Pair, PairMentee, PairStatus
from programmes import actions as programme_actions
from surveys import actions, tallies
from surveys.models import Campaign, Questionnaire
from testing.fixtures import RegionTestCase, make_user

DAY = datetime.date(2026, 10, 1)


class ResultsTestCase(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.dynamics = Questionnaire.objects.get(code="mentee_dynamics")
        pair = Pair.objects.create(organization=cls.school_a, form=cls.pupil_pupil, mentor=cls.pupil_mentor_a,
                                   status=PairStatus.ACTIVE, start_date=datetime.date(2026, 9, 15),
                                   planned_end_date=datetime.date(2027, 5, 31))
        PairMentee.objects.create(pair=pair, mentee=cls.pupil_a)
        cls.pupil_b_user = make_user("pupil_b", Role.MENTEE, cls.school_b, cls.pupil_b)
        # satisfaction (the third item): entry 4 and 6 (0 of 2 satisfied), final 9 and 6 (1 of 2): 5.0 → 7.5
        for wave, scores, days in ((Campaign.Wave.ENTRY, (4, 6), 0), (Campaign.Wave.FINAL, (9, 6), 60)):
            campaign = actions.open_campaign(organization=cls.region, questionnaire=cls.dynamics, wave=wave,
                                             actor=cls.operator, opened_on=DAY + datetime.timedelta(days=days))
            for score, (person, user) in zip(scores, ((cls.pupil_a, cls.mentee_a), (cls.pupil_b, cls.pupil_b_user)),
                                             strict=True):
                part = campaign.parts.get(organization=person.organization)
                actions.answer(part, person, {item.pk: score if item.kind == "scale" else ""
                                              for item in cls.dynamics.items.all()}, by=user)


class ResultsTests(ResultsTestCase):
    def test_satisfaction_and_dynamics_across_the_region(self):
        found = tallies.scores(Campaign.objects.all())
        self.assertEqual(found["satisfaction"], [("entry", 0, 2, 0.0), ("intermediate", 0, 0, None),
                                                 ("final", 1, 2, 50.0)])
        satisfied = next(v for k, v in found["overall"].items() if k.startswith("Насколько"))
        self.assertEqual(satisfied, [("entry", 5.0, None), ("intermediate", None, None), ("final", 7.5, 2.5)])
        self.assertEqual(found["by_organization"][self.school_a.name][next(iter(found["overall"]))],
                         [("entry", 4.0, None), ("intermediate", None, None), ("final", 9.0, 5.0)])
        self.assertEqual(list(found["by_form"]), ["ученик – ученик"])

    def test_the_curator_sees_the_pairs_the_region_the_numbers_only(self):
        self.login(self.curator_a)
        page = self.client.get(reverse("surveys:results"), {"questionnaire": "mentee_dynamics"})
        self.assertContains(page, "По парам")
        self.assertContains(page, "Смирнов")
        self.login(self.operator)
        page = self.client.get(reverse("surveys:results"), {"questionnaire": "mentee_dynamics"})
        self.assertContains(page, "50,0")
        self.assertContains(page, self.school_b.name)
        self.assertNotContains(page, "По парам")
        self.assertNotContains(page, "Смирнов")

    def test_an_organization_given_as_garbage_shows_everything_visible(self):
        self.login(self.curator_a)
        page = self.client.get(reverse("surveys:results"), {"organization": "школа", "questionnaire": "нет такой"})
        self.assertEqual(page.status_code, 200)

    def test_a_curator_counts_only_the_own_school(self):
        self.login(self.curator_b)
        page = self.client.get(reverse("surveys:results"), {"questionnaire": "mentee_dynamics"})
        self.assertNotContains(page, self.school_a.name)


class MonitoringSheetTests(ResultsTestCase):
    def test_the_sheet_gathers_the_swot_and_the_curators_answers_with_satisfaction(self):
        programme = programme_actions.create_programme(organization=self.school_a, year=2026, forms=[self.pupil_pupil],
                                                       goal="Цель", actor=self.curator_a)
        for code, values in (("swot", ["Опытные \x0bнаставники", "Мало времени", "Партнёры", "Выгорание"]),
                             ("curator", [8, "частично", "Больше встреч «лицом к лицу»"])):
            campaign = actions.open_campaign(organization=self.school_a, questionnaire=Questionnaire.objects.get(
                code=code), wave="final", actor=self.curator_a, opened_on=DAY)
            items = campaign.questionnaire.items.all()
            actions.answer(campaign, None, dict(zip([i.pk for i in items], values, strict=True)), by=self.curator_a)
        self.login(self.curator_a)
        response = self.client.get(reverse("surveys:monitoring_sheet", args=[programme.pk]))
        document = Document(io.BytesIO(response.content))
        text = "\n".join(p.text for p in document.paragraphs)
        for expected in ("Сильные стороны", "Опытные \nнаставники", "Угрозы", "Выгорание",
                         "Средняя оценка: 8,0 из 10 (ответов: 1)", "частично — 1", "Больше встреч «лицом к лицу»"):
            self.assertIn(expected, text)
        rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
        self.assertEqual(rows[1], ["Наставляемые", "0,0 % (0 из 1)", "—", "100,0 % (1 из 1)"])
        self.assertNotIn("Кузнецова", text)

    def test_the_sheet_is_for_the_organization_only(self):
        programme = programme_actions.create_programme(organization=self.school_a, year=2026, forms=[self.pupil_pupil],
                                                       goal="Цель", actor=self.curator_a)
        self.login(self.municipal_a)
        self.assertEqual(self.client.get(reverse("surveys:monitoring_sheet", args=[programme.pk])).status_code, 403)
