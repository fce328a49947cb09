"""The territory of the indicators' tests (monitoring/tests/territory.py), its reports counted on 01.12.2026, with a meeting of school A
and the satisfaction answers of two of its mentees at the entry and at the end."""

import datetime

from django.utils import timezone

from meetings.models import Meeting, MeetingPair
from monitoring.tests.territory import DAY, TerritoryTestCase
from pairs.models import Pair
from people.models import Participant
from surveys import actions as surveys
from surveys.models import Campaign, Questionnaire, Response

YEAR = 2026


class ReportsTestCase(TerritoryTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        pair = Pair.objects.filter(organization=cls.school_a, status="active").first()
        meeting = Meeting.objects.create(organization=cls.school_a, kind=Meeting.Kind.REGULAR, topic="Планы на год",
                                         starts_at=timezone.make_aware(datetime.datetime(2026, 10, 1, 15)))
        MeetingPair.objects.create(meeting=meeting, pair=pair)
        questionnaire = Questionnaire.objects.get(code="mentee_dynamics")
        mentees = [Participant.objects.get(last_name=name) for name in ("Первая", "Вторая")]
        for wave, scores in ((Campaign.Wave.ENTRY, (5, 6)), (Campaign.Wave.FINAL, (8, 9))):
            campaign = Campaign.objects.create(organization=cls.school_a, questionnaire=questionnaire, wave=wave,
                                               opened_on=datetime.date(2026, 9, 20))
            campaign.recipients.add(*mentees)
            items = list(questionnaire.items.all())
            for mentee, score in zip(mentees, scores, strict=True):
                values = {item.pk: score if item.kind == "scale" else "Хорошо" for item in items}
                surveys.answer(campaign, mentee, values, by=cls.curator_a)
        Response.objects.update(answered_at=timezone.make_aware(datetime.datetime(2026, 11, 20, 12)))


__all__ = ["DAY", "YEAR", "ReportsTestCase"]
