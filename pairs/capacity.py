"""A mentor's free places in the database: live mentees counted under a lock of the mentor's row.

Every action that gives a mentor mentees (propose, approve, replace) first calls `lock_mentor`, so two
transactions adding mentees to one mentor run one after the other and the second counts what the
first wrote (SELECT … FOR UPDATE on PostgreSQL; SQLite allows one writer at a time anyway)."""

from pairs.models import Pair, PairMentee
from people.models import Participant
from programmes.eligibility import remaining_capacity
from programmes.rules import mentor_limit


def lock_mentor(mentor: Participant) -> Participant:
    """The mentor's row, locked until the end of the transaction, with what the limit needs."""
    return Participant.objects.select_for_update(of=("self",)).select_related(
        "organization", "mentor_profile").get(pk=mentor.pk)


def live_mentee_count(mentor: Participant, exclude_pair: Pair | None = None) -> int:
    """Mentees of the mentor's proposed, approved and active pairs (`exclude_pair` not counted)."""
    mentees = PairMentee.objects.live().filter(pair__mentor=mentor)
    if exclude_pair is not None:
        mentees = mentees.exclude(pair=exclude_pair)
    return mentees.count()


def free_places(mentor: Participant, exclude_pair: Pair | None = None) -> int:
    return int(remaining_capacity(mentor_limit(mentor), live_mentee_count(mentor, exclude_pair)))
