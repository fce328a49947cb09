"""Invitations and what a person does from their own login. Each runs in one transaction with its audit rows;
mail leaves after the commit. Consents and questionnaires go through people.actions, the one path for their
rules, so an online consent is checked, journalled and (withdrawn) anonymizes exactly as a paper one."""

import datetime

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.actions import close_personal_logins
from accounts.models import RoleAssignment, User
from accounts.roles import Role
from audit import log
from audit.models import AuditEntry
from logins import codes
from logins.models import Invitation, SelfEdit
from people import actions as people_actions
from people.models import Consent, MenteeRequest, MentorProfile, Participant
from people.names import normalize

Kind = Invitation.Kind
NEEDS_REPRESENTATIVE = ("«{name}» — несовершеннолетний: свой вход — только с согласием законного представителя. "
                        "Внесите согласие или пригласите родителя.")


def _same_person(user: User, name: str) -> bool:
    return normalize(user.get_full_name()) == normalize(name)


def is_invitee(user: User, invitation: Invitation) -> bool:
    return _same_person(user, invitation.invitee_name)


def check_invitable(participant: Participant, kind: str, day: datetime.date) -> None:
    """Who may get a login: not an anonymized person; a minor's own login only with the parent's consent."""
    if participant.anonymized_at:
        raise ValidationError("Участник обезличен: приглашать некого.")
    if kind == Kind.OWN and participant.is_minor_on(day) and not any(
            c.kind == Consent.Kind.REPRESENTATIVE and c.is_in_force_on(day) for c in participant.consents.all()):
        raise ValidationError(NEEDS_REPRESENTATIVE.format(name=participant.full_name))


def _new_secret(channel: str) -> str:
    """A secret no other invitation has (a clash of 50 random bits is all but impossible; it is checked anyway)."""
    while True:
        secret = codes.new_code() if channel == Invitation.Channel.CODE else codes.new_link_token()
        if not Invitation.objects.filter(secret_hash=codes.digest(secret)).exists():
            return secret


def _expiry():
    return timezone.now() + datetime.timedelta(days=settings.INVITATION_DAYS)


def _mail(invitation: Invitation, secret: str, site_url: str) -> None:
    link = site_url.rstrip("/") + reverse("logins:accept_link", args=[secret])
    context = {"invitation": invitation, "link": link, "days": settings.INVITATION_DAYS}
    body = render_to_string("logins/invitation_email.txt", context)
    email = invitation.email
    transaction.on_commit(lambda: send_mail("Приглашение в «Наставник»", body, None, [email]))


def _issue(invitation: Invitation, site_url: str) -> str:
    secret = _new_secret(invitation.channel)
    invitation.secret_hash = codes.digest(secret)
    invitation.expires_at = _expiry()
    invitation.sent_at = timezone.now()
    invitation.revoked_at = None
    invitation.save()
    if invitation.channel == Invitation.Channel.EMAIL:
        _mail(invitation, secret, site_url)
    return secret


@transaction.atomic
def invite(participant: Participant, *, actor, kind: str = Kind.OWN, email: str = "", invitee_name: str = "",
           site_url: str = "") -> tuple[Invitation, str]:
    """A new invitation and its secret (to print on a slip, or mailed as a link when `email` is given).
    It replaces the person's earlier unused one of the same kind."""
    check_invitable(participant, kind, timezone.localdate())
    name = invitee_name.strip() if kind == Kind.REPRESENTATIVE else participant.full_name
    if not name:
        raise ValidationError({"invitee_name": "Укажите ФИО законного представителя."})
    earlier = Invitation.objects.pending().filter(participant=participant, kind=kind)
    if kind == Kind.REPRESENTATIVE:
        earlier = [i for i in earlier if normalize(i.invitee_name) == normalize(name)]
    for old in earlier:
        revoke(old, actor=actor)
    invitation = Invitation(organization=participant.organization, participant=participant, kind=kind,
                            invitee_name=name, email=email.strip(), created_by=actor,
                            channel=Invitation.Channel.EMAIL if email.strip() else Invitation.Channel.CODE)
    secret = _issue(invitation, site_url)
    log.record(actor=actor, action=AuditEntry.Action.CREATE, obj=invitation, organization=invitation.organization,
               participant=participant, changes={"kind": [None, kind], "channel": [None, invitation.channel]})
    return invitation, secret


