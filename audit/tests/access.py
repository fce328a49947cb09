"""Authorization matrix rows of the audit log page (format: nastavnik/access_matrix.py)."""

from nastavnik.access_matrix import Check

CHECKS = [
    Check("audit:list", lambda test, side: {} if side == "own" else None,
          frozenset({"operator", "municipal_a", "municipal_b", "head_a"})),
]
