"""Authorization matrix rows of the matching API (format: testing/access_matrix.py); the runs are those of
matching/tests/access.py."""

from matching.tests.access import MATCHERS_A, MATCHERS_B, NAMING_A, NAMING_B, a_pair, both_runs, run, secret
from testing.access_matrix import SEES_STAFF, Check, school_name

BASE = "/api/v1/matching/runs"
R = BASE + "/{run_id}"


def run_id(test, side):
    return {"run_id": run(test, side)["pk"]}


def new_run(test, side):
    return {"scope": (test.school_a if side == "own" else test.school_b).code, "start_date": "2026-12-01"}


def side_of(test, side):
    return {}


CHECKS = [
    Check(BASE, both_runs, MATCHERS_A | MATCHERS_B, secret=school_name, sees=SEES_STAFF),
    Check(BASE, side_of, MATCHERS_A, MATCHERS_B, method="POST", data=new_run),
    Check(R, run_id, MATCHERS_A, MATCHERS_B, secret=secret),
    Check(R + "/pin", run_id, NAMING_A, NAMING_B, method="POST", data=a_pair),
    Check(R + "/forbid", run_id, NAMING_A, NAMING_B, method="POST", data=a_pair),
    Check(R + "/rerun", run_id, MATCHERS_A, MATCHERS_B, method="POST"),
    Check(R + "/accept", run_id, MATCHERS_A, MATCHERS_B, method="POST"),
]
