"""Control points: at each date a territory's roadmap marks as one, how every roadmap of the organizations
directly below it stands — status, items due, done and overdue — in numbers, never names. And the chasing page
of a territory: each organization directly below it in one row of numbers, read with a fixed number of queries
however many organizations there are."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q

from accounts.models import Role, RoleAssignment
from meetings.models import Reminder
from monitoring import counting, indicators
from organizations.models import Organization
from programmes import stages
from programmes.models import Programme, ProgrammeStage
from reports.models import Report
from reports.selectors import last_sent
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
    roadmaps = roadmaps_over(below, roadmap.starts_on, roadmap.ends_on)
    return {organization: roadmaps.get(organization.pk) for organization in below}


def roadmaps_over(organizations, starts_on: datetime.date, ends_on: datetime.date) -> dict[int, Roadmap]:
    """Organization id → its roadmap overlapping the period (the latest to start)."""
    roadmaps = {}
    for found in Roadmap.objects.filter(organization__in=organizations, starts_on__lte=ends_on,
                                        ends_on__gte=starts_on).order_by("starts_on", "pk"):
        roadmaps[found.organization_id] = found
    return roadmaps


def at_control_points(roadmap: Roadmap, today: datetime.date) -> list[tuple[datetime.date, list[Line]]]:
    below = subordinate_roadmaps(roadmap)
    items = defaultdict(list)
    for roadmap_id, due_on, done_on, status in Item.objects.filter(
            roadmap__in=[r for r in below.values() if r]).values_list("roadmap", "due_on", "done_on", "status"):
        items[roadmap_id].append((due_on, done_on if status == Item.Status.DONE else None,
                                  status == Item.Status.CANCELLED))
    return [(day, [Line(organization, found, rules.tally(items[found.pk], day, today) if found else None)
                   for organization, found in below.items()]) for day in control_dates(roadmap)]


# Chasing the organizations below a territory

def responsible_role(organization: Organization) -> Role:
    """Whom «Напомнить» writes to: a municipality's specialists, an organization's curators."""
    return Role.MUNICIPAL_SPECIALIST if organization.kind == Organization.Kind.MUNICIPALITY else Role.CURATOR


def responsible(organizations):
    """The role assignments of the active users with an e-mail address who answer for the organizations."""
    by_role = defaultdict(list)
    for organization in organizations:
        by_role[responsible_role(organization)].append(organization.pk)
    which = Q(pk__in=[])
    for role, ids in by_role.items():
        which |= Q(role=role, organization__in=ids)
    return RoleAssignment.objects.filter(which, user__is_active=True).exclude(user__email="")


def reminder_key(organization: Organization, day: datetime.date) -> str:
    """The key of the day's «Напомнить» of an organization among the reminders sent (meetings.Reminder)."""
    return f"organization:{organization.pk}:{day.isoformat()}"


def reminded(organizations, day: datetime.date) -> set[int]:
    """The ids of the organizations reminded on `day`."""
    keys = {reminder_key(organization, day): organization.pk for organization in organizations}
    sent = Reminder.objects.filter(stage=Reminder.Stage.CHASING, key__in=keys).values_list("key", flat=True)
    return {keys[key] for key in sent}


@dataclass(frozen=True)
class Standing:
    """An organization below a territory, in numbers: what its specialist chases it about."""

    organization: Organization
    implementing: indicators.Value  # monitoring's «organizations_implementing», of this organization alone
    programme: Programme | None  # of the current school year
    stage: ProgrammeStage | None  # the first stage not completed; None when there is no programme or it is through
    roadmap: Roadmap | None  # overlapping the current school year
    overdue: int
    last_report: Report | None
    values: list[indicators.Value]
    recipients: int
    reminded: bool  # today

    @property
    def behind(self) -> list[indicators.Value]:
        return [v for v in self.values if v.status == indicators.BEHIND]

    @property
    def on_track(self) -> int:
        return sum(v.status == indicators.ON_TRACK for v in self.values)

    @property
    def lagging(self) -> bool:
        """«Отстающие»: no approved roadmap, items overdue or an indicator below its target."""
        return (self.roadmap is None or self.roadmap.status != Roadmap.Status.APPROVED or self.overdue > 0
                or bool(self.behind))


def standings(territory: Organization, today: datetime.date) -> list[Standing]:
    """Every organization directly below `territory` (not partners), by name."""
    report = counting.report(territory, today)
    organizations = [organization for organization, _ in report.rows]
    year = stages.school_year_of(today)
    roadmaps = roadmaps_over(organizations, *stages.school_year_bounds(year))
    overdue = dict(Item.objects.filter(roadmap__in=list(roadmaps.values())).overdue(today).order_by()
                   .values("roadmap").annotate(n=Count("pk")).values_list("roadmap", "n"))
    programmes = {p.organization_id: p for p in Programme.objects.filter(organization__in=organizations, year=year)
                  .prefetch_related("stages")}
    recipients = dict(responsible(organizations).order_by().values("organization")
                      .annotate(n=Count("user", distinct=True)).values_list("organization", "n"))
    reminded_today = reminded(organizations, today)
    reports = last_sent([o.pk for o in organizations])
    result = []
    for organization, values in report.rows:
        programme, roadmap = programmes.get(organization.pk), roadmaps.get(organization.pk)
        stage = next((s for s in programme.stages.all() if s.state != stages.COMPLETED), None) if programme else None
        result.append(Standing(
            organization, next(v for v in values if v.code == "organizations_implementing"), programme, stage,
            roadmap, overdue.get(roadmap.pk, 0) if roadmap else 0, reports.get(organization.pk), values,
            recipients.get(organization.pk, 0), organization.pk in reminded_today))
    return result
