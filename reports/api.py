"""Reports: the list the user sees (the own organization's, drafts too, and those sent up from below) with the
indicators each holds — numbers only, the same scoping as the pages."""

import datetime

from django.core.exceptions import PermissionDenied
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from typing_extensions import TypeAliasType

from accounts.scoping import may_anywhere
from reports.models import Report
from utilities.api_errors import errors
from utilities.api_input import InputSchema
from utilities.api_paging import Paging

router = Router(tags=["Отчёты"])

ReportStatus = TypeAliasType("ReportStatus", Report.Status)


class ReportIndicatorOut(Schema):
    code: str
    numerator: int | None
    denominator: int | None
    value: float | None
    target: float | None


class ReportOut(Schema):
    id: int
    organization: str = Field(alias="organization.code")
    title: str
    year: int = Field(description="Учебный год по году начала: 2026 — это 2026/2027")
    day: datetime.date = Field(description="Показатели на дату")
    status: ReportStatus
    sent_at: datetime.datetime | None
    indicators: list[ReportIndicatorOut]

    @staticmethod
    def resolve_indicators(report) -> list[dict]:
        return report.figures.get("indicators", [])


class ReportFilterIn(InputSchema):
    organization: str | None = Field(None, description="Код организации")
    year: int | None = Field(None, ge=2000, le=2100)
    status: ReportStatus | None = None


@router.get("/", response={200: list[ReportOut]} | errors(401, 403, 422), summary="Отчёты")
@paginate(Paging)
def list_reports(request, filters: Query[ReportFilterIn]):
    if not may_anywhere(request.user, "view_organization"):
        raise PermissionDenied
    reports = Report.objects.visible_to(request.user).select_related("organization")
    if filters.organization:
        reports = reports.filter(organization__code=filters.organization)
    if filters.year:
        reports = reports.filter(year=filters.year)
    if filters.status:
        reports = reports.filter(status=filters.status)
    return reports
