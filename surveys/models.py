"""Questionnaires built from items, campaigns sending one to participants, and the responses given."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts.scoping import ScopedQuerySet, organizations_where, participants_q
from surveys import catalogue, results


class Questionnaire(models.Model):
    code = models.SlugField("код", max_length=40, unique=True)
    title = models.CharField("название", max_length=200)
    stage = models.PositiveSmallIntegerField("этап программы")
    audience = models.CharField("кто отвечает", max_length=20)

    class Meta:
        ordering = ["stage", "title"]
        verbose_name = "анкета"
        verbose_name_plural = "анкеты"

    def __str__(self) -> str:
        return self.title


class Item(models.Model):
    class Kind(models.TextChoices):
        SCALE = catalogue.SCALE, "шкала 1–10"
        SINGLE = catalogue.SINGLE, "один вариант"
        MULTIPLE = catalogue.MULTIPLE, "несколько вариантов"
        TEXT = catalogue.TEXT, "текст"

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField("порядок")
    kind = models.CharField("тип", max_length=10, choices=Kind.choices)
    text = models.CharField("вопрос", max_length=300)
    options = models.JSONField("варианты", default=list, blank=True)

    class Meta:
        ordering = ["questionnaire", "position"]
        verbose_name = "вопрос анкеты"
        verbose_name_plural = "вопросы анкет"
        constraints = [models.UniqueConstraint(fields=["questionnaire", "position"], name="item_position_unique")]

    def __str__(self) -> str:
        return self.text


class CampaignQuerySet(ScopedQuerySet):
    organization_path = "organization"
    capability = "view_organization"


class Campaign(models.Model):
    """One questionnaire sent to participants of an organization. A region's or a municipality's campaign is a
    campaign of the territory, without recipients of its own, and one part (`part_of`) per organization below."""

    class State(models.TextChoices):
        OPEN = "open", "идёт"
        CLOSED = "closed", "закрыта"

    class Wave(models.TextChoices):
        ENTRY = results.WAVES[0], "входная"
        INTERMEDIATE = results.WAVES[1], "промежуточная"
        FINAL = results.WAVES[2], "итоговая"

    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="campaigns")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="campaigns")
    wave = models.CharField("срез", max_length=15, choices=Wave.choices, default=Wave.ENTRY)
    state = models.CharField("состояние", max_length=10, choices=State.choices, default=State.OPEN)
    opened_on = models.DateField("начало")
    closed_at = models.DateTimeField("закрыта", null=True, blank=True)
    recipients = models.ManyToManyField("people.Participant", related_name="+", verbose_name="кому")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    part_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="parts",
                                verbose_name="часть кампании территории")

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = "кампания анкетирования"
        verbose_name_plural = "кампании анкетирования"

    def __str__(self) -> str:
        return f"{self.questionnaire} ({self.get_wave_display()}, {self.opened_on:%d.%m.%Y})"


class ResponseQuerySet(ScopedQuerySet):
    participant_path = "participant"

    def visible_to(self, user):
        """A participant's answers go with the participant; the curator's own (SWOT, the curator's questionnaire,
        no participant) are seen inside the organization."""
        of_staff = Q(participant__isnull=True, campaign__organization__in=organizations_where(user, "view_people"))
        return self.filter(participants_q(user, self.participant_path) | of_staff)


class Response(models.Model):
    """A participant's answers in one campaign: one per person and campaign. The curator's questionnaires are
    answered for the organization, without a participant: one per curator and campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="responses")
    participant = models.ForeignKey("people.Participant", null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="survey_responses")
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField("когда", auto_now_add=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = "ответ на анкету"
        verbose_name_plural = "ответы на анкеты"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "participant"], name="response_once_per_campaign"),
            models.UniqueConstraint(fields=["campaign", "given_by"], condition=Q(participant__isnull=True),
                                    name="staff_response_once_per_campaign"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign}: {self.participant or self.given_by}"


class AnswerQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        return self.filter(response__in=Response.objects.visible_to(user))


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    choices = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True, max_length=2000)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "item"], name="answer_once_per_item")]
        verbose_name = "ответ на вопрос"
        verbose_name_plural = "ответы на вопросы"

    def __str__(self) -> str:
        return f"{self.item}: {self.score or ', '.join(self.choices) or self.text[:50]}"
