from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.scoping import ScopedQuerySet


class AuditQuerySet(ScopedQuerySet):
    organization_path = "organization"
    capability = "view_audit"


class AuditEntry(models.Model):
    """Who changed what and when; written by actions in the same transaction as the change."""

    class Action(models.TextChoices):
        CREATE = "create", "создание"
        UPDATE = "update", "изменение"
        DELETE = "delete", "удаление"
        ANONYMIZE = "anonymize", "обезличивание"
        TRANSITION = "transition", "смена состояния"

    at = models.DateTimeField("когда", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField("действие", max_length=20, choices=Action.choices)
    # The journal outlives its organization: deleting one empties the link, its code and name stay.
    # Indexed by (organization, -at) below, which serves a lookup by the organization alone as well.
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name="организация", null=True, on_delete=models.SET_NULL, related_name="+",
        db_index=False,
    )
    organization_label = models.CharField("организация (код и название)", max_length=600, blank=True)
    object_type = models.CharField("объект", max_length=50)
    object_id = models.BigIntegerField()
    # The participant concerned, so that anonymisation can reach their audit rows.
    participant = models.ForeignKey(
        "people.Participant", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_repr = models.CharField("описание", max_length=300)
    changes = models.JSONField("изменения", default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "запись журнала"
        verbose_name_plural = "журнал изменений"
        indexes = [models.Index(fields=["organization", "-at"])]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.at):%d.%m.%Y %H:%M} {self.get_action_display()} {self.object_repr}"
