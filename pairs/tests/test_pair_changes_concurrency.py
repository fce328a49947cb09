"""Orders applied at the same time never give a new mentor more mentees than allowed, never apply one
change twice, and a termination racing them never undoes what they changed (PostgreSQL: real parallel
transactions; SQLite serialises writers)."""

import datetime
from functools import partial

from accounts.models import Role
from pairs import actions
from pairs.models import MentorTerm, Pair, PairChange, PairMentee, PairStatus
from programmes.models import MentorshipForm
from testing.fixtures import RaceTestCase, make_participant, make_user, race

START, END = datetime.date(2026, 12, 1), datetime.date(2027, 5, 31)


class ConcurrentReplacementTests(RaceTestCase):

    def setUp(self):
        super().setUp()
        self.head = make_user("head", Role.HEAD, self.school)
        self.form = MentorshipForm.objects.get(code="pupil_pupil")
        self.new_mentor = self.mentor("Новый")
        for i in range(2):
            self.pair(self.new_mentor, f"Свой{i}")

    def mentor(self, name):
        return make_participant(self.school, name, is_mentor=True, is_mentee=False, grade=11,
                                birth_date=datetime.date(2009, 1, 1))

    def pair(self, mentor, mentee_name):
        pair = actions.propose_pair(organization=self.school, form=self.form, mentor=mentor,
                                    mentees=[make_participant(self.school, mentee_name, grade=6)], start_date=START,
                                    planned_end_date=END, actor=self.head)
        return actions.approve_pairs([pair], actor=self.head, order_number="1", order_date=START)[0]

    def replacement(self, pair):
        return actions.request_mentor_replacement(pair, actor=self.head, reason="transfer", new_mentor=self.new_mentor,
                                                  on=datetime.date(2027, 2, 1))

    def apply(self, change, number):
        return lambda: actions.apply_changes([change], actor=self.head, order_number=number,
                                             order_date=datetime.date(2027, 1, 30))

    def test_concurrent_replacement_orders_never_give_the_new_mentor_a_fourth_mentee(self):
        changes = [self.replacement(self.pair(self.mentor(f"Прежний{i}"), f"Ученик{i}")) for i in range(4)]
        outcomes = race([self.apply(change, str(n)) for n, change in enumerate(changes)])
        self.assertEqual(outcomes, ["ok"] + ["refused"] * 3)
        self.assertEqual(PairMentee.objects.live().filter(pair__mentor=self.new_mentor).count(), 3)

    def test_one_change_registered_by_two_orders_at_once_is_applied_once(self):
        change = self.replacement(self.pair(self.mentor("Прежний"), "Ученик"))
        self.assertEqual(race([self.apply(change, "1"), self.apply(change, "2")]), ["ok", "refused"])
        self.assertEqual(PairChange.objects.get().status, PairChange.Status.APPLIED)
        self.assertEqual(MentorTerm.objects.filter(pair=change.pair).count(), 2)


class TerminationRacingChangesTests(RaceTestCase):
    """A termination, an order extending the pair and an order replacing its mentor, all at once."""

    def setUp(self):
        super().setUp()
        self.head = make_user("head", Role.HEAD, self.school)
        self.form = MentorshipForm.objects.get(code="pupil_pupil")
        self.new_mentor = self.mentor("Новый")

    def mentor(self, name):
        return make_participant(self.school, name, is_mentor=True, is_mentee=False, grade=10,
                                birth_date=datetime.date(2010, 1, 1))

    def order(self, change, number):
        return lambda: actions.apply_changes([change], actor=self.head, order_number=number,
                                             order_date=datetime.date(2027, 1, 30))

    def test_a_termination_racing_an_extension_and_a_replacement_undoes_neither(self):
        extended_end = datetime.date(2027, 6, 30)
        for round_ in range(3):
            old_mentor = self.mentor(f"Прежний{round_}")
            pair = actions.propose_pair(organization=self.school, form=self.form, mentor=old_mentor,
                                        mentees=[make_participant(self.school, f"Ученик{round_}", grade=6)],
                                        start_date=START, planned_end_date=END, actor=self.head)
            actions.approve_pairs([pair], actor=self.head, order_number=f"{round_}", order_date=START)
            extension = actions.request_extension(pair, actor=self.head, reason="illness", new_end_date=extended_end)
            replacement = actions.request_mentor_replacement(pair, actor=self.head, reason="transfer",
                                                             new_mentor=self.new_mentor, on=datetime.date(2027, 2, 1))
            terminate = partial(actions.terminate_pair, Pair.objects.get(pk=pair.pk), actor=self.head,
                                on=datetime.date(2027, 2, 15), reason="Не выполняет обязанности.")
            outcomes = race([terminate, self.order(extension, f"e{round_}"), self.order(replacement, f"r{round_}")])
            self.assertEqual(len(outcomes), 3)  # each ends in a result or a refusal, none in a deadlock
            pair.refresh_from_db()
            extension.refresh_from_db()
            replacement.refresh_from_db()
            self.assertEqual(pair.status, PairStatus.TERMINATED)
            self.assertEqual(pair.planned_end_date,
                             extended_end if extension.status == PairChange.Status.APPLIED else END)
            self.assertEqual(pair.mentor, self.new_mentor if replacement.status == PairChange.Status.APPLIED
                             else old_mentor)
            self.assertEqual(outcomes.count("ok"), 1 + sum(c.status == PairChange.Status.APPLIED
                                                           for c in (extension, replacement)))
