"""Meetings of pairs and groups, the feedback after them, the reports the documents ask for, what stops the
meeting clock (holidays, pauses) and the reminders sent. The deadlines themselves are computed (deadlines.py)."""

import hashlib
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from accounts.scoping import ScopedQuerySet, organizations_where
from meetings import deadlines


class Schedule(models.Model):
    """The organization's own period of regular meetings (the Положение may set another than 14 days)."""

    organization = models.OneToOneField("organizations.Organization", on_delete=models.CASCADE,
                                        related_name="meeting_schedule")
    period_days = models.PositiveSmallIntegerField(
        "встреча не реже чем раз в (дней)", default=deadlines.DEFAULT_PERIOD_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)])

    class Meta:
        verbose_name = "период встреч организации"
        verbose_name_plural = "периоды встреч организаций"

    def __str__(self) -> str:
        return f"{self.organization}: {self.period_days} дн."


class HolidayQuerySet(ScopedQuerySet):
    organization_path = "organization"
    capability = "view_organization"


class Holiday(models.Model):
    """Каникулы: the meeting clock of the organization's pairs stops."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="holidays")
    title = models.CharField("название", max_length=100)
    start = models.DateField("с")
    end = models.DateField("по")

    objects = HolidayQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "start"]
        verbose_name = "каникулы"
        verbose_name_plural = "каникулы"
        constraints = [models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="holiday_ordered")]

    def __str__(self) -> str:
        return f"{self.title}: {self.start:%d.%m.%Y} – {self.end:%d.%m.%Y}"


class PairPartQuerySet(ScopedQuerySet):
    pair_path = "pair"


class Pause(models.Model):
    """The pair's work stopped (a long absence, a pause at the request of a side): the meeting clock stops and
    no monthly report is owed for a month that ends in it. An open pause has no end yet."""

    pair = models.ForeignKey("pairs.Pair", on_delete=models.CASCADE, related_name="pauses")
    start = models.DateField("с")
    end = models.DateField("по", null=True, blank=True)
    reason = models.CharField("причина", max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = PairPartQuerySet.as_manager()

    class Meta:
        ordering = ["pair", "start"]
        verbose_name = "приостановка пары"
        verbose_name_plural = "приостановки пар"
        constraints = [
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="pause_ordered"),
            models.UniqueConstraint(fields=["pair"], condition=Q(end__isnull=True), name="pause_one_open"),
        ]

    def __str__(self) -> str:
        return f"Приостановка с {self.start:%d.%m.%Y}"


class MeetingQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """A meeting is visible with any of its pairs (a group meeting to each pair of the group)."""
        from pairs.models import Pair

        return self.filter(pk__in=MeetingPair.objects.filter(pair__in=Pair.objects.visible_to(user)).values("meeting"))


class Meeting(models.Model):
    class Kind(models.TextChoices):
        INTRODUCTION = deadlines.INTRODUCTION, "встреча-знакомство"
        TRIAL = deadlines.TRIAL, "пробная рабочая встреча"
        PLANNING = deadlines.PLANNING, "встреча-планирование"
        REGULAR = deadlines.REGULAR, "регулярная встреча"
        FINAL = deadlines.FINAL, "итоговая встреча"
        GROUP = deadlines.GROUP, "групповая встреча"
        GROUP_REFLECTION = deadlines.GROUP_REFLECTION, "групповая рефлексия"

    class Format(models.TextChoices):
        IN_PERSON = "in_person", "очно"
        REMOTE = "remote", "дистанционно"

    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("вид встречи", max_length=20, choices=Kind.choices)
    starts_at = models.DateTimeField("дата и время")
    duration_minutes = models.PositiveSmallIntegerField("длительность, мин", default=45,
                                                        validators=[MinValueValidator(5), MaxValueValidator(480)])
    format = models.CharField("формат", max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    place = models.CharField("место", max_length=200, blank=True)
    link = models.URLField("ссылка на встречу", max_length=500, blank=True)
    topic = models.CharField("тема", max_length=300)
    summary = models.TextField("что сделано", blank=True, max_length=5000)
    pairs = models.ManyToManyField("pairs.Pair", through="MeetingPair", related_name="meetings")
    attendees = models.ManyToManyField("people.Participant", verbose_name="присутствовали", blank=True,
                                       related_name="+")
    plan_items = models.ManyToManyField("pairs.PlanItem", verbose_name="пункты плана", blank=True, related_name="+")
    planned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "id"]
        verbose_name = "встреча"
        verbose_name_plural = "встречи"
        constraints = [models.CheckConstraint(condition=~Q(format="remote", link=""), name="meeting_remote_has_link")]

    def __str__(self) -> str:
        return f"{self.get_kind_display().capitalize()} {self.starts_at:%d.%m.%Y}"

    @property
    def is_group(self) -> bool:
        return self.kind in (self.Kind.GROUP, self.Kind.GROUP_REFLECTION)


class MeetingPair(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE)
    pair = models.ForeignKey("pairs.Pair", on_delete=models.CASCADE)

    objects = PairPartQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "pair"], name="meeting_pair_unique")]

    def __str__(self) -> str:
        return f"{self.meeting} — пара № {self.pair_id}"


class Side(models.TextChoices):
    MENTOR = deadlines.MENTOR, "наставник"
    MENTEE = deadlines.MENTEE, "наставляемый"


def _own_pairs(user):
    """Pairs in which the user is a side: their mentor, one of their mentees or a mentee's representative."""
    from accounts.roles import Role
    from accounts.scoping import personal_participant_ids
    from pairs.models import Pair, PairMentee

    mentees = PairMentee.objects.filter(mentee__in=personal_participant_ids(user, Role.MENTEE, Role.REPRESENTATIVE))
    return Pair.objects.filter(Q(mentor__in=personal_participant_ids(user, Role.MENTOR))
                               | Q(pk__in=mentees.values("pair")))


class FeedbackQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Private to the pair, the curator and the psychologist: the head sees the meetings, not the feedback."""
        from pairs.models import Pair

        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(pair__in=Pair.objects.visible_to(user)).filter(
            Q(pair__organization__in=organizations_where(user, "view_feedback")) | Q(pair__in=_own_pairs(user)))


SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class Feedback(models.Model):
    """Обратная связь after a meeting from one side of one pair."""

    SCORES = ("usefulness", "comfort", "progress")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="feedback")
    pair = models.ForeignKey("pairs.Pair", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey("people.Participant", verbose_name="участник", on_delete=models.CASCADE,
                               related_name="+")
    side = models.CharField("сторона", max_length=10, choices=Side.choices)
    usefulness = models.PositiveSmallIntegerField("польза встречи (1–5)", validators=SCALE)
    comfort = models.PositiveSmallIntegerField("комфорт общения (1–5)", validators=SCALE)
    progress = models.PositiveSmallIntegerField("продвижение по плану (1–5)", validators=SCALE)
    went_well = models.TextField("что получилось", blank=True, max_length=2000)
    to_change = models.TextField("что изменить", blank=True, max_length=2000)
    next_step = models.TextField("следующий шаг", blank=True, max_length=2000)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["meeting__starts_at", "id"]
        verbose_name = "обратная связь"
        verbose_name_plural = "обратная связь"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "author"], name="feedback_once_per_meeting"),
            *[models.CheckConstraint(condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 5}), name=f"feedback_{name}_1_5")
              for name in ("usefulness", "comfort", "progress")],
        ]

    def __str__(self) -> str:
        return f"Обратная связь: {self.meeting}"

    @property
    def score(self) -> float:
        return (self.usefulness + self.comfort + self.progress) / 3


class ReportQuerySet(ScopedQuerySet):
    pair_path = "pair"


class Report(models.Model):
    """A report the documents ask for, stored as its answers; `key` is the deadline it meets (deadlines.py)."""

    class Kind(models.TextChoices):
        MONTHLY = deadlines.MONTHLY_REPORT, "ежемесячный отчёт наставника"
        MENTOR_FINAL = deadlines.MENTOR_FINAL, "отчёт наставника о выполнении плана"
        MENTEE_FINAL = deadlines.MENTEE_FINAL, "отчёт наставляемого с оценкой наставника"
        FINAL_INTERVIEW = deadlines.FINAL_INTERVIEW, "итоговое собеседование с наставляемым"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "сдан"
        APPROVED = "approved", "утверждён руководителем"

    pair = models.ForeignKey("pairs.Pair", on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField("вид отчёта", max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=60)
    author = models.ForeignKey("people.Participant", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    about = models.ForeignKey("people.Participant", verbose_name="наставляемый", null=True, blank=True,
                              on_delete=models.CASCADE, related_name="+")
    answers = models.JSONField("ответы", default=dict)
    status = models.CharField("состояние", max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_on = models.DateField("сдан")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_on = models.DateField("утверждён", null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["pair", "submitted_on", "id"]
        verbose_name = "отчёт"
        verbose_name_plural = "отчёты"
        constraints = [models.UniqueConstraint(fields=["pair", "key"], name="report_once_per_deadline")]

    def __str__(self) -> str:
        return f"{self.get_kind_display().capitalize()}, пара № {self.pair_id}"


class Reminder(models.Model):
    """A reminder sent: one row per deadline, stage and recipient, so that no reminder goes out twice. A reminder
    of no pair (a questionnaire not answered, surveys.actions.remind; «Напомнить» of roadmaps.actions.remind) is
    unique by its key, stage and recipient."""

    class Stage(models.TextChoices):
        SOON = "soon", "скоро срок"
        OVERDUE = "overdue", "срок прошёл"
        SURVEY = "survey", "анкета не заполнена"
        CHASING = "chasing", "напоминание организации от уровня выше"

    pair = models.ForeignKey("pairs.Pair", null=True, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=60)
    stage = models.CharField(max_length=10, choices=Stage.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    objects = PairPartQuerySet.as_manager()

    class Meta:
        verbose_name = "отправленное напоминание"
        verbose_name_plural = "отправленные напоминания"
        constraints = [
            models.UniqueConstraint(fields=["pair", "key", "stage", "user"], name="reminder_sent_once"),
            models.UniqueConstraint(fields=["key", "stage", "user"], condition=Q(pair__isnull=True),
                                    name="reminder_of_no_pair_sent_once"),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.get_stage_display()})"


class CalendarToken(models.Model):
    """The secret of a person's iCalendar feed; only its hash is kept, renewing it retires the old address."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "адрес календаря"
        verbose_name_plural = "адреса календарей"

    def __str__(self) -> str:
        return f"Календарь: {self.user}"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return secrets.token_urlsafe(32)


