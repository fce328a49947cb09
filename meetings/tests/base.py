"""A working pair of mentor_a (school A's Смирнов) with mentee_a (Кузнецова), on the region of RegionTestCase."""

import datetime

from django.utils import timezone

from pairs.models import MentorTerm, Pair, PairMentee, PairStatus
from testing.fixtures import RegionTestCase

START = datetime.date(2026, 9, 1)


def at(day: datetime.date, hour: int = 15) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def working_pair(organization, form, mentor, *mentees, start=START) -> Pair:
    pair = Pair.objects.create(organization=organization, form=form, mentor=mentor, status=PairStatus.ACTIVE,
                               start_date=start, planned_end_date=datetime.date(2027, 5, 31))
    for mentee in mentees:
        PairMentee.objects.create(pair=pair, mentee=mentee)
    MentorTerm.objects.create(pair=pair, mentor=mentor, started_on=start)
    return pair


class PairTestCase(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pair = working_pair(cls.school_a, cls.pupil_pupil, cls.pupil_mentor_a, cls.pupil_a)
