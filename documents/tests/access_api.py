"""Authorization matrix rows of the orders API (format: testing/access_matrix.py); the own and the other
order are those of documents/tests/access.py."""

from documents.models import OrderKind
from documents.tests.access import (
    ALL_STAFF,
    MANAGERS_A,
    MANAGERS_B,
    _order,
    _pairs_order,
    _school,
    both_orders,
    order_text,
)
from testing.access_matrix import ORG_STAFF_A, ORG_STAFF_B, REGION_STAFF_A, REGION_STAFF_B, SEES_STAFF, Check

BASE = "/api/v1/orders/"
ORDER = BASE + "{order_id}"


def order(test, side):
    return {"order_id": _order(test, side).pk}


def new_order(test, side):
    return {"organization": _school(test, side).code, "kind": OrderKind.REGULATION}


CHECKS = [
    Check(BASE, both_orders, ALL_STAFF, secret=order_text, sees=SEES_STAFF),
    Check(BASE, lambda test, side: {}, MANAGERS_A, MANAGERS_B, method="POST", data=new_order),
    Check(ORDER, order, REGION_STAFF_A, REGION_STAFF_B, secret=order_text),
    Check(ORDER + "/register", order, MANAGERS_A, MANAGERS_B, method="POST", secret=order_text,
          data=lambda test, side: {"number": "1", "date": "2026-11-20"}),
    Check(ORDER + "/docx", order, REGION_STAFF_A, REGION_STAFF_B),
    Check(ORDER + "/docx", lambda test, side: {"order_id": _pairs_order(test, side).pk}, ORG_STAFF_A, ORG_STAFF_B),
]
