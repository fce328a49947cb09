from accounts.scoping import may, organizations_where
from pairs.models import Pair
from people.models import Participant
from testing.fixtures import RegionTestCase


class ScopingTests(RegionTestCase):
    def visible(self, user):
        return set(Participant.objects.visible_to(user).values_list("last_name", flat=True))

    def test_region_operator_sees_every_organization_of_the_region(self):
        self.assertEqual(organizations_where(self.operator, "view_organization").count(), 7)
        self.assertEqual(organizations_where(self.operator, "view_aggregates").count(), 7)

    def test_above_the_organization_nobody_is_visible_by_name(self):
        for user in (self.operator, self.municipal_a, self.municipal_b):
            self.assertEqual(self.visible(user), set())
            self.assertFalse(organizations_where(user, "view_people").exists())
            self.assertFalse(Pair.objects.visible_to(user).exists())

    def test_a_municipality_counts_only_its_municipality(self):
        counted = Participant.objects.counted_by(self.municipal_b)
        self.assertEqual(set(counted.values_list("last_name", flat=True)), {"Попов"})

    def test_curator_sees_only_own_school(self):
        self.assertEqual(self.visible(self.curator_a), {"Смирнов", "Кузнецова"})

    def test_mentee_sees_only_own_record_and_parent_sees_only_the_child(self):
        self.assertEqual(self.visible(self.mentee_a), {"Кузнецова"})
        self.assertEqual(self.visible(self.parent_a), {"Кузнецова"})

    def test_mentor_without_pairs_sees_only_own_record(self):
        self.assertEqual(self.visible(self.mentor_a), {"Смирнов"})

    def test_user_without_roles_sees_nothing(self):
        self.assertEqual(self.visible(self.stranger), set())

    def test_curator_manages_own_school_only(self):
        self.assertTrue(may(self.curator_a, "manage_people", self.school_a))
        self.assertFalse(may(self.curator_a, "manage_people", self.school_b))
        self.assertFalse(may(self.municipal_a, "manage_people", self.school_a))
