"""Authorization matrix rows of the home page (format: nastavnik/access_matrix.py)."""

from nastavnik.access_matrix import USERS, Check

CHECKS = [
    Check("home", lambda test, side: {} if side == "own" else None, frozenset(USERS) - {"anonymous"}),
]
