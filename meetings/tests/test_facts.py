"""The deadline rules on the records: an extended pair, a replaced mentor, a pause, the organization's period."""

import datetime

from meetings import actions, deadlines
from meetings.facts import deadlines_of
from meetings.models import Meeting
from meetings.tests.base import START, PairTestCase, at
from pairs.models import MentorTerm, Pair, PairChange
from testing.fixtures import make_participant

D = datetime.date


class RecordsTests(PairTestCase):
    def found(self, today, kind):
        return [d for d in deadlines_of(Pair.objects.filter(pk=self.pair.pk), today)[self.pair.pk] if d.kind == kind]

    def test_a_logged_meeting_moves_the_next_one_14_days_on(self):
        actions.plan_meeting(actor=self.mentor_a, pairs=[self.pair], kind=Meeting.Kind.INTRODUCTION,
                             starts_at=at(D(2026, 9, 10)), topic="Знакомство")
        self.assertEqual(self.found(D(2026, 9, 12), deadlines.MEETING)[0].due, D(2026, 9, 24))

    def test_an_extended_pair_works_on_past_its_first_end(self):
        PairChange.objects.create(pair=self.pair, kind=PairChange.Kind.EXTENSION, reason=PairChange.Reason.ILLNESS,
                                  new_end_date=D(2027, 6, 30), status=PairChange.Status.APPLIED)
        Pair.objects.filter(pk=self.pair.pk).update(planned_end_date=D(2027, 6, 30))
        self.assertTrue(self.found(D(2027, 6, 10), deadlines.MEETING))
        self.assertEqual(self.found(D(2027, 6, 10), deadlines.MENTOR_FINAL), [])

    def test_a_replaced_mentor_owes_the_meetings_and_reports_from_taking_over(self):
        new = make_participant(self.school_a, "Лебедев", is_mentor=True, is_mentee=False, grade=11,
                               birth_date=D(2009, 1, 1))
        MentorTerm.objects.filter(pair=self.pair).update(ended_on=D(2026, 10, 9))
        MentorTerm.objects.create(pair=self.pair, mentor=new, started_on=D(2026, 10, 10), reason="перевод")
        Pair.objects.filter(pk=self.pair.pk).update(mentor=new)
        meeting = self.found(D(2026, 10, 12), deadlines.MEETING)[0]
        self.assertEqual((meeting.due, meeting.participant), (D(2026, 10, 24), new.pk))
        self.assertEqual([d.participant for d in self.found(D(2026, 10, 12), deadlines.MONTHLY_REPORT)],
                         [self.pupil_mentor_a.pk, new.pk])

    def test_a_paused_pair_owes_no_meeting_until_it_resumes(self):
        actions.pause_pair(self.pair, actor=self.curator_a, start=D(2026, 9, 5), reason="Болезнь")
        self.assertEqual(self.found(D(2026, 12, 1), deadlines.MEETING), [])
        actions.resume_pair(self.pair, actor=self.curator_a, on=D(2026, 9, 30))
        # 2–4 September counted, then 11 days of October.
        self.assertEqual(self.found(D(2026, 10, 1), deadlines.MEETING)[0].due, D(2026, 10, 11))

    def test_the_organization_sets_its_own_period_and_holidays(self):
        actions.set_schedule(self.school_a, actor=self.curator_a, period_days=7)
        actions.add_holiday(self.school_a, actor=self.curator_a, title="Осенние", start=D(2026, 9, 3),
                            end=D(2026, 9, 4))
        self.assertEqual(self.found(D(2026, 9, 2), deadlines.MEETING)[0].due, START + datetime.timedelta(days=9))

    def test_the_pairs_end_starts_the_10_days_of_the_final_reports(self):
        Pair.objects.filter(pk=self.pair.pk).update(status="completed", ended_on=D(2027, 5, 20))
        due = {d.kind: d.due for d in deadlines_of(Pair.objects.filter(pk=self.pair.pk), D(2027, 5, 21))[self.pair.pk]}
        self.assertEqual((due[deadlines.MENTOR_FINAL], due[deadlines.MENTEE_FINAL], due[deadlines.FINAL_INTERVIEW]),
                         (D(2027, 5, 30),) * 3)
