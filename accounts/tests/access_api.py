"""Authorization matrix rows of the account API (format: nastavnik/access_matrix.py)."""

from nastavnik.access_matrix import USERS, Check

CHECKS = [
    Check("/api/v1/me", lambda test, side: {} if side == "own" else None, frozenset(USERS) - {"anonymous"}),
]
