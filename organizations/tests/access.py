"""Authorization matrix rows of the organization pages (format: testing/access_matrix.py)."""

import datetime

from organizations.models import Agreement, Organization
from testing.access_matrix import REGION_STAFF_A, REGION_STAFF_B, SEES_STAFF, Check, school_name

STAFF = REGION_STAFF_A | REGION_STAFF_B
AGREEMENT_MANAGERS = frozenset({"operator", "municipal_a", "municipal_b", "head_a", "curator_a", "curator_b"})


def only_own(test, side):
    return {} if side == "own" else None


def school(test, side):
    return {"pk": (test.school_a if side == "own" else test.school_b).pk}


def partner(test, side):
    """Own: the region's partner; other: a partner of another region, which nobody here sees."""
    if side == "own":
        return {"pk": test.partner.pk}
    region, _ = Organization.objects.get_or_create(code="24", defaults={"name": "Красноярский край", "kind": "region"})
    other, _ = Organization.objects.get_or_create(
        code="24-P-001", defaults={"name": "ПАО «Красцветмет»", "kind": "partner", "parent": region})
    return {"pk": other.pk}


def agreement(test, side):
    """Own: the partner's agreement with municipality A; other: one with school B."""
    if side == "own":
        return {"pk": test.agreement.pk}
    other, _ = Agreement.objects.get_or_create(
        partner=test.partner, number="12/2026",
        defaults={"counterparty": test.school_b, "signed_on": datetime.date(2026, 9, 1),
                  "valid_from": datetime.date(2026, 9, 1)})
    return {"pk": other.pk}


def both_agreements(test, side):
    if side != "own":
        return None
    agreement(test, "other")
    return {}


def agreement_number(test, side):
    return "7/2026" if side == "own" else "12/2026"


def agreement_update(test, side):
    counterparty = test.municipality_a if side == "own" else test.school_b
    return {"counterparty": counterparty.pk, "number": agreement_number(test, side), "signed_on": "2026-08-20",
            "valid_from": "2026-09-01", "valid_until": "2027-06-30"}


CHECKS = [
    Check("organizations:list", only_own, STAFF, secret=school_name, sees=SEES_STAFF),
    Check("organizations:detail", school, REGION_STAFF_A, REGION_STAFF_B),
    Check("organizations:partners", both_agreements, STAFF, secret=agreement_number, sees=SEES_STAFF),
    Check("organizations:agreement_create", partner, AGREEMENT_MANAGERS),
    Check("organizations:agreement_edit", agreement, frozenset({"operator", "municipal_a"}),
          frozenset({"operator", "municipal_b", "curator_b"}), secret=agreement_number),
    Check("organizations:agreement_edit", agreement, frozenset({"operator", "municipal_a"}),
          frozenset({"operator", "municipal_b", "curator_b"}), method="POST", data=agreement_update,
          secret=agreement_number),
]
