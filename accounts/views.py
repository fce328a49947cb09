"""The home page: one section for each role the user holds."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.models import Role, RoleAssignment
from accounts.scoping import CAPABILITIES
from meetings.overview import overdue_of
from organizations.models import Organization
from pairs import stats as pair_stats
from pairs.models import Pair, PairMentee
from people import stats
from people.models import Participant
from utilities import charts

ROLE_ORDER = list(Role)


def _coverage(counts: dict[str, int], mentees: int) -> dict:
    """Mentees with a mentor (approved or active pairs) and those only proposed, each with its share."""
    return {**counts, "share": charts.share(counts["with_mentor"], mentees),
            "proposed_share": charts.share(counts["proposed"], mentees)}


def _pairs_charts(user, organizations, totals: dict, coverage: dict[int, dict[str, int]]) -> dict:
    """The dashboards' charts: pairs and groups by state, and the share of mentees who have a mentor."""
    summed = {key: sum(c[key] for c in coverage.values()) for key in pair_stats.NO_COVERAGE}
    pairs = Pair.objects.counted_by(user).filter(organization__in=organizations)
    return {**_coverage(summed, totals["mentees"]), "pair_bars": charts.bars(pair_stats.status_counts(pairs))}


def _participants(assignment: RoleAssignment, organizations):
    return Participant.objects.counted_by(assignment.user).filter(organization__in=organizations)


def _territory(assignment: RoleAssignment, day) -> dict:
    """Region and municipality: counts per organization of the territory, never names."""
    organizations = list(
        Organization.objects.at_or_below(assignment.organization)
        .exclude(kind__in=Organization.TERRITORY_KINDS)
        .select_related("parent").order_by("parent__name", "name")
    )
    participants = _participants(assignment, organizations)
    counts = stats.totals_by_organization(participants, day)
    coverage = pair_stats.coverage_by_organization(participants)
    rows = []
    for organization in organizations:
        row = counts.get(organization.pk, stats.EMPTY_COUNTS)
        rows.append((organization, {**row, **_coverage(coverage.get(organization.pk, pair_stats.NO_COVERAGE),
                                                       row["mentees"])}))
    totals = stats.totals(participants, day)
    return {"template": "accounts/_home_territory.html", "rows": rows, "totals": totals,
            **_pairs_charts(assignment.user, organizations, totals, coverage),
            "show_municipality": assignment.organization.kind == Organization.Kind.REGION}


def _organization(assignment: RoleAssignment, day) -> dict:
    """Head, curator, psychologist: their organization's counts and shortcuts."""
    organizations = Organization.objects.at_or_below(assignment.organization)
    participants = _participants(assignment, organizations)
    counts = stats.totals(participants, day)
    coverage = pair_stats.coverage_by_organization(participants)
    pairs = Pair.objects.visible_to(assignment.user).filter(organization__in=organizations)
    return {"template": "accounts/_home_organization.html", "counts": counts,
            "overdue": overdue_of(pairs.select_related("mentor"), day),
            **_pairs_charts(assignment.user, organizations, counts, coverage),
            "can_manage": assignment.role in CAPABILITIES["manage_people"],
            "can_view_audit": assignment.role in CAPABILITIES["view_audit"]}


def _mentor(assignment: RoleAssignment, day) -> dict:
    mentees = PairMentee.objects.visible_to(assignment.user).live().filter(pair__mentor=assignment.participant).select_related("mentee", "pair")
    pairs = Pair.objects.visible_to(assignment.user).filter(mentor=assignment.participant).select_related("mentor")
    return {"template": "accounts/_home_mentor.html", "mentees": mentees,
            "overdue": overdue_of(pairs, day, {assignment.participant_id})}


def _person(assignment: RoleAssignment, day) -> dict:
    """Mentee and legal representative: the own or the child's record and its mentors."""
    pairs = PairMentee.objects.visible_to(assignment.user).live().filter(mentee=assignment.participant).select_related("pair__mentor", "pair__form")
    own = Pair.objects.visible_to(assignment.user).filter(pk__in=pairs.values("pair")).select_related("mentor")
    return {"template": "accounts/_home_person.html", "pairs": pairs,
            "overdue": overdue_of(own, day, {assignment.participant_id})}


SECTIONS = {
    Role.REGION_OPERATOR: _territory,
    Role.MUNICIPAL_SPECIALIST: _territory,
    Role.HEAD: _organization,
    Role.CURATOR: _organization,
    Role.PSYCHOLOGIST: _organization,
    Role.MENTOR: _mentor,
    Role.MENTEE: _person,
    Role.REPRESENTATIVE: _person,
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    assignments = sorted(
        request.user.roles.select_related("organization", "participant"),
        key=lambda a: (ROLE_ORDER.index(a.role), a.organization.name),
    )
    day = timezone.localdate()
    sections = [{"assignment": a, **SECTIONS[Role(a.role)](a, day)} for a in assignments]
    return render(request, "accounts/home.html", {"sections": sections})
