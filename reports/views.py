"""Report pages: the reports the user sees (the own organization's, drafts too, and those sent up from below),
a new draft, its preview with the figures, the curator's texts, refresh and send, the DOCX and the XLSX. Every page
starts from `Report.objects.visible_to`; only the report's own organization writes it (`write_reports`)."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from accounts.scoping import holds_at, may_anywhere, organizations_held
from monitoring import counting
from people.views import protected_download
from reports import actions, writing
from reports.forms import CreateForm, TextsForm
from reports.models import Report
from utilities.forms import run_action

FORM_METHODS = require_http_methods(["GET", "POST"])
POST_ONLY = require_http_methods(["POST"])
GET_ONLY = require_http_methods(["GET"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _report(request: HttpRequest, pk: int) -> Report:
    return get_object_or_404(Report.objects.visible_to(request.user).select_related("organization"), pk=pk)


def _written(request: HttpRequest, pk: int) -> Report:
    report = _report(request, pk)
    if not holds_at(request.user, "write_reports", report.organization):
        raise PermissionDenied
    return report


def _writers(user):
    return organizations_held(user, "write_reports").filter(kind__in=counting.REPORTED_KINDS)


@login_required
@GET_ONLY
def report_list(request: HttpRequest) -> HttpResponse:
    if not may_anywhere(request.user, "view_organization"):
        raise PermissionDenied
    reports = (Report.objects.visible_to(request.user).select_related("organization")
               .defer("figures", *[name for name, _ in Report.TEXTS]))
    return render(request, "reports/list.html", {"reports": reports,
                                                 "can_write": _writers(request.user).exists()})


@login_required
@FORM_METHODS
def report_create(request: HttpRequest) -> HttpResponse:
    writers = _writers(request.user)
    if not writers.exists():
        raise PermissionDenied
    form = CreateForm(request.POST or None, organizations=writers)
    report = run_action(form, partial(actions.create_report, actor=request.user))
    if report is not None:
        messages.success(request, "Черновик отчёта собран из данных: допишите итоги и отправьте его.")
        return redirect("reports:detail", report.pk)
    return render(request, "reports/form.html", {"form": form, "title": "Новый отчёт"})


@login_required
@GET_ONLY
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    # Each cell with its column's heading, which a phone shows beside it.
    tables = [(title, columns, [list(zip(columns, map(writing.shown, row), strict=True)) for row in rows])
              for title, columns, rows in writing.tables(actions.heading(report), report.figures)]
    return render(request, "reports/detail.html", {
        "report": report, "tables": tables, "can_write": report.editable
        and holds_at(request.user, "write_reports", report.organization),
        "sees_sender": holds_at(request.user, "view_organization", report.organization)})


@login_required
@FORM_METHODS
def report_texts(request: HttpRequest, pk: int) -> HttpResponse:
    report = _written(request, pk)
    if not report.editable:
        messages.error(request, actions.SENT)
        return redirect("reports:detail", report.pk)
    form = TextsForm(request.POST or None, instance=report)
    if run_action(form, partial(actions.edit_texts, report, actor=request.user)) is not None:
        messages.success(request, "Тексты отчёта сохранены.")
        return redirect("reports:detail", report.pk)
    return render(request, "reports/form.html", {"form": form, "title": "Тексты отчёта", "report": report})


def _act(request: HttpRequest, pk: int, action, done: str) -> HttpResponse:
    report = _written(request, pk)
    try:
        action(report, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("reports:detail", report.pk)


@login_required
@POST_ONLY
def report_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, actions.refresh, "Цифры отчёта пересчитаны по данным на сегодня.")


@login_required
@POST_ONLY
def report_send(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, actions.send, "Отчёт отправлен уровню выше.")


def _download(report: Report, stored, built, extension: str, content_type: str) -> HttpResponse:
    """A sent report's file as it was sent; a draft's built from its figures now."""
    title = f"{report.title} {report.organization.code}"
    if stored:
        response = protected_download(stored, title)
        response["Content-Type"] = content_type
        return response
    response = HttpResponse(built(report), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{title}.{extension}")
    return response


@login_required
@GET_ONLY
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    return _download(report, report.document, actions.document, "docx", DOCX)


@login_required
@GET_ONLY
def report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    return _download(report, report.table, actions.table, "xlsx", XLSX)
