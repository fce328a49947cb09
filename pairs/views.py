"""Pair pages: the list with its filters, the card with its transitions, the new pair form and the
individual plan. Every change goes through pairs.actions."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.scoping import may, may_anywhere
from pairs import actions, candidates
from pairs.filters import PairFilter
from pairs.forms import (
    CompleteForm,
    ConfirmForm,
    ExtensionForm,
    PairForm,
    PairStepForm,
    ReplacementForm,
    TerminateForm,
    default_term,
)
from pairs.models import LIVE_STATUSES, MentorTerm, Pair, PairChange, PairMentee, PairStatus
from people.models import Participant

PAGE_SIZE = 50
FORM_METHODS = require_http_methods(["GET", "POST"])


def _run(form, action):
    """The action's result for a valid submitted form, or None; a domain error goes onto the form."""
    if not form.is_valid():
        return None
    try:
        return action(**form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return None


@dataclass(frozen=True)
class Transition:
    title: str
    form: type
    action: Callable
    success: str
    # Where the card offers it; the action itself is what refuses a wrong state.
    offered_in: tuple[str, ...]
    # Dated transitions default to today.
    dated: bool = False


TRANSITIONS = {
    "start": Transition("Начать работу пары", ConfirmForm, actions.start_pair, "Пара приступила к работе.",
                        (PairStatus.APPROVED,)),
    "complete": Transition("Завершить наставничество", CompleteForm, actions.complete_pair,
                           "Наставничество завершено.", (PairStatus.ACTIVE,), dated=True),
    "terminate": Transition("Прекратить досрочно", TerminateForm, actions.terminate_pair,
                            "Наставничество прекращено досрочно.", LIVE_STATUSES, dated=True),
    "extend": Transition("Продлить срок", ExtensionForm, actions.request_extension,
                         "Продление ожидает приказа «О продлении срока наставничества».", actions.CHANGEABLE),
}
# Offered on the card beside the transitions; it has a page of its own (the candidates).
REPLACEMENT = ("replace_mentor", "Заменить наставника", actions.CHANGEABLE)


def _visible_pairs(user):
    """Pairs the user sees, with what every page of them shows, in a fixed number of queries."""
    return Pair.objects.visible_to(user).select_related("organization", "form", "variant", "mentor").prefetch_related(
        Prefetch("mentees", queryset=PairMentee.objects.select_related("mentee").order_by("mentee__last_name"))
    )


def _managed_pair(request: HttpRequest, pk: int) -> Pair:
    """A pair the user sees (404 otherwise) and may manage (403 otherwise)."""
    pair = get_object_or_404(_visible_pairs(request.user), pk=pk)
    if not may(request.user, "manage_pairs", pair.organization):
        raise PermissionDenied
    return pair


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
    can_manage = may(request.user, "manage_pairs", pair.organization)
    offered = [(name, t.title, t.offered_in) for name, t in TRANSITIONS.items()] + [REPLACEMENT]
    context = {
        "pair": pair,
        "can_manage": can_manage,
        "transitions": [(name, title) for name, title, states in offered if can_manage and pair.status in states],
        "terms": MentorTerm.objects.filter(pair=pair).select_related("mentor"),
        "changes": PairChange.objects.filter(pair=pair).select_related("new_mentor").order_by("-requested_at"),
    }
    return render(request, "pairs/pair_detail.html", context)


@login_required
@FORM_METHODS
def pair_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """One step of the pair's life (start, complete, terminate, extend) through its action."""
    pair = _managed_pair(request, pk)
    transition = TRANSITIONS[name]
    initial = {"on": timezone.localdate()} if transition.dated else {}
    form = transition.form(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and _run(form, partial(transition.action, pair, actor=request.user)):
        messages.success(request, transition.success)
        return redirect("pairs:detail", pk=pair.pk)
    return render(request, "pairs/transition_form.html", {"pair": pair, "form": form, "transition": transition})


def _candidates(user, step: PairStepForm, data) -> dict:
    """Mentors for the chosen organization, form and start; mentees for the chosen mentor."""
    if not step.is_valid():
        return {}
    place = (step.cleaned_data["organization"], step.cleaned_data["form"], step.cleaned_data["start_date"])
    visible = Participant.objects.visible_to(user)
    mentors = candidates.mentors(visible, *place)
    chosen = next((c.participant for c in mentors if str(c.participant.pk) == data.get("mentor")), None)
    return {"mentors": mentors, "chosen_mentor_ids": {str(chosen.pk)} if chosen else set(),
            "mentees": candidates.mentees(visible, *place, chosen) if chosen else None,
            "chosen_mentees": set(data.getlist("mentees"))}


@login_required
@FORM_METHODS
def pair_create(request: HttpRequest) -> HttpResponse:
    """«Новая пара»: the form and the term, then a mentor and mentees among the eligible candidates."""
    if not may_anywhere(request.user, "manage_pairs"):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else request.GET
    step = PairStepForm(data or None, user=request.user, initial=default_term(timezone.localdate()))
    form = PairForm(request.POST, user=request.user) if request.method == "POST" else step
    if request.method == "POST" and (pair := _run(form, partial(actions.propose_pair, actor=request.user))):
        messages.success(request, "Пара предложена. Её закрепит приказ «О закреплении наставнических пар (групп)».")
        return redirect("pairs:detail", pk=pair.pk)
    errors = [*form.non_field_errors(), *form.errors.get("mentor", []), *form.errors.get("mentees", [])]
    context = {"form": step, "errors": errors, **_candidates(request.user, step, data)}
    return render(request, "pairs/pair_form.html", context)


@login_required
@FORM_METHODS
def pair_replace_mentor(request: HttpRequest, pk: int) -> HttpResponse:
    """A request to replace the mentor: the reason, the date and a new mentor among the eligible ones."""
    pair = _managed_pair(request, pk)
    visible = Participant.objects.visible_to(request.user)
    form = ReplacementForm(request.POST if request.method == "POST" else None, initial={"on": timezone.localdate()},
                           mentors=visible.active().filter(is_mentor=True))
    if request.method == "POST" and _run(form, partial(actions.request_mentor_replacement, pair, actor=request.user)):
        messages.success(request, "Замена наставника ожидает приказа «О замене наставника».")
        return redirect("pairs:detail", pk=pair.pk)
    on = form.cleaned_data.get("on") if form.is_bound and "on" not in form.errors else None
    chosen = form["new_mentor"].value()
    context = {"pair": pair, "form": form, "mentors": candidates.replacements(visible, pair, on or timezone.localdate()),
               "chosen": {str(chosen)} if chosen else set()}
    return render(request, "pairs/replacement_form.html", context)


@login_required
@require_http_methods(["POST"])
def change_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    change = get_object_or_404(PairChange.objects.filter(pair__in=_visible_pairs(request.user)), pk=pk)
    pair = _managed_pair(request, change.pair_id)
    try:
        actions.cancel_change(change, actor=request.user)
        messages.success(request, f"«{change}» отменено.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("pairs:detail", pk=pair.pk)
