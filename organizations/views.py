"""Organization pages: the list by municipality, the card, partners and their agreements."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.models import Role, User
from accounts.scoping import (
    agreements_visible_to,
    may,
    may_anywhere,
    organizations_where,
    partners_visible_to,
)
from organizations import actions
from organizations.forms import AgreementForm
from organizations.models import Agreement, Organization
from people import stats
from people.models import Participant
from people.names import normalize

Kind = Organization.Kind


def _visible(user):
    return organizations_where(user, "view_organization")


def _group_by_municipality(organizations) -> list[tuple[Organization | None, list[Organization]]]:
    """[(municipality or None for the regional level, its organizations)], regional level first."""
    groups: dict[Organization | None, list[Organization]] = {}
    for organization in organizations:
        if organization.kind == Kind.MUNICIPALITY:
            groups.setdefault(organization, [])
        elif organization.parent and organization.parent.kind == Kind.MUNICIPALITY:
            groups.setdefault(organization.parent, []).append(organization)
        else:
            groups.setdefault(None, []).append(organization)
    return sorted(groups.items(), key=lambda item: (item[0] is not None, normalize(item[0].name) if item[0] else ""))


@login_required
def organization_list(request: HttpRequest) -> HttpResponse:
    organizations = list(_visible(request.user).select_related("parent"))
    if not may_anywhere(request.user, "view_organization"):
        raise PermissionDenied
    query = request.GET.get("q", "")
    words = normalize(query).split()
    found = [o for o in organizations if all(w in normalize(f"{o.name} {o.code}") for w in words)]
    participants = Participant.objects.counted_by(request.user).filter(organization__in=found)
    counts = stats.totals_by_organization(participants, timezone.localdate())
    for organization in found:
        organization.counts = counts.get(organization.pk, stats.EMPTY_COUNTS)
    context = {"groups": _group_by_municipality(found), "query": query, "visible": {o.pk for o in organizations},
               "can_import": may_anywhere(request.user, "manage_organizations")}
    return render(request, "organizations/organization_list.html", context)


def _manageable_ids(user) -> set[int]:
    """Ids of organizations whose agreements the user may change."""
    return set(organizations_where(user, "manage_agreements").values_list("pk", flat=True))


@login_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_object_or_404(_visible(request.user).select_related("parent__parent"), pk=pk)
    agreements = Agreement.objects.filter(Q(counterparty__in=organization.lineage()) | Q(partner=organization))
    context = {
        "organization": organization,
        "parent_visible": organization.parent is not None and may(request.user, "view_organization",
                                                                   organization.parent),
        "children": organization.children.all(),
        # The curators are the contacts of an organization for everyone who sees it, above it too.
        "curators": User.objects.visible_to(request.user).filter(roles__role=Role.CURATOR, roles__organization=organization).distinct()
        .order_by("last_name", "first_name"),
        "agreements": agreements.select_related("partner", "counterparty"),
        "counts": stats.totals(Participant.objects.counted_by(request.user).filter(
            organization__in=Organization.objects.at_or_below(organization)), timezone.localdate()),
        "can_view_people": may(request.user, "view_people", organization),
        "manageable": _manageable_ids(request.user),
        "today": timezone.localdate(),
    }
    return render(request, "organizations/organization_detail.html", context)


@login_required
def partner_list(request: HttpRequest) -> HttpResponse:
    agreements = agreements_visible_to(request.user).select_related("counterparty")
    if not may_anywhere(request.user, "view_organization"):
        raise PermissionDenied
    partners = partners_visible_to(request.user).prefetch_related(Prefetch("agreements", queryset=agreements))
    manageable = _manageable_ids(request.user)
    context = {"partners": partners, "manageable": manageable, "today": timezone.localdate(),
               "can_add": bool(manageable)}
    return render(request, "organizations/partner_list.html", context)


def _agreement_page(request: HttpRequest, form, action, *, partner: Organization, title: str, success: str):
    if form.is_valid():
        try:
            action(**form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, success)
            return redirect("organizations:partners")
    return render(request, "organizations/agreement_form.html", {"form": form, "partner": partner, "title": title})


def _counterparties(user):
    return organizations_where(user, "manage_agreements").exclude(kind=Kind.PARTNER)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_object_or_404(partners_visible_to(request.user), pk=pk)
    if not may_anywhere(request.user, "manage_agreements"):
        raise PermissionDenied
    form = AgreementForm(request.POST or None, counterparties=_counterparties(request.user))
    return _agreement_page(request, form, partial(actions.create_agreement, partner=partner, actor=request.user),
                           partner=partner, title="Новое соглашение о сотрудничестве", success="Соглашение добавлено.")


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(agreements_visible_to(request.user).select_related("partner", "counterparty"), pk=pk)
    if not may(request.user, "manage_agreements", agreement.counterparty):
        raise PermissionDenied
    form = AgreementForm(request.POST or None, initial=model_to_dict(agreement, actions.AGREEMENT_FIELDS),
                         counterparties=_counterparties(request.user))
    return _agreement_page(request, form, partial(actions.update_agreement, agreement, actor=request.user),
                           partner=agreement.partner, title=f"Соглашение {agreement}", success="Соглашение сохранено.")
