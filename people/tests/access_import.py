"""Authorization matrix rows of the participants import, export and template (format:
nastavnik/access_matrix.py). These pages name no object: the user's organizations decide."""

from nastavnik.access_matrix import ORG_STAFF_A, ORG_STAFF_B, Check

MANAGERS = frozenset({"head_a", "curator_a", "curator_b"})


def only_own(test, side):
    return {} if side == "own" else None


CHECKS = [
    Check("people:import", only_own, MANAGERS),
    Check("people:template", only_own, MANAGERS),
    Check("people:export", only_own, ORG_STAFF_A | ORG_STAFF_B),
]
