"""Authorization matrix rows of the meeting pages (format: testing/access_matrix.py). The pairs are those of the
pair rows (pairs/tests/access.py): own — Лебедев with school A's Кузнецова (mentee_a, parent_a), other — school B's."""

import datetime

from django.utils import timezone

from meetings.models import Meeting, MeetingPair
from pairs.models import PairStatus
from pairs.tests.access import MANAGERS_A, MANAGERS_B, PERSONAL_A, _pair
from testing.access_matrix import ORG_STAFF_A, ORG_STAFF_B, SEES_PUPILS, Check


def _working_pair(test, side):
    pair = _pair(test, side)
    if pair.status != PairStatus.ACTIVE:
        pair.status = PairStatus.ACTIVE
        pair.save(update_fields=["status"])
    return pair


def _meeting(test, side) -> Meeting:
    """A past introduction of the side's pair; its topic names the side."""
    pair = _working_pair(test, side)
    meeting = Meeting.objects.filter(meetingpair__pair=pair).first()
    if meeting is None:
        meeting = Meeting.objects.create(
            organization=pair.organization, kind=Meeting.Kind.INTRODUCTION, topic=f"Знакомство {side}-{pair.pk}",
            starts_at=timezone.make_aware(datetime.datetime(2026, 10, 2, 15)))
        MeetingPair.objects.create(meeting=meeting, pair=pair)
    return meeting


def meeting(test, side):
    return {"pk": _meeting(test, side).pk}


def topic(test, side):
    return _meeting(test, side).topic


def both_meetings(test, side):
    if side != "own":
        return None
    _meeting(test, "own")
    _meeting(test, "other")
    return {}


def pair(test, side):
    return {"pk": _working_pair(test, side).pk}


def new_meeting(test, side):
    return {"kind": "trial", "pairs": [_working_pair(test, side).pk], "starts_at": "2026-10-09T15:00",
            "duration_minutes": 45, "format": "in_person", "topic": "Пробная встреча"}


def record(test, side):
    return {"summary": "Познакомились, обсудили интересы."}


def feedback(test, side):
    return {"usefulness": 5, "comfort": 4, "progress": 4, "went_well": "Интересно"}


def only_own(test, side):
    return {} if side == "own" else None


PLANNERS = MANAGERS_A | MANAGERS_B

CHECKS = [
    Check("meetings:list", both_meetings, ORG_STAFF_A | ORG_STAFF_B | PERSONAL_A | {"mentor_a"}, secret=topic,
          sees=SEES_PUPILS),
    Check("meetings:create", only_own, PLANNERS, secret=topic, sees={"own": frozenset(), "other": frozenset()}),
    Check("meetings:create", only_own, PLANNERS, method="POST", data=new_meeting, secret=topic),
    Check("meetings:detail", meeting, ORG_STAFF_A | PERSONAL_A, ORG_STAFF_B, secret=topic),
    Check("meetings:record", meeting, MANAGERS_A, MANAGERS_B, secret=topic),
    Check("meetings:record", meeting, MANAGERS_A, MANAGERS_B, method="POST", data=record, secret=topic),
    Check("meetings:feedback", meeting, PERSONAL_A, secret=topic),
    Check("meetings:feedback", meeting, PERSONAL_A, method="POST", data=feedback, secret=topic),
    Check("meetings:pause", pair, MANAGERS_A, MANAGERS_B, secret=topic),
    Check("meetings:pause", pair, MANAGERS_A, MANAGERS_B, method="POST",
          data=lambda test, side: {"start": "2026-11-01", "reason": "Болезнь наставляемого"}, secret=topic),
]
