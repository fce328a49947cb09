"""Authorization matrix rows of the participants API (format: testing/access_matrix.py)."""

import datetime

from people.models import MenteeProfile, MentorProfile, Participant
from people.tests.access import (
    MANAGERS_A,
    MANAGERS_B,
    STAFF,
    consent,
    mentee_request,
    mentor,
    mentor_surname,
    only_own,
    pupil,
    pupil_surname,
    withdrawal,
)
from testing.access_matrix import ORG_STAFF_A, ORG_STAFF_B, SEES_PUPILS, Check
from testing.fixtures import make_participant

BASE = "/api/v1/participants/"


def ids(args):
    """Matrix kwargs under the API's parameter names."""

    def wrapped(test, side):
        kwargs = args(test, side)
        return kwargs and {"participant_id": kwargs["pk"]}

    return wrapped


def consent_ids(test, side):
    kwargs = consent(test, side)
    pupil_pk = (test.pupil_a if side == "own" else test.pupil_b).pk
    return {"participant_id": pupil_pk, "consent_id": kwargs["pk"]}


def new_pupil(test, side):
    return {"organization": (test.school_a if side == "own" else test.school_b).code, "last_name": "Новикова",
            "first_name": "Алина", "birth_date": "2013-02-02", "category": "pupil", "grade": 7, "is_mentee": True}


def own_or_other(test, side):
    return {}


def patch(test, side):
    return {"phone": "+7 900 000-00-00"}


def mentor_profile(test, side):
    return {"source": "pupils", "competences": "математика", "max_mentees": 2, "forms": ["pupil_pupil"]}


def mentee_profile(test, side):
    return {"desired_form": "pupil_pupil"}


def unconsented(test, side):
    """A teacher of the side's school who has given no consent yet."""
    school = test.school_a if side == "own" else test.school_b
    teacher = Participant.objects.filter(organization=school, last_name="Белова").first() or make_participant(
        school, "Белова", consents=False, category="teacher", birth_date=datetime.date(1985, 1, 1))
    return {"participant_id": teacher.pk}


def _useful_for(side):
    return f"Помогу с олимпиадной математикой ({side})"


def _support_reason(side):
    return f"Трудности с адаптацией ({side})"


def with_mentor_profile(test, side):
    """The side's mentor, with a profile to read."""
    participant = Participant.objects.get(pk=mentor(test, side)["pk"])
    MentorProfile.objects.get_or_create(participant=participant, defaults={"source": "pupils",
                                                                           "useful_for": _useful_for(side)})
    return {"participant_id": participant.pk}


def with_mentee_profile(test, side):
    participant = Participant.objects.get(pk=pupil(test, side)["pk"])
    MenteeProfile.objects.get_or_create(participant=participant, defaults={"support_reason": _support_reason(side)})
    return {"participant_id": participant.pk}


def mentor_profile_text(test, side):
    return _useful_for(side)


def mentee_profile_text(test, side):
    return _support_reason(side)


def consent_payload(test, side):
    return {"kind": "personal_data", "given_on": "2026-10-01"}


P = "/api/v1/participants/{participant_id}"
CHECKS = [
    Check(BASE, only_own, STAFF, secret=pupil_surname, sees=SEES_PUPILS),
    Check(BASE, own_or_other, MANAGERS_A, MANAGERS_B, method="POST", data=new_pupil),
    Check(P, ids(pupil), ORG_STAFF_A | {"mentee_a", "parent_a"}, ORG_STAFF_B, secret=pupil_surname),
    Check(P, ids(pupil), MANAGERS_A, MANAGERS_B, method="PATCH", data=patch, secret=pupil_surname),
    Check(P + "/mentor-profile", with_mentor_profile, ORG_STAFF_A | {"mentor_a"}, ORG_STAFF_B,
          secret=mentor_profile_text),
    Check(P + "/mentor-profile", ids(mentor), MANAGERS_A, MANAGERS_B, method="PUT", data=mentor_profile,
          secret=mentor_surname),
    Check(P + "/mentee-profile", with_mentee_profile, ORG_STAFF_A | {"mentee_a", "parent_a"}, ORG_STAFF_B,
          secret=mentee_profile_text),
    Check(P + "/mentee-profile", ids(pupil), MANAGERS_A, MANAGERS_B, method="PUT", data=mentee_profile,
          secret=pupil_surname),
    Check(P + "/requests", ids(pupil), ORG_STAFF_A | {"mentee_a", "parent_a"}, ORG_STAFF_B),
    Check(P + "/requests", ids(pupil), MANAGERS_A, MANAGERS_B, method="POST", data=mentee_request),
    Check(P + "/consents", ids(pupil), ORG_STAFF_A | {"mentee_a", "parent_a"}, ORG_STAFF_B),
    Check(P + "/consents", unconsented, MANAGERS_A, MANAGERS_B, method="POST", data=consent_payload),
    Check(P + "/consents/{consent_id}/withdraw", consent_ids, MANAGERS_A, MANAGERS_B, method="POST",
          data=withdrawal),
]
