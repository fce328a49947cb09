"""Participant pages: the list with its filters, the card, and the forms that call people.actions."""

from functools import partial
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.forms.models import model_to_dict
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.scoping import may, may_anywhere, organizations_where
from organizations.models import Organization
from pairs.models import PairMentee
from people import actions, privacy, stats
from people.filters import ParticipantFilter
from people.forms import (
    ConsentForm,
    MenteeProfileForm,
    MentorProfileForm,
    ParticipantForm,
    RequestForm,
    WithdrawalForm,
)
from people.lookups import managed_participant
from people.models import Consent, MenteeProfile, MentorProfile, Participant
from people.rules import missing_consents
from people.scans import CONTENT_TYPES
from utilities.forms import run_action
from utilities.paging import paginate

FORM_METHODS = require_http_methods(["GET", "POST"])


def _form_page(request: HttpRequest, form, action, *, title: str, participant=None, success: str, warning=""):
    """Render the form, or run the action and go to the participant's card."""
    result = run_action(form, action)
    if result is not None:
        messages.success(request, success)
        return redirect("people:detail", pk=(participant or result).pk)
    context = {"form": form, "title": title, "participant": participant, "warning": warning}
    return render(request, "people/form.html", context)


@login_required
def participant_list(request: HttpRequest) -> HttpResponse:
    participants = Participant.objects.visible_to(request.user).select_related("organization")
    if not may_anywhere(request.user, "view_people"):
        raise PermissionDenied
    filterset = ParticipantFilter(request.GET, participants, request=request)
    rows = filterset.qs.annotate(missing_consent=stats.missing_consent_label(timezone.localdate()))
    context = {"filter": filterset, **paginate(request, rows),
               "can_manage": may_anywhere(request.user, "manage_people")}
    template = "people/_participant_results.html" if request.htmx else "people/participant_list.html"
    return render(request, template, context)


@login_required
def mentor_base(request: HttpRequest) -> HttpResponse:
    """Региональная база наставников (seed 004 §2.9): name, organization and competences of the adult mentors
    of the region who agreed — what a municipality or the region may see of people."""
    if not may_anywhere(request.user, "view_organization"):
        raise PermissionDenied
    mentors = (Participant.objects.in_mentor_base_of(request.user, timezone.localdate())
               .select_related("organization", "mentor_profile").order_by("last_name", "first_name", "pk"))
    return render(request, "people/mentor_base.html", paginate(request, mentors))


@login_required
def participant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_object_or_404(
        Participant.objects.visible_to(request.user)
        .select_related("organization", "mentor_profile", "mentee_profile__desired_form",
                        "mentee_profile__desired_variant")
        .prefetch_related("consents__recorded_by", "requests", "mentor_profile__forms"),
        pk=pk,
    )
    mentored_pairs = participant.mentored_pairs.select_related("form").prefetch_related(
        Prefetch("mentees", queryset=PairMentee.objects.select_related("mentee"))
    )
    context = {
        "participant": participant,
        "fields": privacy.fields_for(request.user, participant),
        "missing_consents": missing_consents(participant, timezone.localdate()),
        "mentored_pairs": mentored_pairs,
        "mentee_pairs": participant.mentee_pairs.select_related("pair__form", "pair__mentor"),
        "can_manage": participant.anonymized_at is None
        and may(request.user, "manage_people", participant.organization),
        "can_view_audit": may(request.user, "view_audit", participant.organization),
    }
    return render(request, "people/participant_detail.html", context)


@login_required
@FORM_METHODS
def participant_create(request: HttpRequest) -> HttpResponse:
    if not may_anywhere(request.user, "manage_people"):
        raise PermissionDenied
    organizations = organizations_where(request.user, "manage_people").exclude(
        kind__in=Organization.TERRITORY_KINDS
    )
    form = ParticipantForm(request.POST or None, organizations=organizations)
    return _form_page(request, form, partial(actions.create_participant, actor=request.user),
                      title="Новый участник", success="Участник добавлен.")


@login_required
@FORM_METHODS
def participant_edit(request: HttpRequest, pk: int) -> HttpResponse:
    participant = managed_participant(request.user, pk)
    form = ParticipantForm(request.POST or None, initial=model_to_dict(participant, actions.PARTICIPANT_FIELDS))
    return _form_page(request, form, partial(actions.update_participant, participant, actor=request.user),
                      title="Личные данные", participant=participant, success="Изменения сохранены.")


