"""Дорожные карты: the roadmap of an organization, a municipality or a region, its sections and items, the
versions sent for approval (согласование) with the comments of the level above.

The live items are the working copy; each sending freezes them as a `Version` (a snapshot), which the level
above approves or returns with comments per item, so every version stays and any two compare side by side.
"""

import datetime

from django.conf import settings
from django.db import models

from accounts.scoping import ScopedQuerySet
from documents.models import OrderKind
from meetings.models import Meeting
from roadmaps.terms import KINDS
from surveys.models import Campaign


class RoadmapQuerySet(ScopedQuerySet):
    organization_path = "organization"
    capability = "view_organization"


class Roadmap(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "черновик"
        SENT = "sent", "на согласовании"
        RETURNED = "returned", "возвращена на доработку"
        APPROVED = "approved", "согласована"

    organization = models.ForeignKey("organizations.Organization", verbose_name="организация",
                                     on_delete=models.PROTECT, related_name="roadmaps")
    title = models.CharField("название", max_length=500)
    starts_on = models.DateField("начало периода", help_text="Сроки «после издания приказа» считаются от этой даты.")
    ends_on = models.DateField("конец периода")
    status = models.CharField("состояние", max_length=20, choices=Status.choices, default=Status.DRAFT)
    template = models.CharField("образец", max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoadmapQuerySet.as_manager()

    class Meta:
        ordering = ["organization__name", "-starts_on", "id"]
        verbose_name = "дорожная карта"
        verbose_name_plural = "дорожные карты"
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                              name="roadmap_period_ends_after_it_starts")]

    def __str__(self) -> str:
        return self.title

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class Section(models.Model):
    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField()
    number = models.CharField("номер", max_length=20, blank=True)
    title = models.CharField("раздел", max_length=1000)

    class Meta:
        ordering = ["position"]
        verbose_name = "раздел дорожной карты"
        verbose_name_plural = "разделы дорожной карты"

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class ItemQuerySet(ScopedQuerySet):
    organization_path = "roadmap__organization"
    capability = "view_organization"

    def overdue(self, day: datetime.date):
        return self.exclude(status__in=Item.CLOSED).filter(due_on__lt=day)


