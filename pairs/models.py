import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts.scoping import ScopedQuerySet
from pairs.plan_templates import is_overdue
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
    def visible_to(self, user):
        """A pair is visible to whoever may see its mentor or one of its mentees (a subquery, so that
        counting the result counts pairs, not mentees)."""
        from accounts.scoping import participants_q

        mentees = PairMentee.objects.filter(participants_q(user, "mentee")).values("pair")
        return self.filter(participants_q(user, "mentor") | Q(pk__in=mentees))

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
    # The date of the order that approved the pair: its mentees count in the indicators from it (monitoring).
    approved_on = models.DateField("утверждена приказом от", null=True, blank=True, editable=False)
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

    @property
    def is_extended(self) -> bool:
        """Продлена: an extension of the term has been applied by an order."""
        return self.changes.filter(kind=PairChange.Kind.EXTENSION, status=PairChange.Status.APPLIED).exists()


class PairPartQuerySet(ScopedQuerySet):
    """Mentees, mentor terms, changes and plans: visible with their pair."""

    pair_path = "pair"


class PlanItemQuerySet(ScopedQuerySet):
    pair_path = "plan__pair"


class PairMenteeQuerySet(PairPartQuerySet):
    def live(self):
        return self.filter(pair__status__in=LIVE_STATUSES, left_on__isnull=True)


class PairMentee(models.Model):
    # Indexed by pair_mentee_counted below (and by pair_mentee_unique).
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="mentees", db_index=False)
    mentee = models.ForeignKey(
        "people.Participant", verbose_name="наставляемый", on_delete=models.PROTECT, related_name="mentee_pairs"
    )
    left_on = models.DateField("выбыл", null=True, blank=True)

    objects = PairMenteeQuerySet.as_manager()

    class Meta:
        verbose_name = "наставляемый в паре"
        verbose_name_plural = "наставляемые в парах"
        constraints = [models.UniqueConstraint(fields=["pair", "mentee"], name="pair_mentee_unique")]
        # The indicators of a municipality read the mentees of its pairs from the index alone (monitoring.counting).
        indexes = [models.Index(fields=["pair", "mentee", "left_on"], name="pair_mentee_counted")]

    def __str__(self) -> str:
        return str(self.mentee)


class MentorTerm(models.Model):
    """Who mentored the pair when: the first term opens with the proposal, a replacement closes it and opens the next."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="mentor_terms")
    mentor = models.ForeignKey(
        "people.Participant", verbose_name="наставник", on_delete=models.PROTECT, related_name="mentor_terms"
    )
    started_on = models.DateField("с")
    ended_on = models.DateField("по", null=True, blank=True)
    reason = models.CharField("основание", max_length=200, blank=True)

    objects = PairPartQuerySet.as_manager()

    class Meta:
        ordering = ["pair", "started_on", "id"]
        verbose_name = "период наставника"
        verbose_name_plural = "периоды наставников"
        constraints = [
            models.UniqueConstraint(fields=["pair"], condition=Q(ended_on__isnull=True), name="mentor_term_one_open"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor}: {self.started_on:%d.%m.%Y} – {self.ended_on and f'{self.ended_on:%d.%m.%Y}' or '…'}"


class PairChange(models.Model):
    """A requested extension of the term or replacement of the mentor, applied when its order is registered."""

    class Kind(models.TextChoices):
        EXTENSION = "extension", "продление"
        REPLACEMENT = "replacement", "замена наставника"

    class Reason(models.TextChoices):
        # Seed 000 §2.9: extension.
        ILLNESS = "illness", "временная нетрудоспособность (болезнь)"
        BUSINESS_TRIP = "business_trip", "командировка"
        LONG_ABSENCE = "long_absence", "иное продолжительное отсутствие по уважительной причине"
        # Seed 000 §2.8: replacement.
        EMPLOYMENT_ENDED = "employment_ended", "прекращение трудовых отношений"
        TRANSFER = "transfer", "перевод на другую должность или в другое подразделение"
        MENTOR_REQUEST = "mentor_request", "просьба наставника"
        MENTEE_REQUEST = "mentee_request", "просьба наставляемого"
        DUTIES_NOT_FULFILLED = "duties_not_fulfilled", "неисполнение наставником обязанностей"
        OTHER = "other", "иные обстоятельства"

    class Status(models.TextChoices):
        PENDING = "pending", "ожидает приказа"
        APPLIED = "applied", "применено"
        CANCELLED = "cancelled", "отменено"

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField("изменение", max_length=20, choices=Kind.choices)
    reason = models.CharField("основание", max_length=30, choices=Reason.choices)
    new_end_date = models.DateField("новое окончание", null=True, blank=True)
    new_mentor = models.ForeignKey(
        "people.Participant", verbose_name="новый наставник", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    effective_on = models.DateField("дата замены", null=True, blank=True)
    status = models.CharField("состояние", max_length=20, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    order_number = models.CharField("номер приказа", max_length=50, blank=True)
    order_date = models.DateField("дата приказа", null=True, blank=True)

    objects = PairPartQuerySet.as_manager()

    class Meta:
        ordering = ["pair", "requested_at", "id"]
        verbose_name = "изменение пары"
        verbose_name_plural = "изменения пар"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="extension", new_end_date__isnull=False, new_mentor__isnull=True)
                | Q(kind="replacement", new_mentor__isnull=False, effective_on__isnull=False),
                name="pair_change_fields_of_its_kind",
            ),
            models.UniqueConstraint(fields=["pair", "kind"], condition=Q(status="pending"),
                                    name="pair_change_one_pending_of_a_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_reason_display()}"


EXTENSION_REASONS = (PairChange.Reason.ILLNESS, PairChange.Reason.BUSINESS_TRIP, PairChange.Reason.LONG_ABSENCE)
REPLACEMENT_REASONS = tuple(r for r in PairChange.Reason if r not in EXTENSION_REASONS)


class IndividualPlan(models.Model):
    """Индивидуальный план (for teachers the персонализированная программа): drafted by the mentor with the
    mentee, acknowledged by the mentee, approved by the head or the curator."""

    class Status(models.TextChoices):
        DRAFT = "draft", "черновик"
        ACKNOWLEDGED = "acknowledged", "ознакомлен наставляемым"
        APPROVED = "approved", "утверждён"

    pair = models.OneToOneField(Pair, on_delete=models.CASCADE, related_name="plan")
    status = models.CharField("состояние", max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_on = models.DateField("ознакомлен", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_on = models.DateField("утверждён", null=True, blank=True)

    objects = PairPartQuerySet.as_manager()

    class Meta:
        verbose_name = "индивидуальный план"
        verbose_name_plural = "индивидуальные планы"

    def __str__(self) -> str:
        return f"План пары № {self.pair_id}"


class PlanItem(models.Model):
    plan = models.ForeignKey(IndividualPlan, on_delete=models.CASCADE, related_name="items")
    section = models.CharField("раздел", max_length=200)
    title = models.CharField("мероприятие", max_length=500)
    deadline = models.DateField("срок")
    responsible = models.CharField("ответственный", max_length=200)
    done = models.BooleanField("выполнено", default=False)
    done_on = models.DateField("дата выполнения", null=True, blank=True)
    result = models.TextField("результат", blank=True)

    objects = PlanItemQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "deadline", "id"]
        verbose_name = "пункт плана"
        verbose_name_plural = "пункты плана"
        constraints = [
            models.CheckConstraint(condition=Q(done=False, done_on__isnull=True) | Q(done=True, done_on__isnull=False),
                                   name="plan_item_done_dated"),
        ]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: datetime.date) -> bool:
        return is_overdue(self.done, self.deadline, today)
