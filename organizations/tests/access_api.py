"""Authorization matrix rows of the organizations API (format: testing/access_matrix.py)."""

from organizations.tests.access import agreement, agreement_number
from testing.access_matrix import SEES_STAFF, Check, school_name

SEE_A = frozenset({"operator", "municipal_a", "head_a", "curator_a", "psychologist_a"})
SEE_B = frozenset({"operator", "municipal_b", "curator_b"})
OPERATOR = frozenset({"operator"})


def school(test, side):
    return {"code": (test.school_a if side == "own" else test.school_b).code}


def partner(test, side):
    """The region's partner, with its agreements with municipality A and with school B."""
    if side != "own":
        return None
    agreement(test, "other")
    return {"code": test.partner.code}


def anywhere(test, side):
    return {} if side == "own" else None


def new_school(test, side):
    return {"code": "19-01-777", "name": "МБОУ «Новая школа»", "kind": "school", "parent_code": test.municipality_a.code}


def rename(test, side):
    return {"name": "МБОУ «СОШ № 1 имени Героя»"}


CHECKS = [
    Check("/api/v1/organizations/", anywhere, SEE_A | SEE_B, secret=school_name, sees=SEES_STAFF),
    Check("/api/v1/organizations/", anywhere, OPERATOR, method="POST", data=new_school),
    Check("/api/v1/organizations/{code}", school, SEE_A, SEE_B),
    Check("/api/v1/organizations/{code}", school, OPERATOR, OPERATOR, method="PATCH", data=rename),
    Check("/api/v1/organizations/{code}/agreements", partner, SEE_A | SEE_B, secret=agreement_number,
          sees=SEES_STAFF),
]
