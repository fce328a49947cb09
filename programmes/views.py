"""Programme pages: the organization's programme for a school year with its seven stages, what each
produced and what is missing before the next one; the forms call programmes.actions."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.scoping import may, may_anywhere, organizations_where
from organizations.models import Organization
from programmes import actions, stages
from programmes.forms import CalendarFormSet, NewProgrammeForm, ProgrammeForm, StageDocumentForm
from programmes.models import Programme, ProgrammeStage, StageDocument
from programmes.progress import current, progress
from utilities.forms import run_action

FORM_METHODS = require_http_methods(["GET", "POST"])
POST_ONLY = require_http_methods(["POST"])


def _organizations(user):
    return organizations_where(user, "view_organization").filter(kind__in=Organization.EDUCATIONAL_KINDS)


def _managed(request: HttpRequest, organization: Organization) -> None:
    if not may(request.user, "manage_programme", organization):
        raise PermissionDenied


def _visible_programme(request: HttpRequest, pk: int, *, manage: bool = False) -> Programme:
    programme = get_object_or_404(Programme.objects.visible_to(request.user).select_related("organization"), pk=pk)
    if manage:
        _managed(request, programme.organization)
    return programme


def _school_year(request: HttpRequest) -> int:
    year = request.GET.get("year", "")
    return int(year) if year.isdigit() else stages.school_year_of(timezone.localdate())


@login_required
def programme_index(request: HttpRequest) -> HttpResponse:
    """The organizations the user sees with their programme of the school year; a school's own staff get the
    programme at once."""
    organizations = list(_organizations(request.user).select_related("parent"))
    if not may_anywhere(request.user, "view_organization"):
        raise PermissionDenied
    if len(organizations) == 1:
        return _programme_page(request, organizations[0])
    year = _school_year(request)
    programmes = {p.organization_id: p for p in Programme.objects.filter(organization__in=organizations, year=year)
                  .prefetch_related(Prefetch("stages", queryset=ProgrammeStage.objects.order_by("number")))}
    rows = [(o, programmes.get(o.pk)) for o in organizations]
    return render(request, "programmes/index.html", {"rows": rows, "year_label": stages.school_year_label(year)})


@login_required
def programme_detail(request: HttpRequest, organization: int) -> HttpResponse:
    return _programme_page(request, get_object_or_404(_organizations(request.user), pk=organization))


def _programme_page(request: HttpRequest, organization: Organization) -> HttpResponse:
    """The programme of the school year (?year=2026, the current one by default) with its seven stages."""
    year = _school_year(request)
    programme = (Programme.objects.filter(organization=organization, year=year)
                 .select_related("curator").prefetch_related("forms", "calendar").first())
    stages_progress = progress(programme) if programme else []
    context = {
        "organization": organization, "programme": programme, "year": year,
        "year_label": stages.school_year_label(year), "stages": stages_progress,
        "current": current(stages_progress), "can_manage": may(request.user, "manage_programme", organization),
        "other_years": Programme.objects.filter(organization=organization).exclude(year=year)
        .values_list("year", flat=True),
    }
    return render(request, "programmes/programme.html", context)


def _to_programme(organization, year: int, stage: int | None = None) -> HttpResponse:
    url = reverse("programmes:organization", kwargs={"organization": organization.pk})
    return redirect(f"{url}?year={year}" + (f"#stage-{stage}" if stage else ""))


def _form_page(request, form, action, *, title: str, organization, success: str, programme=None):
    result = run_action(form, action)
    if result is not None:
        messages.success(request, success)
        return _to_programme(organization, (programme or result).year)
    context = {"form": form, "title": title, "organization": organization, "programme": programme}
    return render(request, "programmes/form.html", context)


@login_required
@FORM_METHODS
def programme_create(request: HttpRequest, organization: int) -> HttpResponse:
    organization = get_object_or_404(_organizations(request.user), pk=organization)
    _managed(request, organization)
    year = _school_year(request)
    form = NewProgrammeForm(request.POST or None, user=request.user, organization=organization, years=[year - 1, year, year + 1],
                            initial={"year": year, "curator": request.user.pk})
    return _form_page(request, form, partial(actions.create_programme, organization=organization, actor=request.user),
                      title="Новая программа наставничества", organization=organization,
                      success="Программа создана: семь этапов ждут начала.")


@login_required
@FORM_METHODS
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _visible_programme(request, pk, manage=True)
    initial = {"forms": list(programme.forms.all()), "goal": programme.goal, "tasks": programme.tasks,
               "expected_results": programme.expected_results, "curator": programme.curator_id,
               "ends_on": programme.ends_on}
    form = ProgrammeForm(request.POST or None, user=request.user, organization=programme.organization, initial=initial)
    return _form_page(request, form, partial(actions.update_programme, programme, actor=request.user),
                      title=str(programme), organization=programme.organization, programme=programme,
                      success="Программа сохранена.")


def _calendar_rows(formset) -> list[dict]:
    """The filled rows of a valid formset, in their order."""
    return [form.cleaned_data for form in formset.forms if any(v not in (None, "") for v in form.cleaned_data.values())]


@login_required
@FORM_METHODS
def calendar_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The calendar plan as a whole: saved all or nothing; the action's errors name the row."""
    programme = _visible_programme(request, pk, manage=True)
    fields = ["event", "stage", "due_date", "due_text", "responsible", "result"]
    initial = list(programme.calendar.values(*fields))
    formset = CalendarFormSet(request.POST or None, initial=initial)
    errors = []
    if formset.is_valid():
        try:
            actions.set_calendar_plan(programme, _calendar_rows(formset), actor=request.user)
            messages.success(request, "Календарный план сохранён.")
            return _to_programme(programme.organization, programme.year)
        except ValidationError as error:
            errors = error.messages
    context = {"programme": programme, "formset": formset, "errors": errors}
    return render(request, "programmes/calendar_form.html", context)


def _stage_step(request: HttpRequest, pk: int, action, success: str) -> HttpResponse:
    stage = get_object_or_404(ProgrammeStage.objects.filter(programme__in=Programme.objects.visible_to(request.user))
                              .select_related("programme__organization"), pk=pk)
    _managed(request, stage.programme.organization)
    try:
        action(stage, actor=request.user, on=timezone.localdate())
        messages.success(request, success.format(number=stage.number))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _to_programme(stage.programme.organization, stage.programme.year, stage.number)


@login_required
@POST_ONLY
def stage_start(request: HttpRequest, pk: int) -> HttpResponse:
    return _stage_step(request, pk, actions.start_stage, "Этап {number} начат.")


@login_required
@POST_ONLY
def stage_complete(request: HttpRequest, pk: int) -> HttpResponse:
    return _stage_step(request, pk, actions.complete_stage, "Этап {number} завершён.")


@login_required
@FORM_METHODS
def document_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _visible_programme(request, pk, manage=True)
    form = StageDocumentForm(request.POST or None, initial={"kind": request.GET.get("kind", "")})
    return _form_page(request, form, partial(actions.record_stage_document, programme, actor=request.user),
                      title="Документ этапа", organization=programme.organization, programme=programme,
                      success="Документ внесён.")


@login_required
@POST_ONLY
def document_remove(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(
        StageDocument.objects.filter(stage__programme__in=Programme.objects.visible_to(request.user))
        .select_related("stage__programme__organization"), pk=pk)
    programme = document.stage.programme
    _managed(request, programme.organization)
    try:
        actions.remove_stage_document(document, actor=request.user)
        messages.success(request, f"Документ «{document}» удалён.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _to_programme(programme.organization, programme.year, document.stage.number)
