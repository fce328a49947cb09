from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts.scoping import ScopedQuerySet
from documents import typography


class OrderKind(models.TextChoices):
    REGULATION = "regulation", "Об утверждении положения о наставничестве и дорожной карты"
    REGISTRY = "registry", "Об утверждении реестра наставников"
    PAIRS = "pairs", "О закреплении наставнических пар (групп)"
    REPLACEMENT = "replacement", "О замене наставника"
    EXTENSION = "extension", "О продлении срока наставничества"
    REWARD = "reward", "О поощрении наставников"


class ConsentFormKind(models.TextChoices):
    PARTICIPANT = "consent_participant", "Согласие участника программы наставничества"
    REPRESENTATIVE = "consent_representative", "Согласие законного представителя несовершеннолетнего"


DOCUMENT_KINDS = [*OrderKind.choices, *ConsentFormKind.choices]


class OrderQuerySet(ScopedQuerySet):
    organization_path = "organization"
    capability = "view_organization"


class Order(models.Model):
    """Приказ of an organization. A draft names its pairs, pending changes or mentors; registering it
    (number, date) moves what it names to their new state."""

    class Status(models.TextChoices):
        DRAFT = "draft", "проект"
        REGISTERED = "registered", "зарегистрирован"

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name="организация", on_delete=models.PROTECT, related_name="orders"
    )
    kind = models.CharField("вид приказа", max_length=20, choices=OrderKind.choices)
    status = models.CharField("состояние", max_length=20, choices=Status.choices, default=Status.DRAFT)
    number = models.CharField("номер", max_length=50, blank=True)
    date = models.DateField("дата", null=True, blank=True)
    # The year of `date`: numbers are unique within an organization and a year.
    year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    text = models.TextField("текст приказа", help_text="Пустая строка разделяет абзацы.")
    pairs = models.ManyToManyField("pairs.Pair", verbose_name="пары (группы)", blank=True, related_name="orders")
    changes = models.ManyToManyField(
        "pairs.PairChange", verbose_name="изменения пар", blank=True, related_name="orders"
    )
    mentors = models.ManyToManyField("people.Participant", verbose_name="наставники", blank=True,
                                     related_name="orders")
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="подписывает", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    signer_position = models.CharField("должность подписывающего", max_length=200, default="Директор")
    file = models.FileField("файл приказа", upload_to="orders/%Y/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    registered_at = models.DateTimeField("зарегистрирован", null=True, blank=True)

    objects = OrderQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at", "-id"]
        verbose_name = "приказ"
        verbose_name_plural = "приказы"
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "number"], condition=Q(status="registered"),
                                    name="order_number_unique_in_organization_and_year"),
            models.CheckConstraint(
                condition=Q(status="draft") | (~Q(number="") & Q(date__isnull=False, year__isnull=False)),
                name="order_registered_has_number_and_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Приказ {self.heading} «{self.get_kind_display()}»"

    @property
    def heading(self) -> str:
        """«№ 12 от 01.09.2026», or «(проект)»."""
        if self.status == self.Status.DRAFT:
            return "(проект)"
        return f"№ {self.number} от {typography.date_short(self.date)}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class DocumentTemplate(models.Model):
    """An organization's own DOCX template of one kind of document, replacing the default one."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name="организация", on_delete=models.CASCADE,
        related_name="document_templates"
    )
    kind = models.CharField("документ", max_length=30, choices=DOCUMENT_KINDS)
    file = models.FileField("шаблон DOCX", upload_to="document_templates/%Y/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "шаблон документа"
        verbose_name_plural = "шаблоны документов"
        constraints = [models.UniqueConstraint(fields=["organization", "kind"], name="document_template_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.organization}"
