"""Aggregate counts of pairs for the home dashboards: numbers, never names."""

from django.db.models import Count, Exists, OuterRef, Q

from pairs.models import PairMentee, PairStatus


def status_counts(pairs) -> list[tuple[str, int]]:
    """(state label, number of pairs and groups) for every state in the life order, one query."""
    counts = dict(pairs.order_by().values_list("status").annotate(n=Count("pk")))
    return [(status.label, counts.get(status.value, 0)) for status in PairStatus]


def status_counts_by(pairs, key: str) -> list[tuple[str, list[int], int]]:
    """(value of `key`, [pairs and groups in each state, in the life order], total) per value, one query."""
    table: dict[str, dict[str, int]] = {}
    for value, status, n in pairs.order_by().values_list(key, "status").annotate(n=Count("pk")):
        table.setdefault(value, {})[status] = n
    return [(value, [row.get(s.value, 0) for s in PairStatus], sum(row.values()))
            for value, row in sorted(table.items())]


# A mentee has a mentor once the order fixed the pair; a proposed pair is only a suggestion.
WITH_MENTOR = (PairStatus.APPROVED, PairStatus.ACTIVE)
NO_COVERAGE = {"with_mentor": 0, "proposed": 0}


def _in_pairs(statuses) -> Exists:
    return Exists(PairMentee.objects.filter(pair__status__in=statuses, left_on__isnull=True, mentee=OuterRef("pk")))


def coverage_by_organization(participants) -> dict[int, dict[str, int]]:
    """Organization id → its mentees with a mentor (in an approved or active pair) and those only in a
    proposed pair, one query."""
    fixed, proposed = _in_pairs(WITH_MENTOR), _in_pairs([PairStatus.PROPOSED])
    rows = (participants.order_by().filter(is_mentee=True).values("organization")
            .annotate(with_mentor=Count("pk", filter=Q(fixed)), proposed=Count("pk", filter=Q(proposed) & ~Q(fixed))))
    return {row["organization"]: {"with_mentor": row["with_mentor"], "proposed": row["proposed"]} for row in rows}