def invite_with_codes(participants, *, actor) -> tuple[list[tuple[Invitation, str]], list[tuple[Participant, str]]]:
    """Codes for a class: (invitation, code) of everyone who may have their own login, and (person, reason) of
    those who may not, so the sheet can say why they are missing."""
    issued, refused = [], []
    for participant in participants:
        try:
            issued.append(invite(participant, actor=actor))
        except ValidationError as error:
            refused.append((participant, " ".join(error.messages)))
    return issued, refused


@transaction.atomic
def resend(invitation: Invitation, *, actor, site_url: str = "") -> str:
    """A fresh secret and term for an unused invitation: the old link or code stops working at once."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.redeemed_at:
        raise ValidationError("Приглашение уже использовано: для нового пароля выдайте новое приглашение.")
    check_invitable(invitation.participant, invitation.kind, timezone.localdate())
    secret = _issue(invitation, site_url)
    log.record(actor=actor, action=AuditEntry.Action.UPDATE, obj=invitation, organization=invitation.organization,
               participant=invitation.participant, changes={"sent_at": [None, invitation.sent_at.isoformat()]})
    return secret


@transaction.atomic
def revoke(invitation: Invitation, *, actor) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.redeemed_at or invitation.revoked_at:
        return invitation
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    log.record(actor=actor, action=AuditEntry.Action.UPDATE, obj=invitation, organization=invitation.organization,
               participant=invitation.participant, changes={"revoked_at": [None, invitation.revoked_at.isoformat()]})
    return invitation


@transaction.atomic
def close_login(participant: Participant, *, actor) -> None:
    """The person left the programme: their unused invitations are revoked, their login (and their parents')
    for this record ends at once."""
    for invitation in Invitation.objects.pending().filter(participant=participant):
        revoke(invitation, actor=actor)
    close_personal_logins(participant, actor=actor)
    Participant.objects.filter(pk=participant.pk).update(user=None)


class UnknownSecret(ValidationError):
    """No invitation has this code or link: a typo, or somebody guessing (counted like a failed log-in)."""


def usable(secret: str, *, lock: bool = False) -> Invitation:
    """The invitation of a link's token or a typed code, or a Russian refusal saying why it cannot be used."""
    hashes = {codes.digest(secret), codes.digest(codes.normalize(secret))}
    found = Invitation.objects.filter(secret_hash__in=hashes).select_related("participant__organization")
    invitation = (found.select_for_update(of=("self",)) if lock else found).first()
    if invitation is None:
        raise UnknownSecret("Код не найден: проверьте, как он набран, или попросите куратора о новом.")
    if invitation.revoked_at:
        raise ValidationError("Приглашение отозвано: попросите куратора о новом.")
    if invitation.redeemed_at:
        raise ValidationError("Приглашение уже использовано: войдите со своим логином и паролем.")
    if invitation.expires_at <= timezone.now():
        raise ValidationError(f"Срок приглашения истёк {timezone.localtime(invitation.expires_at):%d.%m.%Y}: "
                              "попросите куратора о новом.")
    return invitation


def account_of(invitation: Invitation) -> User | None:
    """The login this person already has for this record (a new code for a forgotten password)."""
    holders = User.objects.filter(roles__participant=invitation.participant).distinct()
    return next((u for u in holders if _same_person(u, invitation.invitee_name)), None)


def _roles_of(invitation: Invitation) -> list[Role]:
    if invitation.kind == Kind.REPRESENTATIVE:
        return [Role.REPRESENTATIVE]
    participant = invitation.participant
    return [role for role, flag in ((Role.MENTOR, participant.is_mentor), (Role.MENTEE, participant.is_mentee)) if flag]


@transaction.atomic
def redeem(secret: str, *, signed_in: User | None = None, username: str = "", password: str = "") -> User:
    """Use an invitation once: the login of the signed-in person (one login for several organizations), the
    person's existing login (a new password), or a new one. The roles it grants start at once."""
    invitation = usable(secret, lock=True)
    participant = invitation.participant
    check_invitable(participant, invitation.kind, timezone.localdate())
    user = signed_in if signed_in is not None and signed_in.is_authenticated else account_of(invitation)
    if signed_in is not None and signed_in.is_authenticated and not _same_person(signed_in, invitation.invitee_name):
        raise ValidationError(f"Это приглашение для «{invitation.invitee_name}», а вы вошли как "
                              f"«{signed_in.get_full_name()}»: выйдите и откройте его снова.")
    if user is None:
        user = _new_user(invitation, username)
    if not (signed_in and signed_in.is_authenticated):
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from error
        user.set_password(password)
    user.is_active = True
    user.email = user.email or invitation.email
    user.save()
    for role in _roles_of(invitation):
        RoleAssignment.objects.get_or_create(user=user, role=role, organization=participant.organization,
                                             participant=participant)
    if invitation.kind == Kind.OWN:
        Participant.objects.filter(pk=participant.pk).update(user=user)
    invitation.redeemed_at, invitation.user = timezone.now(), user
    invitation.save(update_fields=["redeemed_at", "user"])
    log.record(actor=user, action=AuditEntry.Action.UPDATE, obj=invitation, organization=invitation.organization,
               participant=participant, changes={"redeemed_at": [None, invitation.redeemed_at.isoformat()]})
    return user


def _new_user(invitation: Invitation, username: str) -> User:
    username = username.strip()
    if not username:
        raise ValidationError({"username": "Придумайте логин."})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": f"Логин «{username}» уже занят: выберите другой."})
    last, first, middle = ([*invitation.invitee_name.split(maxsplit=2), "", ""])[:3]
    user = User(username=username, last_name=last, first_name=first, middle_name=middle)
    user.full_clean(exclude=["password"])
    return user


# What a person may consent to from their login: for a child, what the parent signs; for themselves (adults
# only), the personal data and the regional base of mentors.
FOR_A_CHILD = (Consent.Kind.PERSONAL_DATA, Consent.Kind.REPRESENTATIVE)
FOR_ONESELF = (Consent.Kind.PERSONAL_DATA, Consent.Kind.MENTOR_BASE)


def consent_kinds(user: User, participant: Participant, day: datetime.date) -> tuple[str, ...]:
    held = set(user.roles.filter(participant=participant).values_list("role", flat=True))
    if Role.REPRESENTATIVE in held:
        return FOR_A_CHILD
    if held and not participant.is_minor_on(day):
        return FOR_ONESELF
    return ()


def _may_consent(user: User, participant: Participant, kind: str) -> None:
    if kind not in consent_kinds(user, participant, timezone.localdate()):
        raise ValidationError({"kind": "Это согласие вы не можете дать или отозвать из своего входа."})


@transaction.atomic
def give_consent(participant: Participant, *, actor: User, kind: str) -> Consent:
    """The consent given online today, by the person or the child's representative (named as the signer)."""
    _may_consent(actor, participant, kind)
    name = actor.get_full_name() if kind == Consent.Kind.REPRESENTATIVE else ""
    return people_actions.record_consent(participant, actor=actor, kind=kind, given_on=timezone.localdate(),
                                         representative_name=name, online=True)


@transaction.atomic
def withdraw_consent(consent: Consent, *, actor: User) -> Consent:
    """Withdrawn online today: the same effect as a paper withdrawal (the personal data one anonymizes)."""
    _may_consent(actor, consent.participant, consent.kind)
    return people_actions.withdraw_consent(consent, actor=actor, withdrawn_on=timezone.localdate())


MENTOR_QUESTIONS = {"useful_for": "чем могу быть полезен", "competences": "компетенции",
                    "hours_per_month": "ресурс времени", "max_mentees": "сколько наставляемых"}


@transaction.atomic
def save_questionnaire(participant: Participant, *, actor: User, interests: str, request_text: str = "",
                       request_area: str = MenteeRequest.Area.OTHER, **mentor_answers) -> list[str]:
    """The stage 2–3 questionnaires from the person's own login, through the same actions as the curator's
    forms; the labels of what changed are noted for the curator (SelfEdit)."""
    changed = []
    if interests.strip() != participant.interests:
        people_actions.update_participant(participant, actor=actor, interests=interests.strip())
        changed.append("интересы")
    if participant.is_mentor and mentor_answers:
        profile = MentorProfile.objects.filter(participant=participant).first()
        before = {name: getattr(profile, name) for name in MENTOR_QUESTIONS} if profile else {}
        source = profile.source if profile else _source_of(participant)
        profile = people_actions.save_mentor_profile(participant, actor=actor, source=source, **mentor_answers)
        changed += [label for name, label in MENTOR_QUESTIONS.items() if before.get(name) != getattr(profile, name)]
    if participant.is_mentee and request_text.strip():
        people_actions.add_request(participant, actor=actor, text=request_text, area=request_area)
        changed.append("запрос")
    if changed:
        SelfEdit.objects.create(participant=participant, user=actor, fields=changed)
    return changed


def _source_of(participant: Participant) -> str:
    Source, category = MentorProfile.Source, participant.category
    return {"pupil": Source.PUPILS, "student": Source.PUPILS, "teacher": Source.TEACHERS, "graduate": Source.GRADUATES,
            "parent": Source.PARENTS, "partner_employee": Source.ENTERPRISES}.get(category, Source.OTHER_PARTNERS)
