"""Authorization matrix rows of the participants import, export and template (format:
testing/access_matrix.py). These pages name no object: the user's organizations decide."""

from testing.access_matrix import (
    ORG_STAFF_A,
    ORG_STAFF_B,
    SEES_PUPILS,
    SEES_STAFF,
    Check,
    pupil_surname,
    school_name,
)

MANAGERS = frozenset({"head_a", "curator_a", "curator_b"})


def only_own(test, side):
    return {} if side == "own" else None


CHECKS = [
    Check("people:import", only_own, MANAGERS, secret=school_name, sees=SEES_STAFF),
    Check("people:template", only_own, MANAGERS, secret=school_name, sees=SEES_STAFF),
    Check("people:export", only_own, ORG_STAFF_A | ORG_STAFF_B, secret=pupil_surname, sees=SEES_PUPILS),
]
