"""The indicators' pages: a territory's dashboard on a date with the drill-down below it, its XLSX, and its
denominators and targets. Numbers only; who may see a territory is decided by organizations_where."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header

from accounts.scoping import may, organizations_where
from monitoring import actions, counting, exporting
from monitoring.forms import DayForm, FiguresForm, today_or, year_of
from organizations.models import Organization

TREND_YEARS = 5
# The highest level first: the dashboard the user lands on.
LEVEL_ORDER = [*Organization.TERRITORY_KINDS, *Organization.EDUCATIONAL_KINDS]


def _reported(user):
    return organizations_where(user, "view_organization").filter(kind__in=counting.REPORTED_KINDS)


def _territory(user, pk: int) -> Organization:
    return get_object_or_404(_reported(user).select_related("parent__parent"), pk=pk)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The dashboard of the highest territory the user sees."""
    found = sorted(_reported(request.user).select_related("parent__parent"),
                   key=lambda o: (LEVEL_ORDER.index(o.kind), o.name))
    if not found:
        raise PermissionDenied
    return _dashboard(request, found[0])


@login_required
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    return _dashboard(request, _territory(request.user, pk))


def _day(request: HttpRequest):
    form = DayForm(request.GET or None)
    return form, today_or(form) or timezone.localdate()


def _dashboard(request: HttpRequest, territory: Organization) -> HttpResponse:
    """The indicators on the day and the rows below; the trend and the participants by form, which read every year
    and every pair of the territory, come after the page (`details`, htmx)."""
    form, day = _day(request)
    visible = set(_reported(request.user).filter(pk__in=[o.pk for o in territory.lineage()])
                  .values_list("pk", flat=True))
    return render(request, "monitoring/dashboard.html", {
        "territory": territory, "day": day, "form": form, "report": counting.report(territory, day),
        "level": counting.level(territory), "above": [o for o in reversed(territory.lineage()[1:]) if o.pk in visible],
        "can_manage": may(request.user, "manage_indicators", territory)})


@login_required
def details(request: HttpRequest, pk: int) -> HttpResponse:
    territory = _territory(request.user, pk)
    _, day = _day(request)
    report = counting.report(territory, day, trend_years=TREND_YEARS)
    trend = [(value, [(year, values[i]) for year, values in report.trend]) for i, value in enumerate(report.values)]
    return render(request, "monitoring/_details.html", {
        "trend": trend, "by_form": exporting.form_table(counting.participants_by_form(territory, day))})


@login_required
def export(request: HttpRequest, pk: int) -> HttpResponse:
    territory = _territory(request.user, pk)
    _, day = _day(request)
    content = exporting.workbook(counting.report(territory, day), counting.participants_by_form(territory, day))
    response = HttpResponse(content, content_type=exporting.CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"Показатели {territory.code} на {day:%d.%m.%Y}.xlsx")
    return response


@login_required
def figures(request: HttpRequest, pk: int) -> HttpResponse:
    """The denominators and targets of a year, for those who manage the territory's indicators."""
    territory = get_object_or_404(organizations_where(request.user, "manage_indicators")
                                  .filter(kind__in=counting.REPORTED_KINDS), pk=pk)
    year = year_of(request.GET.get("year") or request.POST.get("year"), timezone.localdate().year)
    form = FiguresForm(request.POST or None, territory=territory, year=year)
    if request.method == "POST" and form.is_valid():
        actions.set_figures(territory, year, **form.figures(), actor=request.user)
        messages.success(request, f"Числа {year} года сохранены.")
        return redirect("monitoring:dashboard", pk=territory.pk)
    return render(request, "monitoring/figures.html", {"territory": territory, "year": year, "form": form,
                                                       "level": counting.level(territory)})
