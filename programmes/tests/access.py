"""Authorization matrix rows of the programme pages (format: testing/access_matrix.py)."""

import datetime

from programmes import actions
from programmes.models import Programme, StageDocument
from testing.access_matrix import REGION_STAFF_A, REGION_STAFF_B, SEES_STAFF, Check, school_name

MANAGERS_A = frozenset({"head_a", "curator_a"})
MANAGERS_B = frozenset({"curator_b"})
GOALS = {"own": "Цель программы школы А", "other": "Цель программы школы Б"}


def only_own(test, side):
    return {} if side == "own" else None


def _programme(test, side) -> Programme:
    school, curator = (test.school_a, test.curator_a) if side == "own" else (test.school_b, test.curator_b)
    return Programme.objects.filter(organization=school, year=2026).first() or actions.create_programme(
        organization=school, year=2026, forms=[test.pupil_pupil], goal=GOALS[side], actor=curator)


def organization(test, side):
    return {"organization": _programme(test, side).organization_id}


def programme(test, side):
    return {"pk": _programme(test, side).pk}


def stage(test, side):
    return {"pk": _programme(test, side).stages.get(number=1).pk}


def document(test, side):
    owner = _programme(test, side)
    found = StageDocument.objects.filter(stage__programme=owner).first()
    return {"pk": (found or actions.record_stage_document(owner, kind="regulation", number="1",
                                                          dated=datetime.date(2026, 9, 1), actor=None)).pk}


def goal(test, side):
    return GOALS[side]


def new_programme(test, side):
    return {"year": 2027, "forms": [test.pupil_pupil.pk], "goal": "Новая программа"}


def edited(test, side):
    return {"forms": [test.pupil_pupil.pk], "goal": GOALS[side]}


def calendar(test, side):
    return {"form-TOTAL_FORMS": 1, "form-INITIAL_FORMS": 0, "form-0-event": "Педсовет", "form-0-due_text": "сентябрь"}


def stage_document(test, side):
    return {"kind": "roadmap", "number": "2", "dated": "2026-09-02"}


def _both(route, args, data):
    return [Check(route, args, MANAGERS_A, MANAGERS_B, secret=goal),
            Check(route, args, MANAGERS_A, MANAGERS_B, method="POST", data=data, secret=goal)]


CHECKS = [
    Check("programmes:index", only_own, REGION_STAFF_A | REGION_STAFF_B, secret=school_name, sees=SEES_STAFF),
    Check("programmes:organization", organization, REGION_STAFF_A, REGION_STAFF_B, secret=goal),
    *_both("programmes:create", organization, new_programme),
    *_both("programmes:edit", programme, edited),
    *_both("programmes:calendar", programme, calendar),
    *_both("programmes:document_create", programme, stage_document),
    Check("programmes:document_remove", document, MANAGERS_A, MANAGERS_B, method="POST", secret=goal),
    Check("programmes:stage_start", stage, MANAGERS_A, MANAGERS_B, method="POST", secret=goal),
    Check("programmes:stage_complete", stage, MANAGERS_A, MANAGERS_B, method="POST", secret=goal),
]
