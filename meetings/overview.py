"""What the pages show of pairs' work: each pair's last meeting, next deadline, overdue items and feedback trend;
the overdue work of a person for the home page. Reads only; the caller scopes the pairs."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max

from meetings import deadlines
from meetings.facts import facts_of
from meetings.models import MeetingPair
from pairs.models import Pair


@dataclass
class PairRow:
    pair: Pair
    last_meeting: datetime.datetime | None
    next_deadline: deadlines.Deadline | None
    overdue: list[deadlines.Deadline]
    paused: bool
    pending: list[deadlines.Deadline] = field(default_factory=list)  # every open deadline, the earliest first
    scores: list[float] = field(default_factory=list)

    @property
    def falling(self) -> bool:
        return deadlines.falling(self.scores)

    @property
    def trend(self) -> str:
        return " → ".join(f"{s:.1f}".replace(".", ",") for s in self.scores[-4:])


def feedback_scores(feedback) -> dict[int, list[float]]:
    """pair id → the mean score of each of its meetings, in order (of the feedback the caller may see)."""
    by_meeting = defaultdict(list)
    for item in feedback.order_by("meeting__starts_at", "meeting_id"):
        by_meeting[(item.pair_id, item.meeting.starts_at, item.meeting_id)].append(item.score)
    scores = defaultdict(list)
    for (pair_id, _, _), values in sorted(by_meeting.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        scores[pair_id].append(sum(values) / len(values))
    return scores


def pair_rows(pairs, today: datetime.date, feedback=None) -> list[PairRow]:
    """One row per pair of the (scoped) queryset; `feedback` — the visible feedback, or None to leave the trend out."""
    pairs = list(pairs)
    ids = [p.pk for p in pairs]
    facts = facts_of(Pair.objects.filter(pk__in=ids))
    last = dict(MeetingPair.objects.filter(pair__in=ids, meeting__starts_at__date__lte=today)
                .values("pair").annotate(last=Max("meeting__starts_at")).values_list("pair", "last"))
    scores = feedback_scores(feedback.filter(pair__in=ids).select_related("meeting")) if feedback is not None else {}
    rows = []
    for pair in pairs:
        found = deadlines.deadlines(facts[pair.pk], today)
        rows.append(PairRow(pair, last.get(pair.pk), found[0] if found else None,
                            [d for d in found if d.overdue(today)], deadlines.is_paused(facts[pair.pk], today),
                            found, scores.get(pair.pk, [])))
    return rows


def falls_on(deadline: deadlines.Deadline, participants: set[int]) -> bool:
    """Whether the deadline is the work of one of `participants` (a mentor's, or a mentee's own report)."""
    return deadline.who != deadlines.CURATOR and deadline.participant in participants


def overdue_of(pairs, today: datetime.date, participants: set[int] | None = None) -> list[tuple[Pair, deadlines.Deadline]]:
    """The overdue work in the pairs: all of it (participants None, the curator), or that of these participants."""
    pairs = {p.pk: p for p in pairs}
    result = []
    for pk, facts in facts_of(Pair.objects.filter(pk__in=pairs)).items():
        for deadline in deadlines.overdue(facts, today):
            if participants is None or falls_on(deadline, participants):
                result.append((pairs[pk], deadline))
    return sorted(result, key=lambda pd: pd[1].due)


