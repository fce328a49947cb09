from django.conf import settings
from django.db import models


class MatchingRun(models.Model):
    """One run of matching for a scope: parameters, the curator's pins and forbids, and the result."""

    class Status(models.TextChoices):
        QUEUED = "queued", "в очереди"
        RUNNING = "running", "идёт подбор"
        DONE = "done", "готово"
        FAILED = "failed", "ошибка"
        ACCEPTED = "accepted", "принято"

    scope = models.ForeignKey("organizations.Organization", verbose_name="где подбираем", on_delete=models.CASCADE,
                              related_name="+")
    form = models.ForeignKey("programmes.MentorshipForm", verbose_name="форма", null=True, blank=True,
                             on_delete=models.CASCADE, help_text="Пусто — все формы по очереди.")
    start_date = models.DateField("начало пар")
    status = models.CharField("состояние", max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField("готово, %", default=0)
    pinned = models.JSONField("закреплённые пары", default=list, blank=True)      # [[mentee_id, mentor_id], …]
    forbidden = models.JSONField("исключённые пары", default=list, blank=True)
    result = models.JSONField("результат", null=True, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "запуск подбора"
        verbose_name_plural = "запуски подбора"

    def __str__(self) -> str:
        return f"Подбор в «{self.scope}» от {self.created_at:%d.%m.%Y %H:%M}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.ACCEPTED)
