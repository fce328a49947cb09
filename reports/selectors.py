"""Which organizations sent their report up: for the summaries and for the municipality's page of whom to chase.
The caller decides whose organizations it may ask about (organizations_where); only numbers and dates follow."""

from django.db.models import OuterRef, Subquery

from reports.models import Report


def last_sent(org_ids) -> dict[int, Report]:
    """Organization id → its report sent last (by the moment of sending), for those that sent any."""
    latest = (Report.objects.filter(organization=OuterRef("organization"), status=Report.Status.SENT)
              .order_by("-sent_at", "-pk").values("pk")[:1])
    found = Report.objects.filter(organization__in=list(org_ids), status=Report.Status.SENT,
                                  pk=Subquery(latest)).select_related("organization")
    return {report.organization_id: report for report in found}


def sent_of_year(org_ids, year: int) -> dict[int, Report]:
    """Organization id → its report of the school year `year`, if it was sent."""
    found = Report.objects.filter(organization__in=list(org_ids), year=year, status=Report.Status.SENT)
    return {report.organization_id: report for report in found}
