"""Individual plans of a few of the home school's pairs, through pairs.actions, by the people the
actions require: the mentor drafts, the mentee acknowledges, the curator approves."""

import datetime

from pairs import actions
from pairs.models import Pair


def make_plans(pairs: list[Pair], *, users: dict, today: datetime.date) -> None:
    """The story's group (first of `pairs`) gets an approved plan, its past items done but one left
    overdue; the next two pairs get drafts the curator wrote."""
    story, *others = pairs
    plan = actions.create_plan(story, actor=users["mentor"])
    start = story.start_date
    actions.acknowledge_plan(plan, actor=users["mentee"], on=min(start + datetime.timedelta(days=7), today))
    actions.approve_plan(plan, actor=users["curator"], on=min(start + datetime.timedelta(days=10), today))
    past = [item for item in plan.items.order_by("deadline") if item.deadline <= today]
    for item in past[:-1]:
        actions.mark_item_done(item, actor=users["mentor"], on=item.deadline, result="Выполнено, обсудили на встрече.")
    for pair in others[:2]:
        actions.create_plan(pair, actor=users["curator"])
