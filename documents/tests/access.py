"""Authorization matrix rows of the document pages (format: testing/access_matrix.py)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import DocumentTemplate, Order, OrderKind
from pairs.models import Pair, PairMentee
from people.tests.access import mentor_surname
from testing.access_matrix import (
    ORG_STAFF_A,
    ORG_STAFF_B,
    REGION_STAFF_A,
    REGION_STAFF_B,
    SEES_PUPILS,
    SEES_STAFF,
    Check,
    school_name,
)
from testing.fixtures import make_participant

MANAGERS_A = frozenset({"head_a", "curator_a"})
MANAGERS_B = frozenset({"curator_b"})
ALL_STAFF = REGION_STAFF_A | REGION_STAFF_B
ALL_MANAGERS = MANAGERS_A | MANAGERS_B
# Who may see each side's mentor (school A's Смирнов is mentor_a himself).
SEES_MENTORS = {"own": ORG_STAFF_A | {"mentor_a"}, "other": ORG_STAFF_B}


def _school(test, side):
    return test.school_a if side == "own" else test.school_b


def _order(test, side) -> Order:
    """A project of an order of school A (own) or school B (other), with a text unique to its side."""
    text = f"Текст приказа {side}-7391"
    return Order.objects.filter(text=text).first() or Order.objects.create(
        organization=_school(test, side), kind=OrderKind.REGULATION, text=text)


def _pairs_order(test, side) -> Order:
    """An order of the side's school that names a pair of its own people: only the school reads whom."""
    text = f"Приказ о закреплении {side}"
    found = Order.objects.filter(text=text).first()
    if found is None:
        school = _school(test, side)
        mentor = make_participant(school, f"Орлов{side}", is_mentor=True, grade=11, birth_date=datetime.date(2009, 1, 1))
        pair = Pair.objects.create(organization=school, form=test.pupil_pupil, mentor=mentor,
                                   start_date=datetime.date(2026, 10, 1), planned_end_date=datetime.date(2027, 5, 31))
        PairMentee.objects.create(pair=pair, mentee=make_participant(school, f"Белкина{side}", grade=5))
        found = Order.objects.create(organization=school, kind=OrderKind.PAIRS, text=text)
        found.pairs.add(pair)
    return found


def pairs_order(test, side):
    return {"pk": _pairs_order(test, side).pk}


def order(test, side):
    return {"pk": _order(test, side).pk}


def order_text(test, side):
    return _order(test, side).text


def pupil_full_name(test, side):
    return (test.pupil_a if side == "own" else test.pupil_b).full_name


def only_own(test, side):
    return {} if side == "own" else None


def both_orders(test, side):
    if side != "own":
        return None
    _order(test, "own")
    _order(test, "other")
    return {}


def new_order(test, side):
    return {"organization": test.school_a.pk, "kind": OrderKind.REGULATION, "signer_position": "Директор"}


def template(test, side):
    """A template row of a kind no other row fills (its file is not there)."""
    school = _school(test, side)
    own = DocumentTemplate.objects.filter(organization=school).first() or DocumentTemplate.objects.create(
        organization=school, kind=OrderKind.REWARD, file="document_templates/matrix.docx")
    return {"pk": own.pk}


def upload(test, side):
    """A file the action refuses before keeping it: the matrix tests access, and leaves no file behind."""
    return {"organization": test.school_a.pk, "kind": OrderKind.REGULATION,
            "file": SimpleUploadedFile("шаблон.docx", b"not a docx")}


CHECKS = [
    Check("documents:list", both_orders, ALL_STAFF, secret=order_text, sees=SEES_STAFF),
    Check("documents:create", only_own, ALL_MANAGERS, secret=school_name, sees=SEES_STAFF),
    Check("documents:create", only_own, ALL_MANAGERS, method="POST", data=new_order),
    Check("documents:detail", order, REGION_STAFF_A, REGION_STAFF_B, secret=order_text),
    Check("documents:update", order, MANAGERS_A, MANAGERS_B, secret=order_text),
    Check("documents:update", order, MANAGERS_A, MANAGERS_B, method="POST", secret=order_text,
          data=lambda test, side: {"text": "Новый текст", "signer_position": "Директор"}),
    Check("documents:register", order, MANAGERS_A, MANAGERS_B),
    Check("documents:register", order, MANAGERS_A, MANAGERS_B, method="POST",
          data=lambda test, side: {"number": "1", "date": "2026-11-20"}),
    Check("documents:docx", order, REGION_STAFF_A, REGION_STAFF_B),
    Check("documents:detail", pairs_order, REGION_STAFF_A, REGION_STAFF_B),
    Check("documents:docx", pairs_order, ORG_STAFF_A, ORG_STAFF_B),
    Check("documents:templates", only_own, ALL_MANAGERS, secret=school_name, sees=SEES_STAFF),
    Check("documents:template_upload", only_own, ALL_MANAGERS, method="POST", data=upload),
    Check("documents:template_reset", template, MANAGERS_A, MANAGERS_B, method="POST"),
    Check("documents:template_file", lambda test, side: {"organization_pk": _school(test, side).pk,
                                                         "kind": OrderKind.PAIRS}, MANAGERS_A, MANAGERS_B),
    # The search echoes its query, so the secret is the whole name that a found row shows.
    Check("documents:consents", only_own, ALL_MANAGERS, data=lambda test, side: {"q": test.pupil_b.last_name},
          secret=pupil_full_name, sees=SEES_PUPILS),
    Check("documents:consent_docx", lambda test, side: {
        "pk": (test.pupil_a if side == "own" else test.pupil_b).pk, "kind": "consent_representative"},
        MANAGERS_A, MANAGERS_B),
    Check("documents:registry_xlsx", only_own, ORG_STAFF_A | ORG_STAFF_B, secret=mentor_surname, sees=SEES_MENTORS),
]
