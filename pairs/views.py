"""Pair pages: the list with its filters, the card with its transitions, the new pair form and the
individual plan. Every change goes through pairs.actions."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.models import Role
from accounts.scoping import may, may_anywhere, sees_people
from pairs import actions, candidates, plan_templates, stats
from pairs.filters import PairFilter
from pairs.forms import (
    CompleteForm,
    ConfirmForm,
    ExtensionForm,
    ItemDoneForm,
    PairForm,
    PairStepForm,
    PlanItemForm,
    ReplacementForm,
    TerminateForm,
)
from pairs.models import (
    LIVE_STATUSES,
    IndividualPlan,
    MentorTerm,
    Pair,
    PairChange,
    PairMentee,
    PairStatus,
    PlanItem,
)
from people import privacy
from people.models import Participant
from utilities.forms import run_action
from utilities.paging import paginate

FORM_METHODS = require_http_methods(["GET", "POST"])


@dataclass(frozen=True)
class Transition:
    title: str
    form: type
    action: Callable
    success: str
    # Where the card offers it; the action itself is what refuses a wrong state.
    offered_in: tuple[str, ...]
    # Dated transitions default to today, or to the pair's start date while it is ahead.
    dated: bool = False


TRANSITIONS = {
    "start": Transition("Начать работу пары", ConfirmForm, actions.start_pair, "Пара приступила к работе.",
                        (PairStatus.APPROVED,)),
    "complete": Transition("Завершить наставничество", CompleteForm, actions.complete_pair,
                           "Наставничество завершено. В течение 10 дней сдаются итоговые отчёты наставника и "
                           "наставляемого и проводится итоговое собеседование.", (PairStatus.ACTIVE,), dated=True),
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


def _require_people(user) -> None:
    """Pairs are for the organization's staff and the participants themselves; above the organization they are
    counted (the home page, «Сводка»), not listed."""
    if not sees_people(user):
        raise PermissionDenied


@login_required
def pair_list(request: HttpRequest) -> HttpResponse:
    pairs = _visible_pairs(request.user)
    _require_people(request.user)
    filterset = PairFilter(request.GET, pairs, request=request)
    context = {"filter": filterset, **paginate(request, filterset.qs),
               "can_manage": may_anywhere(request.user, "manage_pairs")}
    template = "pairs/_pair_results.html" if request.htmx else "pairs/pair_list.html"
    return render(request, template, context)


@login_required
def pair_summary(request: HttpRequest) -> HttpResponse:
    """Above the organization: pairs and groups per organization and per form, by state — numbers only."""
    if not may_anywhere(request.user, "view_aggregates"):
        raise PermissionDenied
    pairs = Pair.objects.counted_by(request.user)
    return render(request, "pairs/summary.html", {
        "states": [status.label for status in PairStatus],
        "by_organization": stats.status_counts_by(pairs, "organization__name"),
        "by_form": stats.status_counts_by(pairs, "form__name")})


@login_required
def pair_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pair = get_object_or_404(_visible_pairs(request.user), pk=pk)
    can_manage = may(request.user, "manage_pairs", pair.organization)
    offered = [(name, t.title, t.offered_in) for name, t in TRANSITIONS.items()] + [REPLACEMENT]
    people = [pair.mentor_id, *(item.mentee_id for item in pair.mentees.all())]
    for person in [pair.mentor, *(item.mentee for item in pair.mentees.all())]:
        person.shown = privacy.fields_for(request.user, person)
    context = {
        "pair": pair,
        # Names link to the cards the user may open (a mentee sees the own card, not the mentor's).
        "openable": set(Participant.objects.visible_to(request.user).filter(pk__in=people).values_list("pk", flat=True)),
        "can_manage": can_manage,
        "transitions": [(name, title) for name, title, states in offered if can_manage and pair.status in states],
        "terms": MentorTerm.objects.visible_to(request.user).filter(pair=pair).select_related("mentor"),
        "changes": PairChange.objects.visible_to(request.user).filter(pair=pair).select_related("new_mentor")
        .order_by("-requested_at"),
    }
    return render(request, "pairs/pair_detail.html", context)


@login_required
@FORM_METHODS
def pair_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """One step of the pair's life (start, complete, terminate, extend) through its action."""
    pair = _managed_pair(request, pk)
    transition = TRANSITIONS[name]
    initial = {"on": max(timezone.localdate(), pair.start_date)} if transition.dated else {}
    form = transition.form(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and run_action(form, partial(transition.action, pair, actor=request.user)):
        messages.success(request, transition.success)
        # A completed pair goes on to its final reports, due within 10 days.
        return redirect("meetings:pair" if name == "complete" else "pairs:detail", pk=pair.pk)
    return render(request, "pairs/transition_form.html", {"pair": pair, "form": form, "transition": transition})


def _candidates(user, step: PairStepForm, data) -> dict:
    """Mentors for the chosen organization, form and start; mentees for the chosen mentor."""
    if not step.is_valid():
        return {}
    place = (step.cleaned_data["organization"], step.cleaned_data["form"], step.cleaned_data["start_date"])
    visible = Participant.objects.visible_to(user)
    mentors = candidates.mentors(visible, *place)
    chosen = next((c.participant for c in mentors if str(c.participant.pk) == data.get("mentor")), None)
    organization, _, start = place
    limit = actions.term_limit(organization, start, [chosen] if chosen else [])
    step["planned_end_date"].help_text = f"Пусто — по {limit.end:%d.%m.%Y} ({limit.why})."
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
    step = PairStepForm(data or None, user=request.user, initial={"start_date": timezone.localdate()})
    form = PairForm(request.POST, user=request.user) if request.method == "POST" else step
    if request.method == "POST" and (pair := run_action(form, partial(actions.propose_pair, actor=request.user))):
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
    first_day = max(timezone.localdate(), actions.first_replacement_day(pair))
    form = ReplacementForm(request.POST if request.method == "POST" else None, initial={"on": first_day},
                           mentors=visible.active().filter(is_mentor=True))
    if request.method == "POST" and run_action(form, partial(actions.request_mentor_replacement, pair, actor=request.user)):
        messages.success(request, "Замена наставника ожидает приказа «О замене наставника».")
        return redirect("pairs:detail", pk=pair.pk)
    on = form.cleaned_data.get("on") if form.is_bound and "on" not in form.errors else None
    chosen = form["new_mentor"].value()
    context = {"pair": pair, "form": form, "mentors": candidates.replacements(visible, pair, on or first_day),
               "chosen": {str(chosen)} if chosen else set()}
    return render(request, "pairs/replacement_form.html", context)


@login_required
@require_http_methods(["POST"])
def change_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    change = get_object_or_404(PairChange.objects.visible_to(request.user), pk=pk)
    pair = _managed_pair(request, change.pair_id)
    try:
        actions.cancel_change(change, actor=request.user)
        messages.success(request, f"«{change}» отменено.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("pairs:detail", pk=pair.pk)


# The individual plan. Its actions check who may do what (the mentor or the managers write, the mentee
# acknowledges, the head or the curator approves) and raise PermissionDenied, which is a 403 here.
def _plan_context(request: HttpRequest, pair: Pair, item_form: PlanItemForm | None = None) -> dict:
    plan = IndividualPlan.objects.visible_to(request.user).filter(pair=pair).prefetch_related("items").first()
    user, today = request.user, timezone.localdate()
    can_edit = actions.may_edit_plan(user, pair)
    draft = plan is not None and plan.status == IndividualPlan.Status.DRAFT
    return {
        "pair": pair, "plan": plan, "today": today,
        "items": [(item, item.is_overdue(today), _done_form(item, initial={"on": today}))
                  for item in plan.items.all()] if plan else [],
        "can_create": can_edit and plan is None and pair.status in LIVE_STATUSES,
        "can_edit": can_edit and draft,
        "can_mark": can_edit and plan is not None,
        # Shown to a mentee of the pair; the action checks that they are one.
        "can_acknowledge": draft and user.roles.filter(role=Role.MENTEE).exists(),
        "can_approve": plan is not None and plan.status == IndividualPlan.Status.ACKNOWLEDGED
        and may(user, "approve_plans", pair.organization),
        "template": plan_templates.template_for(pair.form.code),
        "item_form": item_form or PlanItemForm(),
    }


def _done_form(item: PlanItem, data=None, **kwargs) -> ItemDoneForm:
    """One form per row, its fields prefixed by the item, so that the rows' ids never clash."""
    return ItemDoneForm(data, prefix=f"item-{item.pk}", **kwargs)


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pair = get_object_or_404(_visible_pairs(request.user), pk=pk)
    return render(request, "pairs/plan.html", _plan_context(request, pair))


def _plan_step(request: HttpRequest, pair: Pair, action: Callable, success: str) -> HttpResponse:
    """Run a plan action with no input; its refusal becomes an error message on the plan page."""
    try:
        action(actor=request.user)
        messages.success(request, success)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("pairs:plan", pk=pair.pk)


def _visible_plan(request: HttpRequest, pk: int) -> IndividualPlan:
    return get_object_or_404(IndividualPlan.objects.visible_to(request.user)
                             .select_related("pair__organization", "pair__form"), pair=pk)


@login_required
@require_http_methods(["POST"])
def plan_create(request: HttpRequest, pk: int) -> HttpResponse:
    pair = get_object_or_404(_visible_pairs(request.user), pk=pk)
    return _plan_step(request, pair, partial(actions.create_plan, pair), "План составлен по шаблону формы.")


@login_required
@require_http_methods(["POST"])
def plan_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _visible_plan(request, pk)
    return _plan_step(request, plan.pair, partial(actions.acknowledge_plan, plan, on=timezone.localdate()),
                      "Вы ознакомились с планом.")


@login_required
@require_http_methods(["POST"])
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _visible_plan(request, pk)
    return _plan_step(request, plan.pair, partial(actions.approve_plan, plan, on=timezone.localdate()),
                      "План утверждён.")


@login_required
@require_http_methods(["POST"])
def plan_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _visible_plan(request, pk)
    form = PlanItemForm(request.POST)
    if run_action(form, partial(actions.add_item, plan, actor=request.user)):
        messages.success(request, "Пункт добавлен.")
        return redirect("pairs:plan", pk=plan.pair_id)
    return render(request, "pairs/plan.html", _plan_context(request, plan.pair, item_form=form))


@login_required
@require_http_methods(["POST"])
def plan_item_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark an item done; htmx gets the item's row back, a plain form the plan page."""
    item = get_object_or_404(PlanItem.objects.visible_to(request.user).select_related("plan__pair__organization"),
                             pk=pk)
    form = _done_form(item, request.POST)
    done = run_action(form, partial(actions.mark_item_done, item, actor=request.user))
    if request.htmx:
        context = {"item": item, "overdue": item.is_overdue(timezone.localdate()), "can_mark": True, "done_form": form}
        return render(request, "pairs/_plan_item.html", context)
    if done:
        messages.success(request, f"Пункт «{item.title}» выполнен.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("pairs:plan", pk=item.plan.pair_id)
