import datetime

from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from pairs import actions
from pairs.models import PairChange, PairStatus
from testing.fixtures import RegionTestCase, make_participant

START, END = datetime.date(2026, 12, 1), datetime.date(2027, 5, 31)
ORDER = {"order_number": "21-н", "order_date": datetime.date(2027, 2, 1)}


class PairChangeTests(RegionTestCase):
    def setUp(self):
        self.pair = actions.propose_pair(organization=self.school_a, form=self.pupil_pupil, mentor=self.pupil_mentor_a,
                                         mentees=[self.pupil_a], start_date=START, planned_end_date=END,
                                         actor=self.curator_a)
        actions.approve_pairs([self.pair], actor=self.head_a, order_number="15-н",
                              order_date=datetime.date(2026, 11, 25))
        self.pair.refresh_from_db()
        self.other_mentor = make_participant(self.school_a, "Лебедев", is_mentor=True, is_mentee=False, grade=11,
                                             birth_date=datetime.date(2009, 1, 1))

    def replace(self, on=datetime.date(2027, 2, 1), mentor=None, reason="mentor_request"):
        return actions.request_mentor_replacement(self.pair, actor=self.curator_a, reason=reason,
                                                  new_mentor=mentor or self.other_mentor, on=on)

    def test_a_proposed_pair_opens_its_first_mentor_term(self):
        term = self.pair.mentor_terms.get()
        self.assertEqual((term.mentor, term.started_on, term.ended_on), (self.pupil_mentor_a, START, None))

    def test_an_extension_needs_one_of_the_seed_reasons(self):
        for reason in ("mentor_request", "holiday"):
            with self.assertRaisesMessage(ValidationError, "болезни, командировке"):
                actions.request_extension(self.pair, actor=self.curator_a, reason=reason,
                                          new_end_date=datetime.date(2027, 6, 30))

    def test_an_extension_moves_the_planned_end_when_its_order_is_registered(self):
        change = actions.request_extension(self.pair, actor=self.curator_a, reason="illness",
                                           new_end_date=datetime.date(2027, 6, 30))
        self.pair.refresh_from_db()
        self.assertEqual((self.pair.planned_end_date, self.pair.is_extended), (END, False))
        actions.apply_changes([change], actor=self.head_a, **ORDER)
        self.pair.refresh_from_db()
        change.refresh_from_db()
        self.assertEqual((self.pair.planned_end_date, self.pair.is_extended), (datetime.date(2027, 6, 30), True))
        self.assertEqual((change.status, change.order_number), (PairChange.Status.APPLIED, "21-н"))
        entry = AuditEntry.objects.filter(object_type="pair", action=AuditEntry.Action.UPDATE).get()
        self.assertEqual(entry.changes["planned_end_date"], ["2027-05-31", "2027-06-30"])

    def test_an_extension_must_move_the_end_later(self):
        with self.assertRaisesMessage(ValidationError, "позже 31.05.2027"):
            actions.request_extension(self.pair, actor=self.curator_a, reason="business_trip", new_end_date=END)

    def test_a_replacement_needs_one_of_the_seed_reasons(self):
        with self.assertRaisesMessage(ValidationError, "оснований замены"):
            self.replace(reason="illness")

    def test_a_replacement_keeps_the_history_of_who_mentored_when(self):
        change = self.replace()
        actions.apply_changes([change], actor=self.head_a, **ORDER)
        self.pair.refresh_from_db()
        self.assertEqual(self.pair.mentor, self.other_mentor)
        terms = [(t.mentor, t.started_on, t.ended_on, t.reason) for t in self.pair.mentor_terms.all()]
        self.assertEqual(terms, [(self.pupil_mentor_a, START, datetime.date(2027, 1, 31), ""),
                                 (self.other_mentor, datetime.date(2027, 2, 1), None, "просьба наставника")])
        entry = AuditEntry.objects.filter(object_type="pair", action=AuditEntry.Action.UPDATE).get()
        self.assertEqual(entry.changes["mentor"], [self.pupil_mentor_a.full_name, self.other_mentor.full_name])

    def test_a_replacement_never_gives_the_new_mentor_a_fourth_mentee(self):
        for i in range(3):
            actions.propose_pair(organization=self.school_a, form=self.pupil_pupil, mentor=self.other_mentor,
                                 mentees=[make_participant(self.school_a, f"Ученик{i}", grade=6)], start_date=START,
                                 planned_end_date=END, actor=self.curator_a)
        with self.assertRaisesMessage(ValidationError, "уже 3 наставляемых из 3"):
            self.replace()

    def test_the_capacity_is_rechecked_when_the_replacement_is_applied(self):
        change = self.replace()
        for i in range(3):
            actions.propose_pair(organization=self.school_a, form=self.pupil_pupil, mentor=self.other_mentor,
                                 mentees=[make_participant(self.school_a, f"Ученик{i}", grade=6)], start_date=START,
                                 planned_end_date=END, actor=self.curator_a)
        with self.assertRaisesMessage(ValidationError, "уже 3 наставляемых из 3"):
            actions.apply_changes([change], actor=self.head_a, **ORDER)
        self.pair.refresh_from_db()
        self.assertEqual((self.pair.mentor, self.pair.mentor_terms.count()), (self.pupil_mentor_a, 1))

    def test_the_new_mentor_must_fit_the_form(self):
        classmate = make_participant(self.school_a, "Одноклассник", is_mentor=True, is_mentee=False, grade=6)
        with self.assertRaisesMessage(ValidationError, "более старшем классе"):
            self.replace(mentor=classmate)

    def test_an_order_applies_all_its_changes_or_none(self):
        extension = actions.request_extension(self.pair, actor=self.curator_a, reason="illness",
                                              new_end_date=datetime.date(2027, 6, 30))
        actions.cancel_change(extension, actor=self.curator_a)
        replacement = self.replace()
        with self.assertRaisesMessage(ValidationError, "уже «отменено»"):
            actions.apply_changes([replacement, extension], actor=self.head_a, **ORDER)
        self.pair.refresh_from_db()
        self.assertEqual(self.pair.mentor, self.pupil_mentor_a)
        self.assertEqual(PairChange.objects.get(pk=replacement.pk).status, PairChange.Status.PENDING)

    def test_one_pending_change_of_a_kind_per_pair(self):
        self.replace()
        with self.assertRaisesMessage(ValidationError, "уже ожидает приказа"):
            self.replace()

    def test_a_replacement_date_lies_within_the_term(self):
        with self.assertRaisesMessage(ValidationError, "Дата замены"):
            self.replace(on=END)

    def test_a_proposed_or_finished_pair_is_not_changed(self):
        actions.terminate_pair(self.pair, actor=self.curator_a, on=datetime.date(2027, 1, 10), reason="не выполняет")
        self.assertEqual(self.pair.status, PairStatus.TERMINATED)
        with self.assertRaisesMessage(ValidationError, "изменить её нельзя"):
            actions.request_extension(self.pair, actor=self.curator_a, reason="illness",
                                      new_end_date=datetime.date(2027, 6, 30))

    def test_every_request_is_logged(self):
        self.replace()
        entry = AuditEntry.objects.get(object_type="pairchange")
        self.assertEqual(entry.changes["reason"], [None, "mentor_request"])
