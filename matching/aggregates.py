"""A run's result as numbers, for whoever may not read the names of its scope (a region's or a municipality's
specialist): suggestions and mentees left without a mentor per organization, and how many for each reason."""

from collections import Counter

from matching.engine import suggested_mentees
from people.models import Participant


def summary(result: dict | None) -> dict | None:
    """{matched, total_score, candidates, by_organization: [{organization, suggested, unmatched}],
    unmatched_by_reason: [{reason, mentees}]} — no name, no id of a person."""
    if result is None:
        return None
    suggested = suggested_mentees(result)
    unmatched = result.get("unmatched_mentees", [])
    where = dict(Participant.objects.filter(pk__in=[*suggested, *(m["id"] for m in unmatched)])
                 .values_list("pk", "organization__name"))
    rows: dict[str, dict] = {}
    for key, ids in (("suggested", suggested), ("unmatched", [m["id"] for m in unmatched])):
        for pk in ids:
            name = where.get(pk, "—")
            rows.setdefault(name, {"organization": name, "suggested": 0, "unmatched": 0})[key] += 1
    reasons = Counter(m["reason"] for m in unmatched)
    return {"matched": result.get("matched", 0), "total_score": result.get("total_score", 0),
            "candidates": result.get("candidates", 0),
            "by_organization": [rows[name] for name in sorted(rows)],
            "unmatched_by_reason": [{"reason": r, "mentees": n} for r, n in reasons.most_common()]}
