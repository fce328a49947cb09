"""Concurrent requests never break the pair rules: a mentor never gets more mentees than allowed, a
mentee never lands in two live pairs of one form, a pair is never approved twice.

The tests fire real parallel transactions from threads, so they need PostgreSQL; SQLite lets one
writer in at a time (the whole database is locked while a transaction writes), so the race cannot
happen there and the tests are skipped."""

import datetime

from accounts.models import Role
from pairs import actions
from pairs.models import Pair, PairMentee, PairStatus
from people.models import MentorProfile
from programmes.models import MentorshipForm
from testing.fixtures import RaceTestCase, make_participant, make_user, race

START, END = datetime.date(2026, 12, 1), datetime.date(2027, 5, 1)


class ConcurrentPairTests(RaceTestCase):

    def setUp(self):
        super().setUp()
        self.curator = make_user("curator", Role.CURATOR, self.school)
        self.form = MentorshipForm.objects.get(code="pupil_pupil")
        self.mentor = self.make_mentor("Наставников")

    def make_mentor(self, last_name):
        return make_participant(self.school, last_name, is_mentor=True, is_mentee=False, grade=11,
                                birth_date=datetime.date(2009, 1, 1))

    def propose(self, mentor, mentees):
        return lambda: actions.propose_pair(organization=self.school, form=self.form, mentor=mentor, mentees=mentees,
                                            start_date=START, planned_end_date=END, actor=self.curator)

    def approve(self, pairs, number):
        return lambda: actions.approve_pairs(pairs, actor=self.curator, order_number=number, order_date=START)

    def test_concurrent_proposals_never_give_a_mentor_a_fourth_mentee(self):
        mentees = [make_participant(self.school, f"Ученик{i}", grade=6) for i in range(8)]
        self.assertEqual(race([self.propose(self.mentor, [m]) for m in mentees]), ["ok"] * 3 + ["refused"] * 5)
        self.assertEqual(PairMentee.objects.live().filter(pair__mentor=self.mentor).count(), 3)

    def test_concurrent_group_proposals_never_pass_the_mentors_own_limit(self):
        MentorProfile.objects.create(participant=self.mentor, source="pupils", max_mentees=2)
        groups = [[make_participant(self.school, f"Ученик{i}-{j}", grade=6) for j in range(2)] for i in range(4)]
        self.assertEqual(race([self.propose(self.mentor, group) for group in groups]), ["ok"] + ["refused"] * 3)
        self.assertEqual(PairMentee.objects.live().filter(pair__mentor=self.mentor).count(), 2)

    def test_concurrent_proposals_of_one_mentee_by_different_mentors_leave_one_live_pair(self):
        mentee = make_participant(self.school, "Ученик", grade=6)
        mentors = [self.make_mentor(f"Наставник{i}") for i in range(4)]
        self.assertEqual(race([self.propose(mentor, [mentee]) for mentor in mentors]), ["ok"] + ["refused"] * 3)
        self.assertEqual(PairMentee.objects.live().filter(mentee=mentee).count(), 1)

    def test_concurrent_orders_never_approve_one_pair_twice(self):
        pair = self.propose(self.mentor, [make_participant(self.school, "Ученик", grade=6)])()
        self.assertEqual(race([self.approve([pair], str(n)) for n in range(4)]), ["ok"] + ["refused"] * 3)
        pair.refresh_from_db()
        self.assertEqual(pair.status, PairStatus.APPROVED)

    def test_concurrent_orders_naming_the_same_mentors_in_any_order_do_not_deadlock(self):
        second = self.make_mentor("Второй")
        pairs = [self.propose(mentor, [make_participant(self.school, f"Ученик{mentor.pk}-{i}", grade=6)])()
                 for mentor in (self.mentor, second) for i in range(2)]
        orders = [self.approve(pairs[:1] + pairs[2:3], "1"), self.approve(pairs[3:4] + pairs[1:2], "2")]
        self.assertEqual(race(orders), ["ok", "ok"])
        self.assertEqual(Pair.objects.filter(status=PairStatus.APPROVED).count(), 4)

    def test_a_replacement_and_a_proposal_racing_for_the_last_place_leave_the_mentor_within_the_limit(self):
        busy = [make_participant(self.school, f"Ученик{i}", grade=6) for i in range(2)]
        self.propose(self.mentor, busy)()
        other = self.make_mentor("Прежний")
        pair = self.propose(other, [make_participant(self.school, "Переходящий", grade=6)])()
        self.approve([pair], "1")()
        change = actions.request_mentor_replacement(Pair.objects.get(pk=pair.pk), actor=self.curator,
                                                    reason="mentor_request", new_mentor=self.mentor,
                                                    on=datetime.date(2027, 2, 1))
        apply = lambda: actions.apply_changes([change], actor=self.curator, order_number="2",  # noqa: E731
                                              order_date=datetime.date(2027, 1, 25))
        newcomer = make_participant(self.school, "Новичок", grade=6)
        self.assertEqual(race([apply, self.propose(self.mentor, [newcomer])]), ["ok", "refused"])
        self.assertEqual(PairMentee.objects.live().filter(pair__mentor=self.mentor).count(), 3)
