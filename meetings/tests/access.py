"""Authorization matrix rows of the meeting pages (format: testing/access_matrix.py). The pairs are those of the
pair rows (pairs/tests/access.py): own — Лебедев with school A's Кузнецова (mentee_a, parent_a), other — school B's."""

import datetime

from django.utils import timezone

from meetings import actions
from meetings.models import Meeting, MeetingPair, Report
from pairs.models import PairStatus
from pairs.tests.access import MANAGERS_A, MANAGERS_B, PERSONAL_A, _pair, mentee_surname
from testing.access_matrix import NOBODY, ORG_STAFF_A, ORG_STAFF_B, SEES_PUPILS, USERS, Check


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


def _report(test, side) -> Report:
    pair = _working_pair(test, side)
    return Report.objects.filter(pair=pair).first() or Report.objects.create(
        pair=pair, kind=Report.Kind.MONTHLY, key="monthly_report:2026-10", author=pair.mentor,
        answers={"done": f"Отчёт {side}-{pair.pk}"}, submitted_on=datetime.date(2026, 11, 2))


def report(test, side):
    return {"pk": _report(test, side).pk}


def interview(test, side):
    return {"pk": _working_pair(test, side).pk, "kind": "final_interview"}


def feed(test, side):
    """mentee_a's feed: whoever holds the address reads it, and it never shows school B's meeting."""
    if side != "own":
        return None
    both_meetings(test, side)
    return {"token": actions.renew_calendar(test.mentee_a)}


PLANNERS = MANAGERS_A | MANAGERS_B
ORG_STAFF = ORG_STAFF_A | ORG_STAFF_B
PEOPLE = ORG_STAFF | PERSONAL_A | {"mentor_a"}
STAFF_SEES = {"own": ORG_STAFF_A, "other": ORG_STAFF_B}

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
    Check("meetings:pair", pair, ORG_STAFF_A | PERSONAL_A, ORG_STAFF_B, secret=mentee_surname),
    Check("meetings:report_create", interview, MANAGERS_A, MANAGERS_B, secret=mentee_surname),
    Check("meetings:report_create", interview, MANAGERS_A, MANAGERS_B, method="POST",
          data=lambda test, side: {"impressions": "Хорошо", "achievements": "Олимпиада"}, secret=mentee_surname),
    Check("meetings:report", report, ORG_STAFF_A | PERSONAL_A, ORG_STAFF_B, secret=mentee_surname),
    Check("meetings:report_docx", report, ORG_STAFF_A | PERSONAL_A, ORG_STAFF_B),
    Check("meetings:report_approve", report, frozenset({"head_a"}), method="POST", secret=mentee_surname),
    Check("meetings:control", both_meetings, ORG_STAFF, secret=mentee_surname, sees=STAFF_SEES),
    Check("meetings:control_xlsx", both_meetings, ORG_STAFF, secret=mentee_surname, sees=STAFF_SEES),
    Check("meetings:week", both_meetings, ORG_STAFF, data=lambda test, side: {"day": "2026-10-02"}, secret=topic,
          sees=STAFF_SEES),
    Check("meetings:schedule", only_own, MANAGERS_A | MANAGERS_B, secret=topic, sees=NOBODY),
    Check("meetings:schedule", only_own, MANAGERS_A | MANAGERS_B, method="POST",
          data=lambda test, side: {"period_days": 10}),
    Check("meetings:calendar", only_own, PEOPLE, secret=topic, sees=NOBODY),
    Check("meetings:calendar", only_own, PEOPLE, method="POST", secret=topic),
    Check("meetings:feed", feed, frozenset(USERS), secret=topic,
          sees={"own": frozenset(USERS), "other": frozenset()}),
]