class Item(models.Model):
    """Мероприятие: the term as written, what the term reader made of it, and how it is done."""

    class Status(models.TextChoices):
        PLANNED = "planned", "запланировано"
        IN_PROGRESS = "in_progress", "выполняется"
        DONE = "done", "выполнено"
        CANCELLED = "cancelled", "отменено"

    CLOSED = (Status.DONE, Status.CANCELLED)
    Kind = models.TextChoices("Kind", [(kind, kind) for kind in KINDS])

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="items")
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="items")
    position = models.PositiveIntegerField()
    number = models.CharField("№", max_length=20, blank=True)
    activity = models.TextField("мероприятие", max_length=4000)
    term = models.CharField("срок", max_length=500, blank=True)
    responsible = models.CharField("ответственный", max_length=1000, blank=True)
    result = models.TextField("ожидаемый результат / вид документа", max_length=4000, blank=True)
    kind = models.CharField("вид срока", max_length=20, choices=Kind.choices, default="unread")
    due = models.JSONField("сроки", default=list, blank=True, help_text="Даты ГГГГ-ММ-ДД по порядку.")
    # The first due date: what «просрочено» compares, in SQL.
    due_on = models.DateField("первый срок", null=True, blank=True, db_index=True)
    due_set_by_hand = models.BooleanField("срок задан вручную", default=False)
    attention = models.BooleanField("нужна дата", default=False)
    control_point = models.BooleanField("контрольная точка", default=False)
    status = models.CharField("выполнение", max_length=20, choices=Status.choices, default=Status.PLANNED)
    done_on = models.DateField("выполнено", null=True, blank=True)
    order_kind = models.CharField("подтверждается приказом", max_length=20, choices=OrderKind.choices, blank=True,
                                  help_text="Мероприятие выполнено, когда такой приказ зарегистрирован.")
    order = models.ForeignKey("documents.Order", verbose_name="приказ", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="roadmap_items")
    questionnaire = models.ForeignKey("surveys.Questionnaire", verbose_name="подтверждается анкетированием",
                                      null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                      help_text="Мероприятие выполнено, когда анкетирование по этой анкете закрыто.")
    wave = models.CharField("срез анкетирования", max_length=15, choices=Campaign.Wave.choices, blank=True,
                            help_text="Пусто — любой срез.")
    campaign = models.ForeignKey("surveys.Campaign", verbose_name="анкетирование", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="roadmap_items")
    awaits_report = models.BooleanField("подтверждается отчётом", default=False,
                                        help_text="Мероприятие выполнено, когда отчёт организации за учебный год "
                                                  "периода отправлен.")
    report = models.ForeignKey("reports.Report", verbose_name="отчёт", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="roadmap_items")
    meeting_kind = models.CharField("подтверждается встречей", max_length=20, choices=Meeting.Kind.choices,
                                    blank=True, help_text="Мероприятие выполнено, когда такая встреча проведена.")
    meeting = models.ForeignKey("meetings.Meeting", verbose_name="встреча", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="roadmap_items")
    evidence = models.FileField("подтверждающий документ", upload_to="roadmaps/%Y/", blank=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["position"]
        verbose_name = "мероприятие дорожной карты"
        verbose_name_plural = "мероприятия дорожной карты"

    def __str__(self) -> str:
        return f"{self.number} {self.activity}"[:200].strip()

    @property
    def due_dates(self) -> list[datetime.date]:
        return [datetime.date.fromisoformat(day) for day in self.due]

    @property
    def confirmed_by(self) -> str:
        """What record completes the item, as the choice of the progress form: "order:<kind>",
        "survey:<questionnaire code>[:<wave>]", "report", "meeting:<kind>" or ""."""
        if self.order_kind:
            return f"order:{self.order_kind}"
        if self.questionnaire_id:
            return ":".join(filter(None, ("survey", self.questionnaire.code, self.wave)))
        if self.meeting_kind:
            return f"meeting:{self.meeting_kind}"
        return "report" if self.awaits_report else ""

    @property
    def awaiting(self) -> str:
        """What the item waits for, in the words of the roadmap page; "" when nothing."""
        if self.order_kind:
            return f"ждёт приказа «{self.get_order_kind_display()}»"
        if self.questionnaire_id:
            wave = f" ({self.get_wave_display()})" if self.wave else ""
            return f"ждёт анкетирования «{self.questionnaire.title}»{wave}"
        if self.meeting_kind:
            return f"ждёт встречи «{self.get_meeting_kind_display()}»"
        return "ждёт отправки отчёта за учебный год" if self.awaits_report else ""

    @property
    def record(self):
        """The product's own record that completed the item: an order, a campaign, a report or a meeting."""
        return self.order or self.campaign or self.report or self.meeting

    def overdue_on(self, day: datetime.date) -> bool:
        return self.status not in self.CLOSED and self.due_on is not None and self.due_on < day


class VersionQuerySet(ScopedQuerySet):
    organization_path = "roadmap__organization"
    capability = "view_organization"


class Version(models.Model):
    """A roadmap as sent for approval, frozen: {"sections": […], "items": [{"id", "number", …}]}."""

    class Decision(models.TextChoices):
        PENDING = "pending", "на согласовании"
        RETURNED = "returned", "возвращена на доработку"
        APPROVED = "approved", "согласована"

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("редакция")
    content = models.JSONField()
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField("решение", max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField("замечание в целом", max_length=4000, blank=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        ordering = ["roadmap", "number"]
        verbose_name = "редакция дорожной карты"
        verbose_name_plural = "редакции дорожной карты"
        constraints = [models.UniqueConstraint(fields=["roadmap", "number"], name="roadmap_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.roadmap}, редакция {self.number}"


class Comment(models.Model):
    """A remark of the level above on one item of a version (the item's id in the snapshot)."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="comments")
    item_id = models.BigIntegerField()
    text = models.TextField("замечание", max_length=4000)

    class Meta:
        ordering = ["version", "id"]
        verbose_name = "замечание к мероприятию"
        verbose_name_plural = "замечания к мероприятиям"

    def __str__(self) -> str:
        return self.text[:100]
