"""The deadline rules of the documents, read directly from meetings.deadlines (no database)."""

import datetime
import unittest

from meetings import deadlines as d

D = datetime.date
START = D(2026, 9, 1)


def facts(**values) -> d.PairFacts:
    values.setdefault("active_from", START)
    values.setdefault("terms", (d.Term(1, START),))
    values.setdefault("mentees", (7,))
    return d.PairFacts(**values)


def kinds(found, kind):
    return [x for x in found if x.kind == kind]


class RegularMeetingTests(unittest.TestCase):
    def test_the_next_meeting_is_due_14_days_after_the_last(self):
        meeting = d.meeting_deadline(facts(meetings=(D(2026, 10, 1),)), D(2026, 10, 5))
        self.assertEqual(meeting.due, D(2026, 10, 15))
        self.assertEqual(meeting.participant, 1)

    def test_a_meeting_exactly_14_days_later_is_in_time(self):
        pair = facts(meetings=(D(2026, 10, 1), D(2026, 10, 15)))
        self.assertFalse(d.meeting_deadline(facts(meetings=(D(2026, 10, 1),)), D(2026, 10, 15)).overdue(D(2026, 10, 15)))
        self.assertEqual(kinds(d.overdue(pair, D(2026, 10, 16)), d.MEETING), [])
        self.assertEqual(d.meeting_deadline(pair, D(2026, 10, 16)).due, D(2026, 10, 29))

    def test_the_15th_day_without_a_meeting_is_overdue(self):
        late = d.overdue(facts(meetings=(D(2026, 10, 1),)), D(2026, 10, 16))
        self.assertEqual([x.due for x in kinds(late, d.MEETING)], [D(2026, 10, 15)])

    def test_the_clock_starts_with_the_pairs_work(self):
        self.assertEqual(d.meeting_deadline(facts(), D(2026, 9, 3)).due, D(2026, 9, 15))

    def test_a_planned_meeting_does_not_stop_the_clock_before_it_happens(self):
        meeting = d.meeting_deadline(facts(meetings=(D(2026, 9, 10), D(2026, 9, 30))), D(2026, 9, 20))
        self.assertEqual(meeting.due, D(2026, 9, 24))

    def test_the_organization_may_set_another_period(self):
        self.assertEqual(d.meeting_deadline(facts(period_days=7), D(2026, 9, 2)).due, D(2026, 9, 8))

    def test_holidays_stop_the_clock(self):
        autumn = d.Span(D(2026, 10, 26), D(2026, 11, 3))  # 9 days
        meeting = d.meeting_deadline(facts(meetings=(D(2026, 10, 20),), holidays=(autumn,)), D(2026, 10, 21))
        self.assertEqual(meeting.due, D(2026, 11, 3) + datetime.timedelta(days=14 - 5))

    def test_a_paused_pair_stops_the_clock_and_an_open_pause_has_no_due_day(self):
        pause = d.Span(D(2026, 10, 5), D(2026, 10, 14))  # 10 days
        paused = facts(meetings=(D(2026, 10, 1),), pauses=(pause,))
        self.assertEqual(d.meeting_deadline(paused, D(2026, 10, 2)).due, D(2026, 10, 25))
        open_pause = facts(meetings=(D(2026, 10, 1),), pauses=(d.Span(D(2026, 10, 5)),))
        self.assertIsNone(d.meeting_deadline(open_pause, D(2026, 11, 30)))

    def test_a_replaced_mentor_has_a_full_period_from_taking_over(self):
        replaced = facts(meetings=(D(2026, 10, 1),), terms=(d.Term(1, START, D(2026, 10, 9)), d.Term(2, D(2026, 10, 10))))
        meeting = d.meeting_deadline(replaced, D(2026, 10, 12))
        self.assertEqual((meeting.due, meeting.participant), (D(2026, 10, 24), 2))

    def test_an_extended_pair_past_its_first_end_still_owes_meetings_and_no_final_report(self):
        # Planned to end on 31.10, extended by an order: still working on 20.11.
        extended = facts(meetings=(D(2026, 11, 1),))
        found = d.deadlines(extended, D(2026, 11, 20))
        self.assertEqual([x.due for x in kinds(found, d.MEETING)], [D(2026, 11, 15)])
        self.assertEqual(kinds(found, d.MENTOR_FINAL), [])

    def test_an_ended_or_not_started_pair_owes_no_meeting(self):
        self.assertIsNone(d.meeting_deadline(facts(ended_on=D(2026, 12, 1)), D(2026, 12, 20)))
        self.assertIsNone(d.meeting_deadline(facts(active_from=None), D(2026, 12, 20)))


