"""Proposed pairs of school A for the documents' tests."""

import datetime

from nastavnik.testing import make_participant
from pairs import actions as pair_actions

START, END = datetime.date(2026, 12, 1), datetime.date(2027, 5, 31)


def propose(test, mentor_name: str, *mentee_names: str):
    """A proposed pair of school A: a new 11th-grade mentor with new 6th-grade mentees."""
    mentor = make_participant(test.school_a, mentor_name, is_mentor=True, is_mentee=False, grade=11,
                              birth_date=datetime.date(2009, 4, 4))
    mentees = [make_participant(test.school_a, name, grade=6) for name in mentee_names]
    return pair_actions.propose_pair(organization=test.school_a, form=test.pupil_pupil, mentor=mentor,
                                     mentees=mentees, start_date=START, planned_end_date=END, actor=test.curator_a)
