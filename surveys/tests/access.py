"""Authorization matrix rows of the questionnaire pages and the person's «Мои анкеты» (format: testing/access_matrix.py)."""

import datetime

from programmes.tests.access import programme
from surveys.models import Campaign, Questionnaire
from testing.access_matrix import (
    NOBODY,
    ORG_STAFF_A,
    ORG_STAFF_B,
    REGION_STAFF_A,
    REGION_STAFF_B,
    SEES_STAFF,
    USERS,
    Check,
    pupil_surname,
)

SIGNED_IN = frozenset(USERS) - {"anonymous"}
STAFF = REGION_STAFF_A | REGION_STAFF_B
# Who runs a school's campaign: its head and curator, and the territories above it (numbers only).
RUNS_A = frozenset({"operator", "municipal_a", "head_a", "curator_a"})
RUNS_B = frozenset({"operator", "municipal_b", "curator_b"})
MANAGERS_A = frozenset({"head_a", "curator_a"})
MANAGERS_B = frozenset({"curator_b"})
THE_PUPIL = frozenset({"mentee_a", "parent_a"})


def _campaign(test, side, code="mentee_dynamics") -> Campaign:
    school, pupil = (test.school_a, test.pupil_a) if side == "own" else (test.school_b, test.pupil_b)
    found = Campaign.objects.filter(organization=school, questionnaire__code=code).first()
    if found:
        return found
    campaign = Campaign.objects.create(organization=school, questionnaire=Questionnaire.objects.get(code=code),
                                       wave=Campaign.Wave.FINAL, opened_on=datetime.date(2026, 12, 1))
    if code != "swot":
        campaign.recipients.add(pupil)
    return campaign


def campaign(test, side):
    return {"pk": _campaign(test, side).pk}


def swot(test, side):
    return {"pk": _campaign(test, side, "swot").pk}


def paper(test, side):
    return {"pk": _campaign(test, side).pk, "participant": (test.pupil_a if side == "own" else test.pupil_b).pk}


def listed(test, side):
    """A list: both sides' campaigns exist, the list has no arguments."""
    _campaign(test, "own"), _campaign(test, "other")
    return {}


def answers(test, side):
    items = _campaign(test, side).questionnaire.items.all()
    return {f"item_{item.pk}": 8 if item.kind == "scale" else "Стало легче" for item in items}


def new_campaign(test, side):
    school = test.school_a if side == "own" else test.school_b
    return {"organization": school.pk, "questionnaire": Questionnaire.objects.get(code="mentee_dynamics").pk,
            "wave": "entry"}


def school_name(test, side):
    return (test.school_a if side == "own" else test.school_b).name


CHECKS = [
    Check("surveys:list", listed, STAFF, secret=pupil_surname, sees=NOBODY),
    Check("surveys:create", listed, RUNS_A | RUNS_B, secret=school_name, sees=SEES_STAFF),
    Check("surveys:create", lambda test, side: {}, RUNS_A, RUNS_B, method="POST", data=new_campaign),
    Check("surveys:results", listed, STAFF, secret=pupil_surname, sees=NOBODY),
    Check("surveys:detail", campaign, REGION_STAFF_A, REGION_STAFF_B, secret=pupil_surname),
    Check("surveys:remind", campaign, RUNS_A, RUNS_B, method="POST"),
    Check("surveys:close", campaign, RUNS_A, RUNS_B, method="POST"),
    Check("surveys:paper", paper, MANAGERS_A, MANAGERS_B, secret=pupil_surname),
    Check("surveys:paper", paper, MANAGERS_A, MANAGERS_B, method="POST", data=answers),
    Check("surveys:staff_answer", swot, MANAGERS_A, MANAGERS_B),
    Check("surveys:staff_answer", swot, MANAGERS_A, MANAGERS_B, method="POST", data=lambda test, side: {}),
    Check("surveys:monitoring_sheet", programme, ORG_STAFF_A, ORG_STAFF_B),
    # The person's own questionnaires: the pupil and her parent, nobody else.
    Check("logins:surveys", listed, SIGNED_IN, secret=pupil_surname, sees={"own": THE_PUPIL, "other": frozenset()}),
    Check("logins:survey_answer", paper, THE_PUPIL, secret=pupil_surname),
    Check("logins:survey_answer", paper, THE_PUPIL, method="POST", data=answers),
]
