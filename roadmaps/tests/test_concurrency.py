"""Two people acting on one roadmap at the same moment never make two versions of one sending nor two
decisions on one version (PostgreSQL: real parallel transactions; SQLite serialises writers)."""

import datetime

from accounts.models import Role
from organizations.models import Organization
from roadmaps import actions
from roadmaps.catalogue import Row
from roadmaps.models import Version
from testing.fixtures import RaceTestCase, make_user, race

ROWS = [Row("1.", "Приказ о внедрении", "до 10.09.2026", "Директор", "Приказ ОО")]


class ConcurrentApprovalTests(RaceTestCase):
    def setUp(self):
        super().setUp()
        municipality = Organization.objects.create(code="M", name="Муниципалитет", kind="municipality",
                                                   parent=self.school.parent)
        self.school.parent = municipality
        self.school.save()
        self.curators = [make_user(f"curator{i}", Role.CURATOR, self.school) for i in range(2)]
        self.specialists = [make_user(f"specialist{i}", Role.MUNICIPAL_SPECIALIST, municipality) for i in range(2)]
        self.roadmap = actions.create_roadmap(organization=self.school, title="Карта", rows=ROWS,
                                              starts_on=datetime.date(2026, 9, 1), ends_on=datetime.date(2027, 5, 31),
                                              actor=self.curators[0])

    def test_two_curators_sending_at_once_make_one_version(self):
        outcomes = race([lambda user=user: actions.send(self.roadmap, actor=user) for user in self.curators])
        self.assertEqual(outcomes, ["ok", "refused"])
        self.assertEqual(Version.objects.count(), 1)

    def test_an_approval_and_a_return_at_once_leave_one_decision(self):
        actions.send(self.roadmap, actor=self.curators[0])
        item = self.roadmap.items.get()
        outcomes = race([lambda: actions.approve(self.roadmap, actor=self.specialists[0]),
                         lambda: actions.return_for_changes(self.roadmap, actor=self.specialists[1],
                                                            comments={item.pk: "нет"})])
        self.assertEqual(outcomes, ["ok", "refused"])
        version = Version.objects.get()
        self.assertNotEqual(version.decision, Version.Decision.PENDING)
        self.roadmap.refresh_from_db()
        self.assertEqual(self.roadmap.status, version.decision)
