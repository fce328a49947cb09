"""Matching pages: start a run, watch it, read the suggestions with reasons, pin/forbid, rerun, accept."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.scoping import may_anywhere, organizations_where
from matching import actions
from matching.models import MatchingRun
from nastavnik.widgets import DateInput
from organizations.models import Organization
from programmes.models import MentorshipForm


class RunForm(forms.Form):
    scope = forms.ModelChoiceField(label="Где подбираем", queryset=Organization.objects.none())
    form = forms.ModelChoiceField(label="Форма наставничества", queryset=MentorshipForm.objects.all(),
                                  required=False, empty_label="все формы по очереди")
    start_date = forms.DateField(label="Начало пар", widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].queryset = organizations_where(user, "run_matching").exclude(kind=Organization.Kind.PARTNER)


def _runs(user):
    return MatchingRun.objects.filter(scope__in=organizations_where(user, "run_matching"))


@login_required
def run_list(request: HttpRequest) -> HttpResponse:
    if not may_anywhere(request.user, "run_matching"):
        raise PermissionDenied
    form = RunForm(request.POST or None, user=request.user,
                   initial={"start_date": timezone.localdate() + datetime.timedelta(days=7)})
    if request.method == "POST" and form.is_valid():
        run = actions.start_run(actor=request.user, **form.cleaned_data)
        return redirect("matching:detail", pk=run.pk)
    runs = _runs(request.user).select_related("scope", "form")[:20]
    return render(request, "matching/run_list.html", {"form": form, "runs": runs})


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(_runs(request.user).select_related("scope", "form"), pk=pk)
    pinned = {tuple(p) for p in run.pinned}
    forbidden = {tuple(p) for p in run.forbidden}
    context = {"run": run, "pinned": pinned, "forbidden": forbidden}
    template = "matching/_run_body.html" if request.htmx else "matching/run_detail.html"
    return render(request, template, context)


def _change(request: HttpRequest, pk: int, change) -> HttpResponse:
    run = get_object_or_404(_runs(request.user), pk=pk, status=MatchingRun.Status.DONE)
    change(run, mentee_id=int(request.POST["mentee"]), mentor_id=int(request.POST["mentor"]))
    return redirect("matching:detail", pk=run.pk)


@login_required
@require_POST
def pin(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(request, pk, actions.pin)


@login_required
@require_POST
def forbid(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(request, pk, actions.forbid)


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
        messages.error(request, " ".join(error.messages))
        return redirect("matching:detail", pk=run.pk)
    messages.success(request, f"Предложено пар: {count}. Они ждут приказа о закреплении.")
    return redirect("pairs:list")
