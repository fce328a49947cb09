"""Invitations (the curator's side), signing in with a code or a link, and the person's own pages."""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST

from accounts.actions import sign_out_everywhere
from accounts.roles import Role
from accounts.scoping import may, may_anywhere, organizations_where, personal_participant_ids
from logins import actions, sheet
from logins.forms import ClassSheetForm, CodeForm, InviteForm, NewPasswordForm, QuestionnaireForm
from logins.models import Invitation, SelfEdit
from organizations.models import Organization
from pairs.models import Pair
from people.filters import ParticipantFilter
from people.lookups import managed_participant
from people.models import Consent, MentorProfile, Participant
from utilities.forms import run_action
from utilities.paging import paginate

FORM_METHODS = require_http_methods(["GET", "POST"])
MAX_SLIPS = 500  # one sheet: a school's selection, not the whole register
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _slips(request: HttpRequest, issued, refused, filename: str) -> HttpResponse:
    content = sheet.sheet(issued, refused, request.build_absolute_uri(reverse("logins:code")))
    response = HttpResponse(content, content_type=sheet.CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _managed_invitation(user, pk: int) -> Invitation:
    invitation = get_object_or_404(Invitation.objects.visible_to(user).select_related("participant__organization"),
                                   pk=pk)
    if not may(user, "manage_people", invitation.organization):
        raise PermissionDenied
    return invitation


# The curator's side


@login_required
def invitation_list(request: HttpRequest) -> HttpResponse:
    invitations = Invitation.objects.visible_to(request.user).select_related("participant", "user", "organization")
    if not may_anywhere(request.user, "view_people"):
        raise PermissionDenied
    state = request.GET.get("state", "")
    now = timezone.now()
    pending = {"redeemed_at__isnull": True, "revoked_at__isnull": True}
    filters = {"invited": {**pending, "expires_at__gt": now}, "overdue": {**pending, "expires_at__lte": now},
               "signed_in": {"redeemed_at__isnull": False}, "revoked": {"revoked_at__isnull": False}}
    if state in filters:
        invitations = invitations.filter(**filters[state])
    edits = SelfEdit.objects.visible_to(request.user).filter(
        participant__organization__in=organizations_where(request.user, "view_people"))
    context = {**paginate(request, invitations), "states": Invitation.State.choices, "state": state, "now": now,
               "edits": edits.select_related("participant")[:20],
               "can_manage": may_anywhere(request.user, "manage_people")}
    return render(request, "logins/invitation_list.html", context)


@login_required
@FORM_METHODS
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    """From a participant's card: their own login, or their parent's; by e-mail, or one slip with a code."""
    participant = managed_participant(request.user, pk)
    form = InviteForm(request.POST or None, initial={"email": participant.email})
    result = run_action(form, lambda **data: actions.invite(participant, actor=request.user,
                                                            site_url=request.build_absolute_uri("/"), **data))
    if result is None:
        return render(request, "logins/invite.html", {"form": form, "participant": participant})
    invitation, secret = result
    if invitation.channel == Invitation.Channel.CODE:
        return _slips(request, [result], [], f"код-{participant.pk}.docx")
    messages.success(request, f"Приглашение отправлено на {invitation.email}.")
    return redirect("people:detail", pk=participant.pk)


@login_required
@FORM_METHODS
def class_sheet(request: HttpRequest) -> HttpResponse:
    """A whole class: codes for everyone of it without a login, on one sheet of slips."""
    organizations = organizations_where(request.user, "manage_people").exclude(
        kind__in=(Organization.Kind.REGION, Organization.Kind.MUNICIPALITY))
    if not organizations.exists():
        raise PermissionDenied
    if "organization" in request.POST and not organizations.filter(pk=request.POST["organization"]).exists():
        raise Http404  # another organization's classes are not even named
    form = ClassSheetForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pupils = (Participant.objects.visible_to(request.user).active()
                  .filter(organization=data["organization"], grade=data["grade"], user__isnull=True)
                  # SQLite folds the case of Latin letters only: «в» and «В» are asked for both.
                  .filter(grade_letter__in={data["grade_letter"].upper(), data["grade_letter"].lower()})
                  .prefetch_related("consents")
                  .select_related("organization"))
        if not pupils:
            form.add_error(None, "В этом классе нет участников без входа.")
        else:
            issued, refused = actions.invite_with_codes(pupils, actor=request.user)
            label = f"{data['grade']}{data['grade_letter']}"
            return _slips(request, issued, refused, f"коды-{label}.docx")
    return render(request, "logins/class_sheet.html", {"form": form})


@login_required
@require_POST
def selection_sheet(request: HttpRequest) -> HttpResponse:
    """The participants list's selection (its filters in the query): codes for everyone found without a login."""
    managed = organizations_where(request.user, "manage_people")
    if not managed.exists():
        raise PermissionDenied
    people = (Participant.objects.visible_to(request.user).active().filter(organization__in=managed, user__isnull=True)
              .select_related("organization").prefetch_related("consents"))
    found = list(ParticipantFilter(request.GET, people, request=request).qs[:MAX_SLIPS + 1])
    if len(found) > MAX_SLIPS:
        messages.error(request, f"Найдено больше {MAX_SLIPS} человек без входа: сузьте поиск (например, до класса).")
        return redirect(reverse("people:list") + "?" + request.GET.urlencode())
    issued, refused = actions.invite_with_codes(found, actor=request.user)
    return _slips(request, issued, refused, "коды.docx")


@login_required
@require_POST
def pair_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """From a pair's card: codes for its mentor and mentees who have no login yet."""
    pair = get_object_or_404(Pair.objects.visible_to(request.user).select_related("organization"), pk=pk)
    if not may(request.user, "manage_people", pair.organization):
        raise PermissionDenied
    people = (Participant.objects.visible_to(request.user).active().filter(user__isnull=True)
              .filter(Q(mentored_pairs=pair) | Q(mentee_pairs__pair=pair)).distinct()
              .select_related("organization").prefetch_related("consents"))
    issued, refused = actions.invite_with_codes(people, actor=request.user)
    return _slips(request, issued, refused, f"коды-пары-{pair.pk}.docx")


@login_required
@require_POST
def resend(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _managed_invitation(request.user, pk)
    try:
        secret = actions.resend(invitation, actor=request.user, site_url=request.build_absolute_uri("/"))
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
        return redirect("logins:list")
    invitation.refresh_from_db()
    if invitation.channel == Invitation.Channel.CODE:
        return _slips(request, [(invitation, secret)], [], f"код-{invitation.participant_id}.docx")
    messages.success(request, f"Приглашение отправлено ещё раз на {invitation.email}.")
    return redirect("logins:list")


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    actions.revoke(_managed_invitation(request.user, pk), actor=request.user)
    messages.success(request, "Приглашение отозвано.")
    return redirect("logins:list")


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    """The person left the programme: their login for this record ends."""
    participant = managed_participant(request.user, pk)
    actions.close_login(participant, actor=request.user)
    messages.success(request, f"Вход «{participant.full_name}» отключён.")
    return redirect("people:detail", pk=participant.pk)


# Signing in with a code or a link


def _accept(request: HttpRequest, secret: str) -> HttpResponse:
    """The password form of a usable invitation (a confirmation for a signed-in person); then signed in."""
    if not AxesProxyHandler.is_allowed(request):
        return render(request, "registration/locked_out.html", status=429)
    try:
        invitation = actions.usable(secret)
    except ValidationError as refusal:
        if isinstance(refusal, actions.UnknownSecret):
            # Guessing codes counts against the address like guessing passwords (django-axes).
            user_login_failed.send(sender=__name__, credentials={"username": "код приглашения"}, request=request)
        return render(request, "logins/refused.html", {"reason": " ".join(refusal.messages)}, status=410)
    signed_in = request.user if request.user.is_authenticated else None
    if signed_in and not actions.is_invitee(signed_in, invitation):
        # Nobody else learns whom it invites (a pupil's name stays in the organization).
        return render(request, "logins/refused.html", {"reason": "Это приглашение не для вашей учётной записи: "
                                                                 "выйдите и откройте его снова."}, status=403)
    has_login = actions.account_of(invitation) is not None
    form = None if signed_in else NewPasswordForm(request.POST if "password" in request.POST else None,
                                                  has_login=has_login)
    if "confirm" in request.POST if signed_in else form.is_bound and form.is_valid():
        try:
            user = actions.redeem(secret, signed_in=signed_in, **(form.cleaned_data if form else {}))
        except ValidationError as refusal:
            if form is None:
                return render(request, "logins/refused.html", {"reason": " ".join(refusal.messages)}, status=409)
            form.add_error(None, refusal)
        else:
            if not signed_in:
                login(request, user, backend=BACKEND)
            messages.success(request, "Готово: вы вошли в «Наставник».")
            return redirect("home")
    context = {"invitation": invitation, "form": form, "secret": secret, "signed_in": signed_in,
               "has_login": has_login}
    return render(request, "logins/accept.html", context)


@FORM_METHODS
def accept_code(request: HttpRequest) -> HttpResponse:
    """The address on the slips: the code, then the password."""
    code_form = CodeForm(request.POST or None)
    if request.method == "POST" and code_form.is_valid():
        return _accept(request, code_form.cleaned_data["code"])
    return render(request, "logins/code.html", {"form": code_form})


@FORM_METHODS
def accept_link(request: HttpRequest, token: str) -> HttpResponse:
    return _accept(request, token)


# The person's own pages


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
