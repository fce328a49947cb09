"""Authorization matrix rows of the account API (format: testing/access_matrix.py)."""

from testing.access_matrix import SEES_PUPILS, USERS, Check, pupil_surname

CHECKS = [
    Check("/api/v1/me", lambda test, side: {} if side == "own" else None, frozenset(USERS) - {"anonymous"},
          secret=pupil_surname, sees=SEES_PUPILS),
]
