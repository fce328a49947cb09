from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.scoping import ScopedQuerySet


class InvitationQuerySet(ScopedQuerySet):
    """Invitations name people: the staff of their organization who see its people."""

    organization_path = "organization"
    capability = "view_people"

    def pending(self):
        return self.in_state(Invitation.State.INVITED, timezone.now())

    def in_state(self, state: str, moment):
        """The invitations whose `Invitation.state_on(moment)` is `state`, as a query."""
        unused = models.Q(redeemed_at__isnull=True, revoked_at__isnull=True)
        return self.filter({
            Invitation.State.INVITED: unused & models.Q(expires_at__gt=moment),
            Invitation.State.OVERDUE: unused & models.Q(expires_at__lte=moment),
            Invitation.State.SIGNED_IN: models.Q(redeemed_at__isnull=False, revoked_at__isnull=True),
            Invitation.State.REVOKED: models.Q(revoked_at__isnull=False),
        }[state])


class Invitation(models.Model):
    """A one-time way in for a person of the register: an e-mail link or a code on a paper slip.

    «own»: the participant's own login (their roles follow the record: mentor, mentee or both);
    «representative»: a legal representative of the participant (a child), named here."""

    class Kind(models.TextChoices):
        OWN = "own", "свой вход участника"
        REPRESENTATIVE = "representative", "законный представитель"

    class Channel(models.TextChoices):
        EMAIL = "email", "ссылка по e-mail"
        CODE = "code", "код на листке"

    class State(models.TextChoices):
        INVITED = "invited", "приглашён"
        SIGNED_IN = "signed_in", "вошёл"
        OVERDUE = "overdue", "просрочено"
        REVOKED = "revoked", "отозвано"

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name="организация", on_delete=models.CASCADE, related_name="+"
    )
    participant = models.ForeignKey(
        "people.Participant", verbose_name="участник", on_delete=models.CASCADE, related_name="invitations"
    )
    kind = models.CharField("кого", max_length=20, choices=Kind.choices, default=Kind.OWN)
    invitee_name = models.CharField("ФИО приглашённого", max_length=300)
    channel = models.CharField("способ", max_length=10, choices=Channel.choices)
    email = models.EmailField("e-mail", blank=True)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField("действует до")
    sent_at = models.DateTimeField("отправлено", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="пригласил", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    redeemed_at = models.DateTimeField("использовано", null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="учётная запись", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="invitations",
    )
    revoked_at = models.DateTimeField("отозвано", null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = "приглашение"
        verbose_name_plural = "приглашения"
        constraints = [
            models.CheckConstraint(condition=~models.Q(channel="email") | ~models.Q(email=""),
                                   name="email_invitation_has_address"),
        ]

    def __str__(self) -> str:
        return f"Приглашение: {self.invitee_name}"

    def state_on(self, moment) -> "Invitation.State":
        if self.revoked_at:
            return self.State.REVOKED
        if self.redeemed_at:
            return self.State.SIGNED_IN
        return self.State.OVERDUE if self.expires_at <= moment else self.State.INVITED

    @property
    def state(self) -> "Invitation.State":
        return self.state_on(timezone.now())


class SelfEditQuerySet(ScopedQuerySet):
    participant_path = "participant"


class SelfEdit(models.Model):
    """A person changed their own questionnaire: which fields, not their values (those are on the card and in
    the journal), so the curator sees what to look at."""

    participant = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="self_edits")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("когда", auto_now_add=True)
    fields = models.JSONField("что изменено", default=list)

    objects = SelfEditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "изменение анкеты участником"
        verbose_name_plural = "изменения анкет участниками"

    def __str__(self) -> str:
        return f"{self.participant}: {', '.join(self.fields)}"
