"""Control points: at each date a territory's roadmap marks as one, how every roadmap of the organizations
directly below it stands — status, items due, done and overdue — in numbers, never names."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from organizations.models import Organization
from roadmaps import rules
from roadmaps.models import Item, Roadmap


@dataclass(frozen=True)
class Line:
    organization: Organization
    roadmap: Roadmap | None
    tally: rules.Tally | None


def control_dates(roadmap: Roadmap) -> list[datetime.date]:
    """The due dates of the items marked as control points, within the roadmap's period."""
    days = {datetime.date.fromisoformat(day)
            for due in roadmap.items.filter(control_point=True).values_list("due", flat=True) for day in due}
    return sorted(day for day in days if roadmap.starts_on <= day <= roadmap.ends_on)


def subordinate_roadmaps(roadmap: Roadmap) -> dict[Organization, Roadmap | None]:
    """Each organization directly below the roadmap's, with its roadmap overlapping the period (the latest)."""
    below = list(Organization.objects.filter(parent=roadmap.organization).exclude(kind=Organization.Kind.PARTNER)
                 .order_by("name"))
    roadmaps = {}
    for found in Roadmap.objects.filter(organization__in=below, starts_on__lte=roadmap.ends_on,
                                        ends_on__gte=roadmap.starts_on).order_by("starts_on", "pk"):
        roadmaps[found.organization_id] = found
    return {organization: roadmaps.get(organization.pk) for organization in below}


def at_control_points(roadmap: Roadmap, today: datetime.date) -> list[tuple[datetime.date, list[Line]]]:
    below = subordinate_roadmaps(roadmap)
    items = defaultdict(list)
    for roadmap_id, due_on, done_on, status in Item.objects.filter(
            roadmap__in=[r for r in below.values() if r]).values_list("roadmap", "due_on", "done_on", "status"):
        items[roadmap_id].append((due_on, done_on if status == Item.Status.DONE else None,
                                  status == Item.Status.CANCELLED))
    return [(day, [Line(organization, found, rules.tally(items[found.pk], day, today) if found else None)
                   for organization, found in below.items()]) for day in control_dates(roadmap)]
