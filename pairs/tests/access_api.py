"""Authorization matrix rows of the pairs API (format: testing/access_matrix.py).

The own and the other pair are those of pairs/tests/access.py; each row first puts its pair into the state
the endpoint needs (a row's request is rolled back, its preparation is not)."""

import datetime

from pairs.models import IndividualPlan, Pair, PairChange, PairStatus, PlanItem
from pairs.tests.access import MANAGERS_A, MANAGERS_B, PERSONAL_A, _pair, both_pairs, mentee_surname
from people.models import Participant
from testing.access_matrix import ORG_STAFF_A, ORG_STAFF_B, SEES_PUPILS, Check
from testing.fixtures import make_participant

BASE = "/api/v1/pairs/"
P = BASE + "{pair_id}"
VIEWERS_A, VIEWERS_B = ORG_STAFF_A | PERSONAL_A, ORG_STAFF_B


def _school(test, side):
    return test.school_a if side == "own" else test.school_b


def _person(test, side, last_name: str, **values) -> Participant:
    school = _school(test, side)
    return Participant.objects.filter(organization=school, last_name=last_name).first() or make_participant(
        school, last_name, **values)


def in_state(status: str, plan: str | None = None, with_item: bool = False):
    """The side's pair in `status`, with no pending change, without a plan (plan=None) or with one in the
    `plan` state."""

    def args(test, side):
        pair = _pair(test, side)
        Pair.objects.filter(pk=pair.pk).update(status=status)
        pair.changes.filter(status=PairChange.Status.PENDING).delete()
        IndividualPlan.objects.filter(pair=pair).exclude(status=plan or "").delete()
        kwargs = {"pair_id": pair.pk}
        if plan:
            own_plan, _ = IndividualPlan.objects.get_or_create(pair=pair, defaults={"status": plan})
            item = own_plan.items.first() or PlanItem.objects.create(
                plan=own_plan, section="Цели развития", title="Определение целей", responsible="наставник",
                deadline=datetime.date(2026, 11, 1))
            if with_item:
                kwargs["item_id"] = item.pk
        return kwargs

    return args


def side_of(test, side):
    return {}


def new_pair(test, side):
    mentor = test.pupil_mentor_a if side == "own" else _person(test, side, "Зайцев", is_mentor=True, is_mentee=False,
                                                                grade=11, birth_date=datetime.date(2009, 2, 2))
    mentee = _person(test, side, "Новикова", grade=5)
    return {"organization": _school(test, side).code, "form": "pupil_pupil", "mentor": mentor.pk,
            "mentees": [mentee.pk], "start_date": "2026-12-01", "planned_end_date": "2027-05-31"}


def replacement(test, side):
    mentor = _person(test, side, "Морозов", is_mentor=True, is_mentee=False, grade=11,
                     birth_date=datetime.date(2009, 3, 3))
    return {"reason": "mentor_request", "new_mentor": mentor.pk, "on": "2027-01-15"}


def day(test, side):
    return {"on": "2027-01-15"}


def termination(test, side):
    return {"on": "2027-01-15", "reason": "Наставляемый не выполняет свои обязанности."}


def extension(test, side):
    return {"reason": "illness", "new_end_date": "2027-06-30"}


def item(test, side):
    return {"section": "Образовательная траектория", "title": "Участие в олимпиаде", "deadline": "2027-03-01",
            "responsible": "наставляемый"}


def done(test, side):
    return {"on": "2027-01-15", "result": "Цели записаны"}


def _post(route, args, data=None, own=MANAGERS_A, other=MANAGERS_B):
    return Check(route, args, own, other, method="POST", data=data, secret=mentee_surname)


APPROVED, ACTIVE, PROPOSED = in_state(PairStatus.APPROVED), in_state(PairStatus.ACTIVE), in_state(PairStatus.PROPOSED)
CHECKS = [
    Check(BASE, both_pairs, ORG_STAFF_A | ORG_STAFF_B | PERSONAL_A | {"mentor_a"},
          secret=mentee_surname, sees=SEES_PUPILS),
    Check(BASE, side_of, MANAGERS_A, MANAGERS_B, method="POST", data=new_pair),
    Check(P, PROPOSED, VIEWERS_A, VIEWERS_B, secret=mentee_surname),
    _post(P + "/start", APPROVED),
    _post(P + "/complete", ACTIVE, day),
    _post(P + "/terminate", ACTIVE, termination),
    Check(P + "/changes", APPROVED, VIEWERS_A, VIEWERS_B, secret=mentee_surname),
    _post(P + "/extension", APPROVED, extension),
    _post(P + "/replacement", ACTIVE, replacement),
    _post(P + "/plan", APPROVED),
    Check(P + "/plan", in_state(PairStatus.APPROVED, IndividualPlan.Status.DRAFT), VIEWERS_A, VIEWERS_B,
          secret=mentee_surname),
    _post(P + "/plan/items", in_state(PairStatus.APPROVED, IndividualPlan.Status.DRAFT), item),
    _post(P + "/plan/items/{item_id}/done", in_state(PairStatus.ACTIVE, IndividualPlan.Status.APPROVED, True), done),
    _post(P + "/plan/acknowledge", in_state(PairStatus.APPROVED, IndividualPlan.Status.DRAFT), day,
          own=frozenset({"mentee_a"}), other=frozenset()),
    _post(P + "/plan/approve", in_state(PairStatus.APPROVED, IndividualPlan.Status.ACKNOWLEDGED), day),
    # The last row leaves both pairs as pairs/tests/access.py made them: proposed, without a plan.
    Check(P + "/changes", PROPOSED, VIEWERS_A, VIEWERS_B, secret=mentee_surname),
]
