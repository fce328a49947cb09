"""The person's own pages: the questionnaire of stages 2–3, «Мои анкеты» (the campaigns of surveys addressed to
them or their children), consents online, the account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.actions import sign_out_everywhere
from accounts.roles import Role
from accounts.scoping import personal_participant_ids
from logins import actions
from logins.forms import QuestionnaireForm
from people.models import Consent, MentorProfile, Participant
from surveys import actions as surveys_actions
from surveys.views import answer_page
from utilities.forms import run_action

FORM_METHODS = require_http_methods(["GET", "POST"])


def _own_participants(user, *roles: Role):
    return Participant.objects.visible_to(user).active().filter(pk__in=personal_participant_ids(user, *roles))


@login_required
@FORM_METHODS
def questionnaire(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_object_or_404(_own_participants(request.user, Role.MENTOR, Role.MENTEE), pk=pk)
    profile = MentorProfile.objects.visible_to(request.user).filter(participant=participant).first()
    initial = {"interests": participant.interests}
    if profile:
        initial |= {name: getattr(profile, name) for name in actions.MENTOR_QUESTIONS}
    form = QuestionnaireForm(request.POST or None, initial=initial, participant=participant)
    changed = run_action(form, lambda **data: actions.save_questionnaire(participant, actor=request.user, **data))
    if changed is not None:
        messages.success(request, "Анкета сохранена." if changed else "Изменений нет.")
        return redirect("logins:questionnaire", pk=participant.pk)
    requests = participant.requests.all()
    return render(request, "logins/questionnaire.html", {"form": form, "participant": participant,
                                                         "requests": requests})


@login_required
def surveys(request: HttpRequest) -> HttpResponse:
    """«Мои анкеты»: the open questionnaires for the person and, on a parent's login, for each child."""
    return render(request, "logins/surveys.html", {"rows": surveys_actions.open_to(request.user)})


@login_required
@FORM_METHODS
def survey_answer(request: HttpRequest, pk: int, participant: int) -> HttpResponse:
    waiting = [(c, p) for c, p, answered in surveys_actions.open_to(request.user)
               if c.pk == pk and p.pk == participant and not answered]
    if not waiting:
        raise Http404
    campaign, person = waiting[0]
    return answer_page(request, campaign, person, done=reverse("logins:surveys"))


@login_required
def consents(request: HttpRequest) -> HttpResponse:
    """Every record the person consents for (their own as an adult, each child's) with its consents."""
    day = timezone.localdate()
    people = _own_participants(request.user).select_related("organization").prefetch_related("consents")
    rows = []
    for participant in people:
        kinds = actions.consent_kinds(request.user, participant, day)
        in_force = {c.kind: c for c in participant.consents.all() if c.is_in_force_on(day)}
        rows.append({"participant": participant, "kinds": [
            {"kind": kind, "label": Consent.Kind(kind).label, "consent": in_force.get(kind)} for kind in kinds]})
    return render(request, "logins/consents.html", {"rows": rows})


def _may_consent(user, participant: Participant, kind: str) -> None:
    if kind not in actions.consent_kinds(user, participant, timezone.localdate()):
        raise PermissionDenied


@login_required
@require_POST
def consent_give(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    participant = get_object_or_404(_own_participants(request.user).prefetch_related("consents"), pk=pk)
    _may_consent(request.user, participant, kind)
    try:
        actions.give_consent(participant, actor=request.user, kind=kind)
        messages.success(request, "Согласие дано.")
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    return redirect("logins:consents")


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    consent = get_object_or_404(Consent.objects.visible_to(request.user).select_related("participant__organization")
                                .filter(participant__in=_own_participants(request.user)), pk=pk,
                                withdrawn_on__isnull=True)
    _may_consent(request.user, consent.participant, consent.kind)
    try:
        actions.withdraw_consent(consent, actor=request.user)
        messages.success(request, "Согласие отозвано.")
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    if not request.user.roles.exists():  # the login ended with the anonymized record
        logout(request)
        return redirect("login")
    return redirect("logins:consents")


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "logins/account.html")


@login_required
@require_POST
def sign_out_all(request: HttpRequest) -> HttpResponse:
    sign_out_everywhere(request.user)
    logout(request)
    return redirect("home")
