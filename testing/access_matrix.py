"""The authorization matrix: every page, export and API endpoint × every role × own/other organization.

Each app lists its endpoints in `<app>/tests/access.py` as `CHECKS: list[Check]`; the test in
`testing/tests/test_authorization_matrix.py` runs them all against `RegionTestCase`, and a meta-test
fails when a URL name or an API route has no `Check`. «own» objects belong to school A (the users
named `*_a` work there), «other» objects to school B in another municipality.

A *list* is a GET whose other side has no arguments of its own (or the same ones): one address shows
the rows of both sides. Its `secret(test, side)` is evaluated for both sides, and the answer of every
user must not contain the secret of a side that the user is not in `sees[side]` of (nor, when the user
may not open the list at all, of any side).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

# Every user of RegionTestCase the matrix tries, plus "anonymous".
USERS = ("operator", "municipal_a", "municipal_b", "head_a", "curator_a", "curator_b", "psychologist_a",
         "mentor_a", "mentee_a", "parent_a", "stranger", "anonymous")
REGION_STAFF_A = frozenset({"operator", "municipal_a", "head_a", "curator_a", "psychologist_a"})
REGION_STAFF_B = frozenset({"operator", "municipal_b", "curator_b"})
# Who may read the named records of school A's or school B's people: the organization's own staff only.
ORG_STAFF_A = frozenset({"head_a", "curator_a", "psychologist_a"})
ORG_STAFF_B = frozenset({"curator_b"})
# Roles held at the region or a municipality: numbers, never names.
TERRITORIAL = frozenset({"operator", "municipal_a", "municipal_b"})

SIDES = ("own", "other")
# Who may see each side's pupil (school A's Кузнецова, school B's Попов): the school's own staff,
# the pupil herself and her parent.
SEES_PUPILS: Mapping[str, frozenset[str]] = {"own": ORG_STAFF_A | {"mentee_a", "parent_a"},
                                             "other": ORG_STAFF_B}
# Who may see each side's organization and what only its staff see (orders, its name in choices).
# What nobody may see in a list (a pupil in the counts of the summary or the base of adult mentors).
NOBODY: Mapping[str, frozenset[str]] = {"own": frozenset(), "other": frozenset()}
SEES_STAFF: Mapping[str, frozenset[str]] = {"own": REGION_STAFF_A, "other": REGION_STAFF_B}


def pupil_surname(test, side) -> str:
    return (test.pupil_a if side == "own" else test.pupil_b).last_name


def school_name(test, side) -> str:
    return (test.school_a if side == "own" else test.school_b).name


@dataclass(frozen=True)
class Check:
    """One endpoint. `route` is a URL name ("people:detail") or an API path template
    ("/api/v1/participants/{pk}"); `args(test, side)` gives its kwargs for side "own" or "other"
    (return None when the endpoint has no such side). `own`/`other` are the users allowed there;
    everyone else must get 302 to log-in (anonymous on pages), 401 (anonymous on the API), 403 or 404."""

    route: str
    args: Callable[..., dict | None]
    own: frozenset[str]
    other: frozenset[str] = field(default_factory=frozenset)
    method: str = "GET"
    data: Callable[..., dict] | None = None
    # Text that must never appear in a denied response (e.g. the other school's pupil's surname).
    secret: Callable[..., str] | None = None
    # On a list: who may see each side's rows (see the module's docstring); every list has it and a secret.
    sees: Mapping[str, frozenset[str]] | None = None

    def is_list(self, sides: Mapping[str, dict | None]) -> bool:
        return self.method == "GET" and sides["other"] in (None, sides["own"])
