"""The audit log page: who changed what and when, in the organizations where the user may read it."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.scoping import may_anywhere
from audit.changes import describe
from audit.filters import AuditFilter
from audit.models import AuditEntry
from nastavnik.paging import paginate


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.visible_to(request.user)
    if not may_anywhere(request.user, "view_audit"):
        raise PermissionDenied
    filterset = AuditFilter(request.GET, entries.select_related("actor", "organization"), request=request)
    context = {"filter": filterset, **paginate(request, filterset.qs),
               "participant": filterset.form.cleaned_data.get("participant")}
    for entry in context["page"]:
        entry.rows = describe(entry)
    return render(request, "audit/audit_list.html", context)
