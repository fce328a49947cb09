"""A mentor's free places in the database: live mentees counted under a lock of the mentor's row.

Every action that gives a mentor mentees (propose, approve, replace) first locks the mentor's row and
the mentees' rows, so two transactions adding mentees to one mentor, or one mentee to two mentors,
run one after the other and the second counts what the first wrote (SELECT … FOR UPDATE on
PostgreSQL; SQLite allows one writer at a time anyway). Rows are always locked in id order, so two
actions locking the same people never wait for each other in a circle."""

from pairs.models import Pair, PairMentee
from people.models import Participant
from programmes.eligibility import remaining_capacity
from programmes.rules import mentee_limit_of


def lock_participants(ids) -> dict[int, Participant]:
    """The participants' rows, locked in id order until the end of the transaction, with what the limit needs."""
    return {p.pk: p for p in Participant.objects.select_for_update(of=("self",)).select_related(
        "organization", "mentor_profile").filter(pk__in=set(ids)).order_by("pk")}


def lock_mentor(mentor: Participant, mentees=()) -> Participant:
    """Lock the mentor and the mentees (by id order); the mentor's fresh row."""
    return lock_participants([mentor.pk, *(m.pk for m in mentees)])[mentor.pk]


def live_mentee_count(mentor: Participant, exclude_pair: Pair | None = None) -> int:
    """Mentees of the mentor's proposed, approved and active pairs (`exclude_pair` not counted)."""
    mentees = PairMentee.objects.live().filter(pair__mentor=mentor)
    if exclude_pair is not None:
        mentees = mentees.exclude(pair=exclude_pair)
    return mentees.count()


def free_places(mentor: Participant, exclude_pair: Pair | None = None) -> int:
    return int(remaining_capacity(mentee_limit_of(mentor), live_mentee_count(mentor, exclude_pair)))
