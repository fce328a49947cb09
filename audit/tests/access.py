"""Authorization matrix rows of the audit log page (format: testing/access_matrix.py)."""

from audit import log
from audit.models import AuditEntry
from testing.access_matrix import Check, pupil_surname

READERS = {"own": frozenset({"operator", "municipal_a", "head_a"}), "other": frozenset({"operator", "municipal_b"})}


def both_logs(test, side):
    """A change of each side's pupil in the log of its school."""
    if side != "own":
        return None
    for pupil, school in ((test.pupil_a, test.school_a), (test.pupil_b, test.school_b)):
        if not AuditEntry.objects.filter(participant=pupil).exists():
            log.record(actor=None, action=AuditEntry.Action.UPDATE, obj=pupil, organization=school, participant=pupil)
    return {}


CHECKS = [
    Check("audit:list", both_logs, READERS["own"] | READERS["other"], secret=pupil_surname, sees=READERS),
]
