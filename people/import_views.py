"""Participants in and out as XLSX: the import page (upload → preview → confirm), the export of
the list as filtered, and the empty template.

Between the preview and the confirmation the uploaded file waits in the database (`PendingImport`)
under a random token, bound to the user who uploaded it; the confirmation checks it again and
imports it."""

import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.scoping import may_anywhere, organizations_where
from organizations.models import Organization
from people import exporting, importing, xlsx
from people.filters import ParticipantFilter
from people.models import Category, Participant, PendingImport
from programmes.models import MentorshipForm
from utilities.forms import UploadField

PREVIEW_ROWS = 100
SHOWN_ERRORS = 200


class UploadForm(forms.Form):
    organization = forms.ModelChoiceField(label="Организация", queryset=Organization.objects.none(), empty_label=None)
    file = UploadField(label="Файл XLSX", help_text="Первая строка — заголовки столбцов, как в шаблоне.")

    def __init__(self, organizations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


def _importable(user):
    """Organizations where `user` may add participants, as import targets."""
    return organizations_where(user, "manage_people").exclude(kind__in=importing.NOT_FOR_PARTICIPANTS)


@login_required
@require_http_methods(["GET", "POST"])
def import_participants(request: HttpRequest) -> HttpResponse:
    organizations = _importable(request.user)
    if not organizations.exists():
        raise PermissionDenied
    if "token" in request.POST:
        return _confirm(request, organizations)
    form = UploadForm(organizations, request.POST or None, request.FILES or None)
    if not form.is_valid():
        return render(request, "people/import.html", {"form": form})
    upload = form.cleaned_data["file"]
    pending = PendingImport.objects.keep(request.user, form.cleaned_data["organization"], upload.name,
                                         b"".join(upload.chunks()))
    report = importing.import_participants(io.BytesIO(pending.content), organization=pending.organization,
                                           actor=request.user, dry_run=True)
    return _preview(request, report, pending)


def _confirm(request: HttpRequest, organizations) -> HttpResponse:
    pending = PendingImport.objects.waiting(request.user, request.POST["token"])
    if pending is None:
        messages.error(request, "Файл для загрузки не найден: загрузите его ещё раз.")
        return redirect("people:import")
    organization = get_object_or_404(organizations, pk=pending.organization_id)
    report = importing.import_participants(io.BytesIO(pending.content), organization=organization,
                                           actor=request.user)
    if report.errors:  # the organization changed since the preview, e.g. someone added the same person
        return _preview(request, report, pending)
    pending.delete()
    messages.success(request, f"{organization}: {report.summary()}")
    return redirect(f"{reverse('people:list')}?organization={organization.pk}")


def _preview(request, report: importing.ImportReport, pending: PendingImport) -> HttpResponse:
    """The checked rows; a file with errors is dropped at once, only a clean one may be confirmed."""
    organization = pending.organization
    if report.errors:
        pending.delete()
    forms_by_code = dict(MentorshipForm.objects.values_list("code", "name"))
    rows = [{
        "row": row, "category": Category(row.category).label,
        "role": xlsx.ROLES.shown[(row.is_mentor, row.is_mentee)],
        "forms": "; ".join(forms_by_code[code] for code in row.forms),
    } for row in report.rows[:PREVIEW_ROWS]]
    context = {
        "organization": organization, "name": pending.name, "report": report, "rows": rows,
        "token": None if report.errors else pending.token,
        "errors": report.errors[:SHOWN_ERRORS], "hidden_errors": max(0, len(report.errors) - SHOWN_ERRORS),
        "notes": report.notes[:SHOWN_ERRORS], "hidden_notes": max(0, len(report.notes) - SHOWN_ERRORS),
        "hidden_rows": max(0, len(report.rows) - PREVIEW_ROWS),
        "form": UploadForm(_importable(request.user), initial={"organization": organization}),
    }
    return render(request, "people/import_preview.html", context)


@login_required
@require_GET
def export_participants(request: HttpRequest) -> HttpResponse:
    participants = Participant.objects.visible_to(request.user)
    if not may_anywhere(request.user, "view_people"):
        raise PermissionDenied
    filterset = ParticipantFilter(request.GET, participants, request=request)
    return _xlsx(exporting.export_participants(filterset.qs), f"uchastniki-{timezone.localdate():%Y-%m-%d}.xlsx")


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    if not _importable(request.user).exists():
        raise PermissionDenied
    return _xlsx(exporting.template(), "shablon-uchastnikov.xlsx")


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exporting.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
