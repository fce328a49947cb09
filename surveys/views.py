"""Questionnaire campaigns for the organization's staff and the territories: the list, a new campaign to a chosen
audience, who answered (names inside the organization, numbers above it), reminding, closing, a paper questionnaire
entered by the curator, the results with charts and the programme's monitoring sheet. Every change goes through
surveys.actions; every query starts from `visible_to`."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from accounts.scoping import may, may_anywhere, organizations_where
from organizations.models import Organization
from pairs.models import Pair
from people.models import Participant
from programmes.models import Programme
from surveys import actions, printing, results, tallies
from surveys.forms import AnswerForm, CampaignForm
from surveys.models import Campaign, Questionnaire, Response
from utilities import charts
from utilities.forms import run_action
from utilities.paging import paginate

FORM_METHODS = require_http_methods(["GET", "POST"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
WAVE_LABELS = dict(Campaign.Wave.choices)


def _campaigns(user):
    return Campaign.objects.visible_to(user).select_related("organization", "questionnaire", "part_of__organization")


def _campaign(user, pk: int) -> Campaign:
    return get_object_or_404(_campaigns(user), pk=pk)


def _may_run(user, campaign: Campaign) -> None:
    if not may(user, "run_surveys", campaign.organization):
        raise PermissionDenied


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    # A territory's campaign stands for its parts; a school sees its part (the territory's is not visible to it).
    campaigns = _campaigns(request.user).exclude(part_of__in=Campaign.objects.visible_to(request.user))
    if not may_anywhere(request.user, "view_organization"):
        raise PermissionDenied
    context = paginate(request, campaigns)
    counts = tallies.progress(context["page"].object_list)
    programmes = Programme.objects.visible_to(request.user).filter(
        organization__in=organizations_where(request.user, "view_people")).select_related("organization")
    context |= {"rows": [(c, *counts[c.pk]) for c in context["page"].object_list],
                "can_create": may_anywhere(request.user, "run_surveys"), "programmes": programmes}
    return render(request, "surveys/campaign_list.html", context)


@login_required
@FORM_METHODS
def campaign_create(request: HttpRequest) -> HttpResponse:
    organizations = organizations_where(request.user, "run_surveys").exclude(kind=Organization.Kind.PARTNER)
    if not organizations.exists():
        raise PermissionDenied
    chosen = request.POST.get("organization", "")
    if chosen and not (chosen.isdigit() and organizations.filter(pk=chosen).exists()):
        raise Http404  # another organization is not even named
    form = CampaignForm(request.POST if request.method == "POST" else None, organizations=organizations)
    campaign = run_action(form, partial(actions.open_campaign, actor=request.user))
    if campaign is not None:
        messages.success(request, "Анкетирование начато.")
        return redirect("surveys:detail", pk=campaign.pk)
    return render(request, "surveys/campaign_form.html", {"form": form})


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    campaign = _campaign(user, pk)
    asked, answered = tallies.progress([campaign])[campaign.pk]
    responses = Response.objects.visible_to(user).filter(campaign=campaign)
    given = set(responses.values_list("participant", flat=True))
    people = Participant.objects.visible_to(user).filter(pk__in=campaign.recipients.values("pk"))
    staff = campaign.questionnaire.audience == actions.STAFF_AUDIENCE
    context = {
        "campaign": campaign, "asked": asked, "answered": answered, "share": charts.share(answered, asked),
        "people": [(person, person.pk in given) for person in people], "parts": tallies.by_part(campaign),
        "staff_responses": responses.filter(participant__isnull=True).select_related("given_by") if staff else [],
        "is_open": campaign.state == Campaign.State.OPEN,
        "can_run": may(user, "run_surveys", campaign.organization),
        "can_enter": may(user, "manage_people", campaign.organization),
        "can_fill": staff and may(user, "manage_programme", campaign.organization),
    }
    return render(request, "surveys/campaign_detail.html", context)


@login_required
@require_POST
def campaign_remind(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request.user, pk)
    _may_run(request.user, campaign)
    try:
        sent = actions.remind(campaign, actor=request.user)
        messages.success(request, f"Напоминаний отправлено: {sent}. Сегодня каждому — не больше одного.")
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    return redirect("surveys:detail", pk=campaign.pk)


@login_required
@require_POST
def campaign_close(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request.user, pk)
    _may_run(request.user, campaign)
    try:
        actions.close(campaign, by=request.user)
        messages.success(request, "Анкетирование закрыто.")
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    return redirect("surveys:detail", pk=campaign.pk)


def answer_page(request: HttpRequest, campaign: Campaign, participant, done: str) -> HttpResponse:
    """The questionnaire as a form (the person's own, the parent's, the curator's from paper); `done`: where next."""
    form = AnswerForm(request.POST if request.method == "POST" else None, questionnaire=campaign.questionnaire)
    if run_action(form, partial(actions.answer, campaign, participant, by=request.user)):
        messages.success(request, "Спасибо! Ответы сохранены.")
        return redirect(done)
    return render(request, "surveys/answer_form.html", {"campaign": campaign, "participant": participant,
                                                        "form": form})


@login_required
@FORM_METHODS
def paper_answer(request: HttpRequest, pk: int, participant: int) -> HttpResponse:
    """A questionnaire filled in on paper, entered by the curator."""
    campaign = _campaign(request.user, pk)
    person = get_object_or_404(Participant.objects.visible_to(request.user).filter(
        pk__in=campaign.recipients.values("pk")), pk=participant)
    if not may(request.user, "manage_people", campaign.organization):
        raise PermissionDenied
    return answer_page(request, campaign, person, done=reverse("surveys:detail", args=[campaign.pk]))


@login_required
@FORM_METHODS
def staff_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The curator's own questionnaires (SWOT, the curator's), answered for the organization."""
    campaign = _campaign(request.user, pk)
    if campaign.questionnaire.audience != actions.STAFF_AUDIENCE or not may(request.user, "manage_programme",
                                                                           campaign.organization):
        raise PermissionDenied
    return answer_page(request, campaign, None, done=reverse("surveys:detail", args=[campaign.pk]))


def _dynamics_rows(means: dict) -> list[dict]:
    return [{"text": text, "waves": [(WAVE_LABELS[w], mean, change) for w, mean, change in rows]}
            for text, rows in means.items()]


@login_required
def results_page(request: HttpRequest) -> HttpResponse:
    """Satisfaction in % and the dynamics entry → intermediate → final of one questionnaire, overall and by
    organization and form (numbers for everybody who sees the campaigns), by pair inside the organization."""
    campaigns = _campaigns(request.user)
    if not may_anywhere(request.user, "view_organization"):
        raise PermissionDenied
    questionnaires = Questionnaire.objects.filter(items__kind="scale").distinct()
    questionnaire = questionnaires.filter(code=request.GET.get("questionnaire", "mentee_dynamics")).first()
    organizations = organizations_where(request.user, "view_organization")
    asked_for = request.GET.get("organization", "")
    chosen = organizations.filter(pk=asked_for).first() if asked_for.isdigit() else None
    if chosen:
        campaigns = campaigns.filter(organization__in=Organization.objects.at_or_below(chosen))
    found = tallies.scores(campaigns.filter(questionnaire=questionnaire))
    pairs = Pair.objects.visible_to(request.user).filter(pk__in=list(found["by_pair"])).select_related("mentor")
    context = {
        "questionnaires": questionnaires, "questionnaire": questionnaire, "organizations": organizations,
        "chosen": chosen,
        "satisfaction": [(WAVE_LABELS[w], *rest) for w, *rest in found["satisfaction"]],
        "satisfaction_bars": charts.bars([(WAVE_LABELS[w], p) for w, _, _, p in found["satisfaction"]
                                          if p is not None]),
        "overall": [{**row, "bars": charts.bars([(w, m) for w, m, _ in row["waves"] if m is not None])}
                    for row in _dynamics_rows(found["overall"])],
        "groups": [("По организациям", [(name, _dynamics_rows(m)) for name, m in found["by_organization"].items()]),
                   ("По формам наставничества", [(name, _dynamics_rows(m)) for name, m in found["by_form"].items()]),
                   ("По парам", [(pair.mentor.full_name, _dynamics_rows(found["by_pair"][pair.pk]))
                                 for pair in pairs])],
        "satisfied_from": results.SATISFIED_FROM,
    }
    return render(request, "surveys/results.html", context)


@login_required
def monitoring_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The programme's monitoring sheet: the SWOT and the curator's answers of its year, with satisfaction."""
    programme = get_object_or_404(Programme.objects.visible_to(request.user).select_related("organization"), pk=pk)
    if not may(request.user, "view_people", programme.organization):
        raise PermissionDenied
    campaigns = _campaigns(request.user).filter(organization=programme.organization)
    responses = Response.objects.visible_to(request.user).filter(campaign__in=campaigns)
    content = printing.monitoring_sheet(programme, campaigns, responses)
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="monitoring-{programme.year}.docx"'
    return response
