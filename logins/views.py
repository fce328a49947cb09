"""Invitations, the curator's side: the list, invitations from a card, a pair, a selection or a class, re-sending,
revoking and closing a login."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST

from accounts.scoping import may, may_anywhere, organizations_where
from logins import actions, sheet
from logins.forms import ClassSheetForm, InviteForm
from logins.models import Invitation, SelfEdit
from organizations.models import Organization
from pairs.models import Pair
from people.filters import ParticipantFilter
from people.lookups import managed_participant
from people.models import Participant
from utilities.forms import run_action
from utilities.paging import paginate

FORM_METHODS = require_http_methods(["GET", "POST"])
MAX_SLIPS = 500  # one sheet: a school's selection, not the whole register


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


@login_required
def invitation_list(request: HttpRequest) -> HttpResponse:
    invitations = Invitation.objects.visible_to(request.user).select_related("participant", "user", "organization")
    if not may_anywhere(request.user, "view_people"):
        raise PermissionDenied
    state = request.GET.get("state", "")
    if state in Invitation.State.values:
        invitations = invitations.in_state(state, timezone.now())
    if request.GET.get("participant", "").isdigit():
        invitations = invitations.filter(participant=request.GET["participant"])
    edits = SelfEdit.objects.visible_to(request.user).filter(
        participant__organization__in=organizations_where(request.user, "view_people"))
    context = {**paginate(request, invitations), "states": Invitation.State.choices, "state": state,
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
        kind__in=Organization.TERRITORY_KINDS)
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
