"""The pairs' records as the deadline rules read them (deadlines.PairFacts), for many pairs in a fixed number of
queries. The caller scopes the pairs; what is read here follows them."""

import datetime
from collections import defaultdict

from django.db.models import Prefetch
from django.utils import timezone

from meetings import deadlines
from meetings.models import Holiday, MeetingPair, Pause, Report, Schedule
from pairs.models import MentorTerm, PairMentee, PairStatus, PlanItem

WORKING = (PairStatus.ACTIVE, PairStatus.COMPLETED, PairStatus.TERMINATED)


def facts_of(pairs) -> dict[int, deadlines.PairFacts]:
    """pair id → its facts, for the pairs of the queryset `pairs`."""
    pairs = list(pairs.prefetch_related(
        Prefetch("mentor_terms", queryset=MentorTerm.objects.order_by("started_on", "id"), to_attr="_terms"),
        Prefetch("mentees", queryset=PairMentee.objects.order_by("id"), to_attr="_mentees"),
        Prefetch("pauses", queryset=Pause.objects.order_by("start"), to_attr="_pauses"),
    ))
    ids = [pair.pk for pair in pairs]
    organizations = {pair.organization_id for pair in pairs}
    meetings, reports, items = defaultdict(list), defaultdict(set), defaultdict(list)
    for pair_id, starts_at in MeetingPair.objects.filter(pair__in=ids).values_list("pair", "meeting__starts_at"):
        meetings[pair_id].append(timezone.localtime(starts_at).date())
    for pair_id, key in Report.objects.filter(pair__in=ids).values_list("pair", "key"):
        reports[pair_id].add(key)
    for item in PlanItem.objects.filter(plan__pair__in=ids).values("plan__pair", "pk", "title", "deadline", "done"):
        items[item["plan__pair"]].append(deadlines.Item(item["pk"], item["title"], item["deadline"], item["done"]))
    holidays = defaultdict(list)
    for holiday in Holiday.objects.filter(organization__in=organizations):
        holidays[holiday.organization_id].append(deadlines.Span(holiday.start, holiday.end))
    periods = dict(Schedule.objects.filter(organization__in=organizations).values_list("organization", "period_days"))
    return {pair.pk: deadlines.PairFacts(
        active_from=pair.start_date if pair.status in WORKING else None,
        ended_on=pair.ended_on if pair.status in (PairStatus.COMPLETED, PairStatus.TERMINATED) else None,
        terms=tuple(deadlines.Term(t.mentor_id, t.started_on, t.ended_on) for t in pair._terms)
        or (deadlines.Term(pair.mentor_id, pair.start_date),),
        mentees=tuple(m.mentee_id for m in pair._mentees if m.left_on is None or (pair.ended_on and m.left_on >= pair.ended_on)),
        meetings=tuple(sorted(meetings[pair.pk])),
        reports=frozenset(reports[pair.pk]),
        items=tuple(items[pair.pk]),
        pauses=tuple(deadlines.Span(p.start, p.end) for p in pair._pauses),
        holidays=tuple(holidays[pair.organization_id]),
        period_days=periods.get(pair.organization_id, deadlines.DEFAULT_PERIOD_DAYS),
    ) for pair in pairs}


def deadlines_of(pairs, today: datetime.date) -> dict[int, list[deadlines.Deadline]]:
    return {pk: deadlines.deadlines(facts, today) for pk, facts in facts_of(pairs).items()}
