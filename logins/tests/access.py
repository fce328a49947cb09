"""Authorization matrix rows of the invitation, sign-in and self-service pages (format: testing/access_matrix.py)."""

import datetime

from django.utils import timezone

from logins import actions
from logins.models import Invitation
from pairs.models import Pair, PairMentee, PairStatus
from people.models import Consent, Participant
from testing.access_matrix import ORG_STAFF_A, ORG_STAFF_B, SEES_PUPILS, USERS, Check, pupil_surname, school_name
from testing.fixtures import make_participant

EVERYONE = frozenset(USERS)
SIGNED_IN = EVERYONE - {"anonymous"}
MANAGERS_A = frozenset({"head_a", "curator_a"})
MANAGERS_B = frozenset({"curator_b"})
PARENT_NAMES = {"own": "Родителева Ольга Ивановна", "other": "Родителев Борис Петрович"}


def only_own(test, side):
    return {} if side == "own" else None


def _pupil(test, side):
    return test.pupil_a if side == "own" else test.pupil_b


def _invitation(test, side) -> Invitation:
    found = Invitation.objects.filter(invitee_name=PARENT_NAMES[side]).first()
    if found:
        return found
    curator = test.curator_a if side == "own" else test.curator_b
    return actions.invite(_pupil(test, side), actor=curator, kind=Invitation.Kind.REPRESENTATIVE,
                          invitee_name=PARENT_NAMES[side], email="parent@example.org")[0]


def finished_pair(test, side):
    """A completed pair of two anonymized people: whatever it prints, it changes no other row's pairs or
    matching (pairs/tests/access.py's live pairs are made by their own rows, later)."""
    school = test.school_a if side == "own" else test.school_b
    found = Pair.objects.filter(organization=school, status=PairStatus.COMPLETED, mentor__anonymized_at__isnull=False)
    if found.exists():
        return {"pk": found.first().pk}
    mentor = make_participant(school, "Бывший", is_mentor=True, is_mentee=False, grade=10, consents=False,
                              birth_date=datetime.date(2010, 1, 1))
    mentee = make_participant(school, "Бывшая", consents=False)
    Participant.objects.filter(pk__in=[mentor.pk, mentee.pk]).update(anonymized_at=timezone.now())
    pair = Pair.objects.create(organization=school, form=test.pupil_pupil, mentor=mentor, status=PairStatus.COMPLETED,
                               start_date=datetime.date(2025, 10, 1), planned_end_date=datetime.date(2026, 5, 31))
    PairMentee.objects.create(pair=pair, mentee=mentee)
    return {"pk": pair.pk}


def invitation(test, side):
    return {"pk": _invitation(test, side).pk}


def invitee(test, side):
    return _invitation(test, side).invitee_name


def pupil(test, side):
    return {"pk": _pupil(test, side).pk}


def link(test, side):
    curator = test.curator_a if side == "own" else test.curator_b
    return {"token": actions.invite(_pupil(test, side), actor=curator, kind=Invitation.Kind.REPRESENTATIVE,
                                    invitee_name="Ссылкина Нина", email="link@example.org")[1]}


def a_code(test, side):
    return {"code": actions.invite(test.pupil_a, actor=test.curator_a)[1]}


def class_of(test, side):
    p = _pupil(test, side)
    return {"organization": p.organization_id, "grade": p.grade, "grade_letter": p.grade_letter}


def representative_consent(test, side):
    return {"pk": _pupil(test, side).consents.get(kind=Consent.Kind.REPRESENTATIVE).pk}


def nothing(test, side):
    return {}


CHECKS = [
    Check("logins:list", only_own, ORG_STAFF_A | ORG_STAFF_B, secret=invitee,
          sees={"own": ORG_STAFF_A, "other": ORG_STAFF_B}),
    Check("logins:sheet", only_own, MANAGERS_A | MANAGERS_B, secret=school_name,
          sees={"own": MANAGERS_A, "other": MANAGERS_B}),
    Check("logins:sheet", nothing, MANAGERS_A, MANAGERS_B, method="POST", data=class_of),
    Check("logins:invite", pupil, MANAGERS_A, MANAGERS_B, secret=pupil_surname),
    Check("logins:invite", pupil, MANAGERS_A, MANAGERS_B, method="POST", data=lambda test, side: {"kind": "own"}),
    Check("logins:close", pupil, MANAGERS_A, MANAGERS_B, method="POST"),
    Check("logins:pair_sheet", finished_pair, MANAGERS_A, MANAGERS_B, method="POST"),
    Check("logins:selection_sheet", only_own, MANAGERS_A | MANAGERS_B, method="POST", secret=pupil_surname),
    Check("logins:resend", invitation, MANAGERS_A, MANAGERS_B, method="POST"),
    Check("logins:revoke", invitation, MANAGERS_A, MANAGERS_B, method="POST"),
    # Signing in: open to anyone holding the code or the link (the secret is the permission).
    Check("logins:code", only_own, EVERYONE, secret=pupil_surname, sees=SEES_PUPILS),
    # Signed in as somebody else, an invitation is refused without naming whom it invites.
    Check("logins:code", only_own, frozenset({"anonymous"}), method="POST", data=a_code),
    Check("logins:accept_link", link, frozenset({"anonymous"}), frozenset({"anonymous"})),
    # The person's own pages.
    Check("logins:questionnaire", pupil, frozenset({"mentee_a"})),
    Check("logins:questionnaire", pupil, frozenset({"mentee_a"}), method="POST",
          data=lambda test, side: {"interests": "шахматы", "request_text": "Олимпиада по математике",
                                   "request_area": "olympiad"}),
    Check("logins:consents", only_own, SIGNED_IN, secret=pupil_surname,
          sees={"own": frozenset({"mentee_a", "parent_a"}), "other": frozenset()}),
    Check("logins:consent_give", lambda test, side: {"pk": _pupil(test, side).pk, "kind": "personal_data"},
          frozenset({"parent_a"}), method="POST"),
    Check("logins:consent_withdraw", representative_consent, frozenset({"parent_a"}), method="POST"),
    Check("logins:account", only_own, SIGNED_IN, secret=pupil_surname, sees=SEES_PUPILS),
    Check("logins:sign_out_all", only_own, SIGNED_IN, method="POST"),
    Check("logins:password_change", only_own, SIGNED_IN, secret=pupil_surname, sees=SEES_PUPILS),
    Check("logins:password_reset", only_own, EVERYONE, secret=pupil_surname, sees=SEES_PUPILS),
    Check("logins:reset_sent", only_own, EVERYONE, secret=pupil_surname, sees=SEES_PUPILS),
    Check("logins:reset_confirm", lambda test, side: {"uidb64": "MQ", "token": "set-password"} if side == "own"
          else None, EVERYONE, secret=pupil_surname, sees=SEES_PUPILS),
    Check("logins:reset_done", only_own, EVERYONE, secret=pupil_surname, sees=SEES_PUPILS),
]
