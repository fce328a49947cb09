"""Authorization matrix rows of the matching pages (format: testing/access_matrix.py)."""

import datetime

from matching.models import MatchingRun, MatchPreference
from testing.access_matrix import SEES_STAFF, Check, school_name

MATCHERS_A = frozenset({"operator", "municipal_a", "head_a", "curator_a"})
MATCHERS_B = frozenset({"operator", "municipal_b", "curator_b"})
# Pins, forbids and preferences name people: the school's own staff only.
NAMING_A = frozenset({"head_a", "curator_a"})
NAMING_B = frozenset({"curator_b"})


def _school(test, side):
    return test.school_a if side == "own" else test.school_b


def _pupil(test, side):
    return test.pupil_a if side == "own" else test.pupil_b


def run(test, side):
    school, pupil = _school(test, side), _pupil(test, side)
    found = MatchingRun.objects.filter(scope=school).first() or MatchingRun.objects.create(
        scope=school, start_date=datetime.date(2026, 12, 1), status=MatchingRun.Status.DONE,
        result={"matched": 1, "total_score": 10, "candidates": 1, "unmatched_mentees": [], "notes": [],
                "pairs": [{"mentor": {"id": test.pupil_mentor_a.pk, "name": "Смирнов Иван"},
                           "mentees": [{"id": pupil.pk, "name": pupil.full_name, "score": 10, "reasons": [],
                                        "form": {"id": test.pupil_pupil.pk, "name": test.pupil_pupil.name}}]}]})
    return {"pk": found.pk}


def both_runs(test, side):
    if side != "own":
        return None
    run(test, "own")
    run(test, "other")
    return {}


def a_pair(test, side):
    return {"mentee": _pupil(test, side).pk, "mentor": test.pupil_mentor_a.pk}


def organization(test, side):
    return {"organization_pk": _school(test, side).pk}


def preference(test, side):
    found, _ = MatchPreference.objects.get_or_create(
        from_participant=_pupil(test, side), to_participant=test.pupil_mentor_a,
        defaults={"organization": _school(test, side), "kind": MatchPreference.Kind.LIKE})
    return {"pk": found.pk}


def secret(test, side):
    return _pupil(test, side).last_name


CHECKS = [
    Check("matching:list", both_runs, MATCHERS_A | MATCHERS_B, secret=school_name, sees=SEES_STAFF),
    Check("matching:detail", run, MATCHERS_A, MATCHERS_B, secret=secret),
    Check("matching:pin", run, NAMING_A, NAMING_B, method="POST", data=a_pair),
    Check("matching:forbid", run, NAMING_A, NAMING_B, method="POST", data=a_pair),
    Check("matching:rerun", run, MATCHERS_A, MATCHERS_B, method="POST"),
    Check("matching:accept", run, MATCHERS_A, MATCHERS_B, method="POST"),
    Check("matching:weights", organization, MATCHERS_A, MATCHERS_B),
    Check("matching:weights", organization, MATCHERS_A, MATCHERS_B, method="POST", data=lambda test, side: {"reset": 1}),
    Check("matching:preferences", organization, NAMING_A, NAMING_B, secret=secret),
    Check("matching:preference_delete", preference, NAMING_A, NAMING_B, method="POST"),
]
