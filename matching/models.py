from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.scoping import ScopedQuerySet
from matching.scoring import CRITERIA, DEFAULT_WEIGHTS, SCALE


class MatchingQuerySet(ScopedQuerySet):
    """Runs and stated preferences: visible where the user may run matching."""

    capability = "run_matching"


class RunQuerySet(MatchingQuerySet):
    organization_path = "scope"


class PreferenceQuerySet(MatchingQuerySet):
    organization_path = "organization"


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
    stage = models.CharField("этап", max_length=100, blank=True)
    pinned = models.JSONField("закреплённые пары", default=list, blank=True)      # [[mentee_id, mentor_id], …]
    forbidden = models.JSONField("исключённые пары", default=list, blank=True)
    result = models.JSONField("результат", null=True, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "запуск подбора"
        verbose_name_plural = "запуски подбора"

    def __str__(self) -> str:
        return f"Подбор: {self.scope}, запуск {timezone.localtime(self.created_at):%d.%m.%Y %H:%M}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.ACCEPTED)


def _weight(label: str, key: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, default=DEFAULT_WEIGHTS[key], validators=[MaxValueValidator(SCALE)])


class MatchingWeights(models.Model):
    """An organization's (or a territory's) points per criterion of the score; defaults in scoring.DEFAULT_WEIGHTS.
    A run uses the weights of its scope, or of the nearest territory above it that set them."""

    organization = models.OneToOneField("organizations.Organization", on_delete=models.CASCADE,
                                        related_name="matching_weights")
    request = _weight("запросы наставляемого совпали с компетенциями наставника (за все; за часть — часть)", "request")
    interest = _weight("интересы наставляемого совпали с интересами и тегами наставника (за все; за часть — часть)",
                       "interest")
    age = _weight("возраст наставляемого в предпочтениях наставника", "age")
    time = _weight("у наставника есть время на встречи раз в две недели", "time")
    form = _weight("наставляемый выбрал форму, наставник к ней готов", "form")
    variant = _weight("наставник подходит к вариации ролевой модели", "variant")
    like = _weight("одна из сторон хотела бы работать с другой, за каждую", "like")
    dislike = _weight("одна из сторон не хотела бы работать с другой (вычитается), за каждую", "dislike")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "веса подбора"
        verbose_name_plural = "веса подбора"

    def __str__(self) -> str:
        return f"Веса подбора: {self.organization}"

    def as_dict(self) -> dict[str, int]:
        return {key: getattr(self, key) for key in DEFAULT_WEIGHTS}

    def clean(self):
        total = sum(getattr(self, key) or 0 for key in CRITERIA)
        if total != SCALE:
            raise ValidationError(f"Баллы шести критериев (запросы, интересы, возраст, время, форма, вариация) "
                                  f"должны в сумме давать {SCALE}, сейчас {total}.")


class MatchPreference(models.Model):
    """After the group meeting (stage 5): whom a mentee or a mentor would like, or not like, to work with."""

    class Kind(models.TextChoices):
        LIKE = "like", "хотел(а) бы работать"
        DISLIKE = "dislike", "не хотел(а) бы работать"

    organization = models.ForeignKey("organizations.Organization", verbose_name="организация", on_delete=models.CASCADE,
                                     related_name="+")
    from_participant = models.ForeignKey("people.Participant", verbose_name="кто", on_delete=models.CASCADE,
                                         related_name="stated_preferences")
    to_participant = models.ForeignKey("people.Participant", verbose_name="о ком", on_delete=models.CASCADE,
                                       related_name="+")
    kind = models.CharField("предпочтение", max_length=10, choices=Kind.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    objects = PreferenceQuerySet.as_manager()

    class Meta:
        ordering = ["from_participant__last_name", "from_participant__first_name", "id"]
        verbose_name = "предпочтение после групповой встречи"
        verbose_name_plural = "предпочтения после групповой встречи"
        constraints = [
            models.UniqueConstraint(fields=["from_participant", "to_participant"], name="one_preference_per_pair"),
            models.CheckConstraint(condition=~Q(from_participant=models.F("to_participant")),
                                   name="preference_about_another_person"),
        ]

    def __str__(self) -> str:
        return f"{self.from_participant} → {self.to_participant}: {self.get_kind_display()}"
