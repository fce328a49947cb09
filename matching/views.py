"""Matching pages: start a run, watch its progress, read the suggestions with their reasons, pin or forbid
a pair, run again, accept; the organization's weights; the preferences stated after the group meeting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.fields.json import KeyTextTransform
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.scoping import may, may_anywhere
from matching import actions, aggregates, engine
from matching.forms import PairForm, PreferenceForm, RunForm, SuggestionFilterForm, WeightsForm, matching_scopes
from matching.models import MatchingRun, MatchingWeights, MatchPreference
from utilities.paging import paginate

MENTORS_A_PAGE = 10
FORM_METHODS = require_http_methods(["GET", "POST"])


def _marked(run: MatchingRun, pairs: list[dict]) -> list[dict]:
    """The pairs with each mentee's mark: "pinned", "forbidden" or ""."""
    marks = {**{tuple(p): "pinned" for p in run.pinned}, **{tuple(p): "forbidden" for p in run.forbidden}}
    return [{**pair, "mentees": [{**m, "mark": marks.get((m["id"], pair["mentor"]["id"]), "")} for m in pair["mentees"]]}
            for pair in pairs]


def _runs(user):
    return MatchingRun.objects.visible_to(user).select_related("scope", "form")


def _named_scope(user, organization) -> None:
    """Pins, forbids and preferences name people: only inside the organization (above it, 403)."""
    if not may(user, "view_people", organization):
        raise PermissionDenied


@login_required
@FORM_METHODS
def run_list(request: HttpRequest) -> HttpResponse:
    if not may_anywhere(request.user, "run_matching"):
        raise PermissionDenied
    form = RunForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        run = actions.start_run(actor=request.user, **form.cleaned_data)
        return redirect("matching:detail", pk=run.pk)
    runs = _runs(request.user).defer("result").annotate(matched=KeyTextTransform("matched", "result"))[:20]
    return render(request, "matching/run_list.html", {
        "form": form, "runs": runs, "scopes": matching_scopes(request.user).order_by("name")})


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The run: its progress, then the suggestions grouped by mentor, filtered and paged (htmx swaps the
    suggestions alone when the filters or the page change, the whole body while the run is still going)."""
    run = get_object_or_404(_runs(request.user), pk=pk)
    if not may(request.user, "view_people", run.scope):
        # Above the organization: the run's numbers per organization; the schools see the names as pairs.
        context = {"run": run, "summary": aggregates.summary(run.result)}
    else:
        pairs = _marked(run, engine.suggestions(run.result))
        filters = SuggestionFilterForm(request.GET, pairs=pairs)
        shown = paginate(request, filters.apply(pairs), MENTORS_A_PAGE)
        shown["page"].object_list = engine.explained(list(shown["page"].object_list), run.start_date)
        context = {"run": run, "filters": filters, **shown}
    template = ("matching/_suggestions.html" if request.htmx and request.htmx.target == "suggestions"
                else "matching/_run_body.html" if request.htmx else "matching/run_detail.html")
    return render(request, template, context)


def _mark(request: HttpRequest, pk: int, action) -> HttpResponse:
    run = get_object_or_404(_runs(request.user), pk=pk)
    _named_scope(request.user, run.scope)
    form = PairForm(request.POST)
    if not form.is_valid():
        return HttpResponse("Не указана пара.", status=400)
    mentee_id, mentor_id = form.cleaned_data["mentee"], form.cleaned_data["mentor"]
    try:
        action(run, mentee_id=mentee_id, mentor_id=mentor_id, actor=request.user)
    except ValidationError as error:
        if request.htmx:
            return HttpResponse(" ".join(error.messages), status=409)
        messages.error(request, " ".join(error.messages))
        return redirect("matching:detail", pk=run.pk)
    if not request.htmx:
        return redirect("matching:detail", pk=run.pk)
    [pair] = engine.explained(_marked(run, engine.suggestions(run.result, [mentor_id])),
                              run.start_date)
    mentee = next(m for m in pair["mentees"] if m["id"] == mentee_id)
    return render(request, "matching/_suggestion.html", {"run": run, "pair": pair, "mentee": mentee})


@login_required
@require_POST
def pin(request: HttpRequest, pk: int) -> HttpResponse:
    return _mark(request, pk, actions.pin)


@login_required
@require_POST
def forbid(request: HttpRequest, pk: int) -> HttpResponse:
    return _mark(request, pk, actions.forbid)


@login_required
@require_POST
def rerun(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(_runs(request.user), pk=pk)
    return redirect("matching:detail", pk=actions.rerun(run, actor=request.user).pk)


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(_runs(request.user), pk=pk)
    try:
        count = actions.accept(run, actor=request.user)
    except ValidationError as error:
        messages.error(request, "Пары не созданы: " + " ".join(error.messages))
        return redirect("matching:detail", pk=run.pk)
    messages.success(request, f"Предложено пар: {count}. Они ждут приказа о закреплении.")
    if not may(request.user, "view_people", run.scope):
        return redirect("matching:detail", pk=run.pk)
    return redirect("pairs:list")


@login_required
@FORM_METHODS
def weights(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = get_object_or_404(matching_scopes(request.user), pk=organization_pk)
    own = MatchingWeights.objects.filter(organization=organization).first()
    if request.method == "POST" and "reset" in request.POST:
        actions.reset_weights(organization, actor=request.user)
        messages.success(request, "Веса сброшены.")
        return redirect("matching:weights", organization_pk=organization.pk)
    form = WeightsForm(request.POST or None, instance=own, initial=engine.weights_for(organization))
    if request.method == "POST" and form.is_valid():
        actions.save_weights(organization, actor=request.user, **form.cleaned_data)
        messages.success(request, "Веса подбора сохранены; они действуют со следующего подбора.")
        return redirect("matching:weights", organization_pk=organization.pk)
    return render(request, "matching/weights.html", {"organization": organization, "form": form, "own": own})


@login_required
@FORM_METHODS
def preferences(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = get_object_or_404(matching_scopes(request.user), pk=organization_pk)
    _named_scope(request.user, organization)
    form = PreferenceForm(request.POST or None, user=request.user, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            actions.state_preference(organization=organization, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Предпочтение записано.")
            return redirect("matching:preferences", organization_pk=organization.pk)
    stated = (MatchPreference.objects.visible_to(request.user).filter(organization=organization)
              .select_related("from_participant", "to_participant"))
    return render(request, "matching/preferences.html", {"organization": organization, "form": form,
                                                         "preferences": stated})


@login_required
@require_POST
def preference_delete(request: HttpRequest, pk: int) -> HttpResponse:
    preference = get_object_or_404(MatchPreference.objects.visible_to(request.user), pk=pk)
    _named_scope(request.user, preference.organization)
    actions.remove_preference(preference, actor=request.user)
    messages.success(request, "Предпочтение удалено.")
    return redirect("matching:preferences", organization_pk=preference.organization_id)
