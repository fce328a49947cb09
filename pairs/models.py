from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts.scoping import ScopedQuerySet
from programmes.models import MentoringKind


class PairStatus(models.TextChoices):
    PROPOSED = "proposed", "предложена"
    APPROVED = "approved", "утверждена приказом"
    ACTIVE = "active", "действует"
    COMPLETED = "completed", "завершена"
    TERMINATED = "terminated", "прекращена досрочно"


# A mentee counts against the mentor's limit from the moment the pair is proposed until it ends.
LIVE_STATUSES = (PairStatus.PROPOSED, PairStatus.APPROVED, PairStatus.ACTIVE)


class PairQuerySet(ScopedQuerySet):
    participant_path = "mentor"

    def visible_to(self, user):
        from accounts.scoping import participants_q

        # A pair is visible to whoever may see its mentor or one of its mentees.
        return self.filter(participants_q(user, "mentor") | participants_q(user, "mentees__mentee")).distinct()

    def live(self):
        return self.filter(status__in=LIVE_STATUSES)


class Pair(models.Model):
    """Наставническая пара, or a group when it has several mentees."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name="организация", on_delete=models.PROTECT, related_name="pairs"
    )
    form = models.ForeignKey("programmes.MentorshipForm", verbose_name="форма", on_delete=models.PROTECT)
    variant = models.ForeignKey(
        "programmes.RoleModelVariant", verbose_name="вариация", null=True, blank=True, on_delete=models.PROTECT
    )
    kind = models.CharField("вид", max_length=20, choices=MentoringKind.choices, default=MentoringKind.TRADITIONAL)
    mentor = models.ForeignKey(
        "people.Participant", verbose_name="наставник", on_delete=models.PROTECT, related_name="mentored_pairs"
    )
    status = models.CharField("состояние", max_length=20, choices=PairStatus.choices, default=PairStatus.PROPOSED)
    start_date = models.DateField("начало")
    planned_end_date = models.DateField("плановое окончание")
    ended_on = models.DateField("фактическое окончание", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PairQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "id"]
        verbose_name = "наставническая пара (группа)"
        verbose_name_plural = "наставнические пары (группы)"
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end_date__gt=models.F("start_date")), name="pair_term_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} — {', '.join(str(m.mentee) for m in self.mentees.all())}"


class PairMenteeQuerySet(models.QuerySet):
    def live(self):
        return self.filter(pair__status__in=LIVE_STATUSES, left_on__isnull=True)


class PairMentee(models.Model):
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="mentees")
    mentee = models.ForeignKey(
        "people.Participant", verbose_name="наставляемый", on_delete=models.PROTECT, related_name="mentee_pairs"
    )
    left_on = models.DateField("выбыл", null=True, blank=True)

    objects = PairMenteeQuerySet.as_manager()

    class Meta:
        verbose_name = "наставляемый в паре"
        verbose_name_plural = "наставляемые в парах"
        constraints = [models.UniqueConstraint(fields=["pair", "mentee"], name="pair_mentee_unique")]

    def __str__(self) -> str:
        return str(self.mentee)
