"""Authorization matrix rows of the indicators' pages and API (format: testing/access_matrix.py): the staff of a
territory or an organization see its numbers, never a name; the personal roles see none."""

from testing.access_matrix import NOBODY, REGION_STAFF_A, REGION_STAFF_B, Check, pupil_surname

# Who manages school A's and B's numbers: the region, the municipality, the head and the curator.
MANAGERS_A = frozenset({"operator", "municipal_a", "head_a", "curator_a"})
MANAGERS_B = frozenset({"operator", "municipal_b", "curator_b"})
MUNICIPALITY_A = frozenset({"operator", "municipal_a"})
MUNICIPALITY_B = frozenset({"operator", "municipal_b"})


def school(test, side):
    return {"pk": (test.school_a if side == "own" else test.school_b).pk}


def municipality(test, side):
    return {"pk": (test.municipality_a if side == "own" else test.municipality_b).pk}


def region(test, side):
    return {"pk": test.region.pk} if side == "own" else None


def code(test, side):
    return {"code": (test.municipality_a if side == "own" else test.municipality_b).code}


def school_code(test, side):
    return {"code": (test.school_a if side == "own" else test.school_b).code}


def only_own(test, side):
    return {} if side == "own" else None


def figures(test, side):
    return {"year": "2026", "denominator_children_10_19": "120", "target_mentees_10_19": "40.5"}


CHECKS = [
    Check("monitoring:index", only_own, REGION_STAFF_A | REGION_STAFF_B, secret=pupil_surname, sees=NOBODY),
    Check("monitoring:dashboard", region, frozenset({"operator"}), secret=pupil_surname, sees=NOBODY),
    Check("monitoring:dashboard", municipality, MUNICIPALITY_A, MUNICIPALITY_B, secret=pupil_surname),
    Check("monitoring:dashboard", school, REGION_STAFF_A, REGION_STAFF_B, secret=pupil_surname),
    Check("monitoring:details", municipality, MUNICIPALITY_A, MUNICIPALITY_B, secret=pupil_surname),
    Check("monitoring:details", school, REGION_STAFF_A, REGION_STAFF_B, secret=pupil_surname),
    Check("monitoring:export", municipality, MUNICIPALITY_A, MUNICIPALITY_B, secret=pupil_surname),
    Check("monitoring:export", school, REGION_STAFF_A, REGION_STAFF_B, secret=pupil_surname),
    Check("monitoring:figures", municipality, MUNICIPALITY_A, MUNICIPALITY_B),
    Check("monitoring:figures", school, MANAGERS_A, MANAGERS_B),
    Check("monitoring:figures", school, MANAGERS_A, MANAGERS_B, method="POST", data=figures),
    Check("monitoring:figures", region, frozenset({"operator"}), method="POST", data=figures),
]

CHECKS += [
    Check("/api/v1/indicators/{code}", code, MUNICIPALITY_A, MUNICIPALITY_B, secret=pupil_surname),
    Check("/api/v1/indicators/{code}", school_code, REGION_STAFF_A, REGION_STAFF_B, secret=pupil_surname),
]
