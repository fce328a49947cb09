"""Authorization matrix rows of the participant pages (format: testing/access_matrix.py)."""

import datetime

from django.core.files.base import ContentFile

from people.models import Consent, Participant
from testing.access_matrix import (
    NOBODY,
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

STAFF = ORG_STAFF_A | ORG_STAFF_B
MANAGERS_A = frozenset({"head_a", "curator_a"})
MANAGERS_B = frozenset({"curator_b"})


def only_own(test, side):
    return {} if side == "own" else None


def _pupil(test, side) -> Participant:
    return test.pupil_a if side == "own" else test.pupil_b


def _mentor(test, side) -> Participant:
    if side == "own":
        return test.pupil_mentor_a
    return Participant.objects.filter(organization=test.school_b, last_name="Васильев").first() or make_participant(
        test.school_b, "Васильев", is_mentor=True, is_mentee=False, grade=10, birth_date=datetime.date(2010, 4, 4))


def pupil(test, side):
    return {"pk": _pupil(test, side).pk}


def mentor(test, side):
    return {"pk": _mentor(test, side).pk}


def consent(test, side):
    return {"pk": _pupil(test, side).consents.get(kind=Consent.Kind.PERSONAL_DATA).pk}


def scanned_consent(test, side):
    consent = _pupil(test, side).consents.get(kind=Consent.Kind.PERSONAL_DATA)
    if not consent.scan:
        consent.scan.save("scan.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    return {"pk": consent.pk}


def pupil_surname(test, side):
    return _pupil(test, side).last_name


def mentor_surname(test, side):
    return _mentor(test, side).last_name


def personal_data(test, side):
    p = _pupil(test, side)
    return {"last_name": p.last_name, "first_name": p.first_name, "birth_date": p.birth_date.isoformat(),
            "category": p.category, "grade": p.grade, "is_mentee": "on", "phone": "+7 900 000-00-00"}


def mentor_profile(test, side):
    return {"source": "pupils", "max_mentees": 2, "forms": [test.pupil_pupil.pk], "useful_for": "Математика"}


def mentee_profile(test, side):
    return {"desired_form": test.pupil_pupil.pk}


def mentee_request(test, side):
    return {"text": "Подготовка к олимпиаде по математике", "area": "olympiad", "stated_by": "self"}


def withdrawal(test, side):
    return {"withdrawn_on": "2026-10-01"}


def _both(route, args, own, other, secret, data=None):
    """The page and, when `data` is given, its submission: the same people may do both."""
    checks = [Check(route, args, own, other, secret=secret)]
    if data:
        checks.append(Check(route, args, own, other, method="POST", data=data, secret=secret))
    return checks


CHECKS = [
    Check("people:list", only_own, STAFF, secret=pupil_surname, sees=SEES_PUPILS),
    Check("people:create", only_own, MANAGERS_A | MANAGERS_B, secret=school_name, sees=SEES_STAFF),
    Check("people:mentor_base", only_own, REGION_STAFF_A | REGION_STAFF_B, secret=pupil_surname, sees=NOBODY),
    Check("people:detail", pupil, ORG_STAFF_A | {"mentee_a", "parent_a"}, ORG_STAFF_B, secret=pupil_surname),
    Check("people:detail", mentor, ORG_STAFF_A | {"mentor_a"}, ORG_STAFF_B, secret=mentor_surname),
    *_both("people:edit", pupil, MANAGERS_A, MANAGERS_B, pupil_surname, personal_data),
    *_both("people:mentor_profile", mentor, MANAGERS_A, MANAGERS_B, mentor_surname, mentor_profile),
    *_both("people:mentee_profile", pupil, MANAGERS_A, MANAGERS_B, pupil_surname, mentee_profile),
    *_both("people:request_create", pupil, MANAGERS_A, MANAGERS_B, pupil_surname, mentee_request),
    Check("people:consent_create", pupil, MANAGERS_A, MANAGERS_B, secret=pupil_surname),
    *_both("people:consent_withdraw", consent, MANAGERS_A, MANAGERS_B, pupil_surname, withdrawal),
    Check("people:consent_scan", scanned_consent, ORG_STAFF_A, ORG_STAFF_B),
]
