"""Concurrent proposals never give a mentor more mentees than allowed (PostgreSQL: real parallel
transactions; SQLite runs one writer at a time, so the race cannot happen there)."""

import datetime
import threading
import unittest

from django.core.exceptions import ValidationError
from django.db import connection
from django.test import TransactionTestCase

from accounts.models import Role
from nastavnik.testing import make_participant, make_user
from organizations.models import Organization
from pairs import actions
from pairs.models import PairMentee
from programmes.models import MentorshipForm


@unittest.skipUnless(connection.vendor == "postgresql", "SQLite serialises writers; the race needs PostgreSQL")
class ConcurrentApprovalTests(TransactionTestCase):
    serialized_rollback = True  # keep the forms catalogue loaded by migrations

    def test_concurrent_proposals_never_give_a_mentor_a_fourth_mentee(self):
        region = Organization.objects.create(code="R", name="Регион", kind="region")
        school = Organization.objects.create(code="S", name="Школа", kind="school", parent=region)
        curator = make_user("curator", Role.CURATOR, school)
        mentor = make_participant(school, "Наставников", is_mentor=True, is_mentee=False, grade=11,
                                  birth_date=datetime.date(2009, 1, 1))
        mentees = [make_participant(school, f"Ученик{i}", grade=6) for i in range(8)]
        form = MentorshipForm.objects.get(code="pupil_pupil")
        barrier = threading.Barrier(len(mentees))
        outcomes = []

        def propose(mentee):
            try:
                barrier.wait()
                actions.propose_pair(organization=school, form=form, mentor=mentor, mentees=[mentee],
                                     start_date=datetime.date(2026, 12, 1), planned_end_date=datetime.date(2027, 5, 1),
                                     actor=curator)
                outcomes.append("ok")
            except ValidationError:
                outcomes.append("refused")
            finally:
                connection.close()  # each thread has its own connection

        threads = [threading.Thread(target=propose, args=(m,)) for m in mentees]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(sorted(outcomes), ["ok"] * 3 + ["refused"] * 5)
        self.assertEqual(PairMentee.objects.live().filter(pair__mentor=mentor).count(), 3)
