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


def mentees_with_mentor_by_organization(participants) -> dict[int, int]:
    """Organization id → its mentees who are in a live pair (proposed, approved or active), one query."""
    in_pair = Exists(PairMentee.objects.live().filter(mentee=OuterRef("pk")))
    rows = (participants.order_by().filter(is_mentee=True).values("organization")
            .annotate(n=Count("pk", filter=Q(in_pair))))
    return {row["organization"]: row["n"] for row in rows}
