"""Pair pages: the list with its filters, the card with its transitions, the new pair form and the
individual plan. Every change goes through pairs.actions."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from accounts.scoping import may, may_anywhere
from pairs.filters import PairFilter
from pairs.models import Pair, PairMentee

PAGE_SIZE = 50


def _visible_pairs(user):
    """Pairs the user sees, with what every page of them shows, in a fixed number of queries."""
    return Pair.objects.visible_to(user).select_related("organization", "form", "variant", "mentor").prefetch_related(
        Prefetch("mentees", queryset=PairMentee.objects.select_related("mentee").order_by("mentee__last_name"))
    )


def _require_some_role(user) -> None:
    """Pairs are for staff and for the participants themselves; a user with no role sees nothing."""
    if not (user.is_superuser or user.roles.exists()):
        raise PermissionDenied


@login_required
def pair_list(request: HttpRequest) -> HttpResponse:
    pairs = _visible_pairs(request.user)
    _require_some_role(request.user)
    filterset = PairFilter(request.GET, pairs, request=request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": filterset, "page": page, "query": query.urlencode(),
               "can_manage": may_anywhere(request.user, "manage_pairs")}
    template = "pairs/_pair_results.html" if request.htmx else "pairs/pair_list.html"
    return render(request, template, context)


@login_required
def pair_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pair = get_object_or_404(_visible_pairs(request.user), pk=pk)
    context = {"pair": pair, "can_manage": may(request.user, "manage_pairs", pair.organization)}
    return render(request, "pairs/pair_detail.html", context)
