"""Authorization matrix rows of the meetings API (format: testing/access_matrix.py); the meetings and pairs are
those of meetings/tests/access.py."""

from meetings.tests.access import MANAGERS_A, MANAGERS_B, ORG_STAFF, PERSONAL_A, _meeting, _working_pair, topic
from testing.access_matrix import ORG_STAFF_A, ORG_STAFF_B, SEES_PUPILS, Check

BASE = "/api/v1/meetings/"
M = BASE + "{meeting_id}"
VIEWERS_A = ORG_STAFF_A | PERSONAL_A


def meeting(test, side):
    return {"meeting_id": _meeting(test, side).pk}


def pair(test, side):
    return {"pair_id": _working_pair(test, side).pk}


def both(test, side):
    if side != "own":
        return None
    _meeting(test, "own")
    _meeting(test, "other")
    return {}


def new_meeting(test, side):
    return {"kind": "trial", "pairs": [_working_pair(test, "own").pk], "starts_at": "2026-10-09T15:00:00+03:00",
            "topic": "Пробная встреча"}


CHECKS = [
    Check(BASE, both, ORG_STAFF | PERSONAL_A | {"mentor_a"}, secret=topic, sees=SEES_PUPILS),
    Check(BASE, lambda test, side: {} if side == "own" else None, MANAGERS_A, method="POST", data=new_meeting,
          secret=topic),
    Check(M, meeting, VIEWERS_A, ORG_STAFF_B, secret=topic),
    Check(M + "/record", meeting, MANAGERS_A, MANAGERS_B, method="POST",
          data=lambda test, side: {"summary": "Познакомились"}, secret=topic),
    Check(M + "/feedback", meeting, VIEWERS_A, ORG_STAFF_B, secret=topic),
    Check(M + "/feedback", meeting, PERSONAL_A, method="POST",
          data=lambda test, side: {"usefulness": 5, "comfort": 5, "progress": 4}, secret=topic),
    Check(BASE + "pairs/{pair_id}/deadlines", pair, VIEWERS_A, ORG_STAFF_B, secret=topic),
]
