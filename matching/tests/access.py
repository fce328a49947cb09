"""Authorization matrix rows of the matching pages (format: nastavnik/access_matrix.py)."""

import datetime

from matching.models import MatchingRun
from nastavnik.access_matrix import Check

MATCHERS_A = frozenset({"operator", "municipal_a", "head_a", "curator_a"})
MATCHERS_B = frozenset({"operator", "municipal_b", "curator_b"})


def anywhere(test, side):
    return {} if side == "own" else None


def run(test, side):
    school = test.school_a if side == "own" else test.school_b
    found = MatchingRun.objects.filter(scope=school).first() or MatchingRun.objects.create(
        scope=school, start_date=datetime.date(2026, 12, 1), status=MatchingRun.Status.DONE,
        result={"forms": [], "matched": 0, "unmatched": [], "total_score": 0})
    return {"pk": found.pk}


def a_pair(test, side):
    return {"mentee": (test.pupil_a if side == "own" else test.pupil_b).pk, "mentor": test.pupil_mentor_a.pk}


CHECKS = [
    Check("matching:list", anywhere, MATCHERS_A | MATCHERS_B),
    Check("matching:detail", run, MATCHERS_A, MATCHERS_B),
    Check("matching:pin", run, MATCHERS_A, MATCHERS_B, method="POST", data=a_pair),
    Check("matching:forbid", run, MATCHERS_A, MATCHERS_B, method="POST", data=a_pair),
    Check("matching:rerun", run, MATCHERS_A, MATCHERS_B, method="POST"),
    Check("matching:accept", run, MATCHERS_A, MATCHERS_B, method="POST"),
]
