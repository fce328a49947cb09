"""The upload of the organizations list (the same check and write as `import_organizations`)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.scoping import may_anywhere
from organizations import importing
from utilities.forms import UploadField


class UploadForm(forms.Form):
    file = UploadField(label="Файл XLSX", help_text="Первая строка — заголовки: " + ", ".join(
        f"«{column}»" for column in importing.COLUMNS) + ".")
    dry_run = forms.BooleanField(label="Только проверить, ничего не записывать", required=False)


@login_required
@require_http_methods(["GET", "POST"])
def import_organizations(request: HttpRequest) -> HttpResponse:
    if not may_anywhere(request.user, "manage_organizations"):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    report = None
    if form.is_valid():
        report = importing.import_organizations(form.cleaned_data["file"], actor=request.user,
                                                dry_run=form.cleaned_data["dry_run"])
        if report.written:
            messages.success(request, report.summary())
            return redirect("organizations:list")
    return render(request, "organizations/import.html", {"form": form, "report": report,
                                                         "kinds": importing.KINDS.shown.values()})
