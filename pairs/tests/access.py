"""Authorization matrix rows of the pair pages (format: testing/access_matrix.py)."""

import datetime

from pairs import actions
from pairs.models import IndividualPlan, Pair, PairChange, PairMentee
from people.models import Participant
from testing.access_matrix import NOBODY, ORG_STAFF_A, ORG_STAFF_B, SEES_PUPILS, TERRITORIAL, Check, pupil_surname
from testing.fixtures import make_participant

# The pupil of mentee_a and parent_a is in the own pair; its mentor is not mentor_a, so that the rows of
# other apps (what mentor_a sees of pupils) do not change.
PERSONAL_A = frozenset({"mentee_a", "parent_a"})
MANAGERS_A = frozenset({"head_a", "curator_a"})
MANAGERS_B = frozenset({"curator_b"})


def _mentor(test, school, last_name: str) -> Participant:
    return Participant.objects.filter(organization=school, last_name=last_name).first() or make_participant(
        # 10th class: an extension past 31 May stays before the mentor's leaving.
        school, last_name, is_mentor=True, is_mentee=False, grade=10, birth_date=datetime.date(2010, 4, 4))


def _pair(test, side) -> Pair:
    """Own: the mentor Лебедев with the pupil Кузнецова (school A); other: Васильев with Попов (school B)."""
    if side == "own":
        mentor, mentee = _mentor(test, test.school_a, "Лебедев"), test.pupil_a
    else:
        mentor, mentee = _mentor(test, test.school_b, "Васильев"), test.pupil_b
    pair = Pair.objects.filter(mentor=mentor).first()
    if pair is None:
        pair = Pair.objects.create(organization=mentor.organization, form=test.pupil_pupil, mentor=mentor,
                                   start_date=datetime.date(2026, 10, 1), planned_end_date=datetime.date(2027, 5, 31))
        PairMentee.objects.create(pair=pair, mentee=mentee)
    return pair


def both_pairs(test, side):
    if side != "own":
        return None
    _pair(test, "own")
    _pair(test, "other")
    return {}


def pair(test, side):
    return {"pk": _pair(test, side).pk}


def mentee_surname(test, side):
    return _pair(test, side).mentees.get().mentee.last_name


def only_own(test, side):
    return {} if side == "own" else None


def new_pair(test, side):
    """A pair of school A that its managers may propose; school B's curator gets the form back with errors."""
    mentee = Participant.objects.filter(organization=test.school_a, last_name="Новикова").first() or make_participant(
        test.school_a, "Новикова", grade=5)
    return {"organization": test.school_a.pk, "form": test.pupil_pupil.pk, "start_date": "2026-12-01",
            "planned_end_date": "2027-05-31", "kind": "traditional", "mentor": test.pupil_mentor_a.pk,
            "mentees": [mentee.pk]}


def change(test, side):
    """A pending extension of the pair of the side."""
    extension, _ = PairChange.objects.get_or_create(pair=_pair(test, side), kind=PairChange.Kind.EXTENSION, defaults={
        "reason": PairChange.Reason.ILLNESS, "new_end_date": datetime.date(2027, 6, 30)})
    return {"pk": extension.pk}


def _plan(test, side) -> IndividualPlan:
    pair = _pair(test, side)
    manager = test.head_a if side == "own" else test.curator_b
    return IndividualPlan.objects.filter(pair=pair).first() or actions.create_plan(pair, actor=manager)


def plan(test, side):
    return {"pk": _plan(test, side).pair_id}


def plan_item(test, side):
    return {"pk": _plan(test, side).items.first().pk}


def new_item(test, side):
    return {"section": "Цели развития", "title": "Олимпиада", "deadline": "2027-02-01", "responsible": "наставник"}


def item_done(test, side):
    return {f"item-{plan_item(test, side)['pk']}-on": "2027-02-01"}


def termination(test, side):
    return {"on": "2027-01-15", "reason": "Наставляемый не выполняет свои обязанности."}


def _managed(route, data=None):
    """A page of the pair's managers and its submission: school A's for the own pair, school B's for the other."""
    return [Check(route, pair, MANAGERS_A, MANAGERS_B, secret=mentee_surname),
            Check(route, pair, MANAGERS_A, MANAGERS_B, method="POST", data=data, secret=mentee_surname)]


CHECKS = [
    Check("pairs:list", both_pairs, ORG_STAFF_A | ORG_STAFF_B | PERSONAL_A | {"mentor_a"},
          secret=mentee_surname, sees=SEES_PUPILS),
    Check("pairs:detail", pair, ORG_STAFF_A | PERSONAL_A, ORG_STAFF_B, secret=mentee_surname),
    Check("pairs:summary", only_own, TERRITORIAL, secret=pupil_surname, sees=NOBODY),
    Check("pairs:create", only_own, MANAGERS_A | MANAGERS_B, secret=pupil_surname, sees=SEES_PUPILS),
    Check("pairs:create", only_own, MANAGERS_A | MANAGERS_B, method="POST", data=new_pair),
    *_managed("pairs:start"),
    *_managed("pairs:complete", lambda test, side: {"on": "2027-05-20"}),
    *_managed("pairs:terminate", termination),
    *_managed("pairs:extend", lambda test, side: {"reason": "illness", "new_end_date": "2027-06-30"}),
    *_managed("pairs:replace_mentor", lambda test, side: {"reason": "transfer", "on": "2026-12-01"}),
    Check("pairs:change_cancel", change, MANAGERS_A, MANAGERS_B, method="POST", secret=mentee_surname),
    Check("pairs:plan", pair, ORG_STAFF_A | PERSONAL_A, ORG_STAFF_B, secret=mentee_surname),
    Check("pairs:plan_create", pair, MANAGERS_A, MANAGERS_B, method="POST", secret=mentee_surname),
    Check("pairs:plan_item_add", plan, MANAGERS_A, MANAGERS_B, method="POST", data=new_item, secret=mentee_surname),
    Check("pairs:plan_item_done", plan_item, MANAGERS_A, MANAGERS_B, method="POST", data=item_done,
          secret=mentee_surname),
    Check("pairs:plan_acknowledge", plan, frozenset({"mentee_a"}), method="POST", secret=mentee_surname),
    Check("pairs:plan_approve", plan, MANAGERS_A, MANAGERS_B, method="POST", secret=mentee_surname),
    # The pairs export of the documents app is here, where its pairs are made: made earlier, they would
    # take the mentees that the matching rows pair.
    Check("documents:pairs_xlsx", only_own, ORG_STAFF_A | ORG_STAFF_B, secret=mentee_surname,
          sees=SEES_PUPILS),
]
