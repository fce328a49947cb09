"""What the document tests build on: the region, a media folder of their own, pairs and orders of school A."""

import datetime
import tempfile

from django.test import override_settings

from documents import actions
from documents.models import OrderKind
from pairs import actions as pair_actions
from testing.fixtures import RegionTestCase, make_participant

START, END = datetime.date(2026, 12, 1), datetime.date(2027, 5, 31)
ORDER_DATE = datetime.date(2026, 11, 20)


class TemporaryMedia:
    """Files kept by the tests (orders, templates) go to a folder of the test class, removed after it."""

    @classmethod
    def setUpClass(cls):
        media = tempfile.TemporaryDirectory()
        cls.addClassCleanup(media.cleanup)
        settings = override_settings(MEDIA_ROOT=media.name)
        settings.enable()
        cls.addClassCleanup(settings.disable)
        super().setUpClass()


class DocumentsTestCase(TemporaryMedia, RegionTestCase):

    def pupil(self, last_name: str, grade: int = 6, school=None):
        return make_participant(school or self.school_a, last_name, grade=grade)

    def mentor(self, last_name: str, school=None):
        return make_participant(school or self.school_a, last_name, first_name="Пётр", is_mentor=True,
                                is_mentee=False, grade=11, birth_date=datetime.date(2009, 4, 4))

    def propose(self, *mentees, mentor=None, school=None):
        school = school or self.school_a
        return pair_actions.propose_pair(organization=school, form=self.pupil_pupil,
                                         mentor=mentor or self.pupil_mentor_a, mentees=list(mentees),
                                         start_date=START, planned_end_date=END, actor=self.curator_a)

    def draft(self, kind: str, *items, organization=None, **values):
        return actions.draft_order(organization=organization or self.school_a, kind=kind, items=list(items),
                                   actor=self.curator_a, **values)

    def register(self, order, number: str = "12-о", date: datetime.date = ORDER_DATE):
        return actions.register_order(order, actor=self.curator_a, number=number, date=date)

    def approved(self, *mentees, mentor=None, number: str = "1"):
        """A pair approved by an order of its own."""
        pair = self.propose(*mentees, mentor=mentor)
        self.register(self.draft(OrderKind.PAIRS, pair), number=number)
        pair.refresh_from_db()
        return pair