class MonthlyReportTests(unittest.TestCase):
    def test_a_report_is_owed_for_every_month_that_ends_while_the_pair_works(self):
        found = d.monthly_deadlines(facts(active_from=D(2026, 9, 20)), D(2026, 11, 10))
        self.assertEqual([(x.key, x.due) for x in found], [
            ("monthly_report:2026-09", D(2026, 10, 5)), ("monthly_report:2026-10", D(2026, 11, 5)),
            ("monthly_report:2026-11", D(2026, 12, 5))])

    def test_a_submitted_report_meets_its_month(self):
        found = d.monthly_deadlines(facts(reports=frozenset({"monthly_report:2026-09"})), D(2026, 10, 10))
        self.assertEqual([x.key for x in found], ["monthly_report:2026-10"])

    def test_the_5th_day_after_the_month_is_in_time_and_the_6th_late(self):
        september = d.monthly_deadlines(facts(), D(2026, 10, 5))[0]
        self.assertFalse(september.overdue(D(2026, 10, 5)))
        self.assertTrue(september.overdue(D(2026, 10, 6)))

    def test_no_report_for_a_month_that_ends_in_a_pause(self):
        paused = facts(pauses=(d.Span(D(2026, 10, 20), D(2026, 11, 5)),))
        self.assertEqual([x.key for x in d.monthly_deadlines(paused, D(2026, 11, 10))],
                         ["monthly_report:2026-09", "monthly_report:2026-11"])

    def test_the_report_of_a_month_is_owed_by_the_mentor_of_its_last_day(self):
        replaced = facts(terms=(d.Term(1, START, D(2026, 10, 9)), d.Term(2, D(2026, 10, 10))))
        found = d.monthly_deadlines(replaced, D(2026, 10, 20))
        self.assertEqual([x.participant for x in found], [1, 2])

    def test_the_month_the_pair_ends_in_is_covered_by_the_final_report(self):
        found = d.monthly_deadlines(facts(ended_on=D(2026, 10, 31)), D(2026, 11, 20))
        self.assertEqual([x.key for x in found], ["monthly_report:2026-09"])


class FinalReportTests(unittest.TestCase):
    ENDED = D(2027, 5, 20)

    def test_three_things_are_due_within_10_days_of_the_end(self):
        found = d.final_deadlines(facts(ended_on=self.ENDED))
        self.assertEqual({(x.kind, x.due, x.who) for x in found}, {
            (d.MENTOR_FINAL, D(2027, 5, 30), d.MENTOR), (d.MENTEE_FINAL, D(2027, 5, 30), d.MENTEE),
            (d.FINAL_INTERVIEW, D(2027, 5, 30), d.CURATOR)})

    def test_the_10th_day_after_the_end_is_in_time_and_the_11th_is_late(self):
        pair = facts(ended_on=self.ENDED, reports=frozenset(f"monthly_report:{m}" for m in (
            "2026-09", "2026-10", "2026-11", "2026-12", "2027-01", "2027-02", "2027-03", "2027-04")))
        self.assertEqual(d.overdue(pair, D(2027, 5, 30)), [])
        self.assertEqual({x.kind for x in d.overdue(pair, D(2027, 5, 31))},
                         {d.MENTOR_FINAL, d.MENTEE_FINAL, d.FINAL_INTERVIEW})

    def test_each_mentee_of_a_group_reports_and_is_interviewed(self):
        found = d.final_deadlines(facts(ended_on=self.ENDED, mentees=(7, 8)))
        self.assertEqual(sorted(x.key for x in found), [
            "final_interview:7", "final_interview:8", "mentee_final:7", "mentee_final:8", "mentor_final"])

    def test_the_final_report_is_owed_by_the_mentor_at_the_end(self):
        replaced = facts(ended_on=self.ENDED, terms=(d.Term(1, START, D(2027, 1, 9)), d.Term(2, D(2027, 1, 10))))
        self.assertEqual(kinds(d.final_deadlines(replaced), d.MENTOR_FINAL)[0].participant, 2)

    def test_submitted_reports_meet_their_deadlines(self):
        done = frozenset({"mentor_final", "mentee_final:7", "final_interview:7"})
        self.assertEqual(d.final_deadlines(facts(ended_on=self.ENDED, reports=done)), [])


class PlanItemTests(unittest.TestCase):
    def test_an_item_not_done_is_overdue_the_day_after_its_deadline(self):
        pair = facts(items=(d.Item(1, "Олимпиада", D(2026, 10, 1)), d.Item(2, "Проект", D(2026, 9, 20), done=True)))
        self.assertEqual([x.key for x in d.overdue(pair, D(2026, 10, 2)) if x.kind == d.PLAN_ITEM], ["plan_item:1"])
        self.assertEqual([x for x in d.overdue(pair, D(2026, 10, 1)) if x.kind == d.PLAN_ITEM], [])


class SequenceTests(unittest.TestCase):
    def test_the_first_three_meetings_come_in_order(self):
        self.assertEqual(d.sequence_problem(d.INTRODUCTION, []), "")
        self.assertEqual(d.sequence_problem(d.TRIAL, []), "Сначала проводится встреча-знакомство.")
        self.assertEqual(d.sequence_problem(d.PLANNING, [d.INTRODUCTION]), "Сначала проводится пробная рабочая встреча.")
        self.assertEqual(d.sequence_problem(d.REGULAR, [d.INTRODUCTION, d.TRIAL]),
                         "Сначала проводится встреча-планирование.")
        self.assertEqual(d.sequence_problem(d.REGULAR, [d.INTRODUCTION, d.TRIAL, d.PLANNING]), "")

    def test_each_of_the_first_three_happens_once_and_group_meetings_any_time(self):
        self.assertEqual(d.sequence_problem(d.INTRODUCTION, [d.INTRODUCTION]), "Встреча-знакомство у пары уже была.")
        self.assertEqual(d.sequence_problem(d.GROUP_REFLECTION, []), "")


class TrendTests(unittest.TestCase):
    def test_three_meetings_each_worse_than_the_one_before_are_a_falling_trend(self):
        self.assertTrue(d.falling([5, 4.7, 4, 3.3]))
        self.assertFalse(d.falling([4, 3, 3]))
        self.assertFalse(d.falling([4, 3]))
