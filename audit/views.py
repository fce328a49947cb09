"""The audit log page: who changed what and when, in the organizations where the user may read it.

Rows about people are shown whole only where the user reads people's records (`view_people`); to a territorial
role they show the event, the kind of object, the organization, the time and the actor's role — no names."""

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.models import RoleAssignment
from accounts.scoping import may_anywhere, organizations_where
from audit.changes import describe
from audit.filters import AuditFilter
from audit.models import AuditEntry
from utilities.paging import paginate

# Objects of an organization itself, whose rows name nobody: shown whole to whoever reads the log.
ORGANIZATION_OBJECTS = frozenset({"organization", "agreement", "formruleoverride", "matchingweights",
                                  "documenttemplate", "programme", "programmestage", "stagedocument"})


def object_kinds() -> dict[str, str]:
    """model_name → its Russian name, for the rows shown without names."""
    return {model._meta.model_name: str(model._meta.verbose_name) for model in apps.get_models()}


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.visible_to(request.user)
    if not may_anywhere(request.user, "view_audit"):
        raise PermissionDenied
    roles = Prefetch("actor__roles", queryset=RoleAssignment.objects.order_by("role"))
    filterset = AuditFilter(request.GET, entries.select_related("actor", "organization").prefetch_related(roles),
                            request=request)
    context = {"filter": filterset, **paginate(request, filterset.qs),
               "participant": filterset.form.cleaned_data.get("participant")}
    named = set(organizations_where(request.user, "view_people").values_list("pk", flat=True))
    kinds = object_kinds()
    for entry in context["page"]:
        entry.named = entry.organization_id in named or (
            entry.object_type in ORGANIZATION_OBJECTS and entry.participant_id is None)
        if entry.named:
            entry.rows = describe(entry)
        else:
            entry.kind = kinds.get(entry.object_type, entry.object_type)
            entry.actor_roles = sorted({a.get_role_display() for a in entry.actor.roles.all()}) if entry.actor else []
    return render(request, "audit/audit_list.html", context)
