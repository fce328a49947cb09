"""Authorization matrix rows of the organizations upload (format: testing/access_matrix.py)."""

from testing.access_matrix import SEES_STAFF, Check, school_name


def only_own(test, side):
    return {} if side == "own" else None


CHECKS = [
    Check("organizations:import", only_own, frozenset({"operator"}), secret=school_name, sees=SEES_STAFF),
]