@login_required
@FORM_METHODS
def mentor_profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    participant = managed_participant(request.user, pk, is_mentor=True)
    profile = MentorProfile.objects.visible_to(request.user).filter(participant=participant).first()
    initial = model_to_dict(profile, [*actions.MENTOR_FIELDS, "forms"]) if profile else {}
    form = MentorProfileForm(request.POST or None, initial=initial)
    return _form_page(request, form, partial(actions.save_mentor_profile, participant, actor=request.user),
                      title="Профиль наставника", participant=participant, success="Профиль наставника сохранён.")


@login_required
@FORM_METHODS
def mentee_profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    participant = managed_participant(request.user, pk, is_mentee=True)
    profile = MenteeProfile.objects.visible_to(request.user).filter(participant=participant).first()
    initial = model_to_dict(profile, actions.MENTEE_FIELDS) if profile else {}
    form = MenteeProfileForm(request.POST or None, initial=initial)
    return _form_page(request, form, partial(actions.save_mentee_profile, participant, actor=request.user),
                      title="Профиль наставляемого", participant=participant,
                      success="Профиль наставляемого сохранён.")


@login_required
@FORM_METHODS
def request_create(request: HttpRequest, pk: int) -> HttpResponse:
    participant = managed_participant(request.user, pk, is_mentee=True)
    form = RequestForm(request.POST or None)
    return _form_page(request, form, partial(actions.add_request, participant, actor=request.user),
                      title="Новый запрос наставляемого", participant=participant, success="Запрос добавлен.")


@login_required
@FORM_METHODS
def consent_create(request: HttpRequest, pk: int) -> HttpResponse:
    participant = managed_participant(request.user, pk)
    form = ConsentForm(request.POST or None, request.FILES or None)
    return _form_page(request, form, partial(actions.record_consent, participant, actor=request.user),
                      title="Новое согласие", participant=participant, success="Согласие внесено.")


@login_required
@FORM_METHODS
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    consent = get_object_or_404(
        Consent.objects.visible_to(request.user).filter(participant__anonymized_at__isnull=True)
        .select_related("participant__organization"),
        pk=pk, withdrawn_on__isnull=True,
    )
    participant = consent.participant
    if not may(request.user, "manage_people", participant.organization):
        raise PermissionDenied
    warning = ("После отзыва согласия на обработку персональных данных ФИО, дата рождения, контакты и запросы "
               "участника будут обезличены без возможности восстановления."
               if consent.kind == Consent.Kind.PERSONAL_DATA else "")
    form = WithdrawalForm(request.POST or None)
    return _form_page(request, form, partial(actions.withdraw_consent, consent, actor=request.user),
                      title=f"Отзыв: {consent}", participant=participant, success="Отзыв согласия отмечен.",
                      warning=warning)


def protected_download(field_file, title: str) -> HttpResponse:
    """A stored file after the access check: sent by the web server in production (PROTECTED_MEDIA_SERVER:
    nginx's X-Accel-Redirect to an internal location, Apache's X-Sendfile), by Django otherwise."""
    extension = field_file.name.rsplit(".", 1)[-1].lower()
    server = settings.PROTECTED_MEDIA_SERVER
    if server == "nginx":
        response = HttpResponse()
        response["X-Accel-Redirect"] = settings.PROTECTED_MEDIA_LOCATION + field_file.name
    elif server == "apache":
        response = HttpResponse()
        response["X-Sendfile"] = field_file.path
    else:
        response = FileResponse(field_file.open("rb"))
    response["Content-Type"] = CONTENT_TYPES.get(extension, "application/octet-stream")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(title)}.{extension}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET"])
def consent_scan(request: HttpRequest, pk: int) -> HttpResponse:
    """A consent's scan, to the staff of the person's organization only, always as a download."""
    consent = get_object_or_404(
        Consent.objects.visible_to(request.user).exclude(scan="")
        .select_related("participant__organization"), pk=pk)
    if not may(request.user, "view_people", consent.participant.organization):
        raise PermissionDenied
    return protected_download(consent.scan, f"согласие-{consent.pk}")
