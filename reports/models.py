"""Отчёты наверх: the yearly programme report of an organization, the summary of a municipality over its
organizations and of a region over its municipalities. Figures are counted from the register when the draft is
built or refreshed and stay as they are once sent, with the files sent (DOCX, XLSX); the texts are the curator's.
Numbers only: nothing here holds a person's name."""

from django.conf import settings
from django.db import models

from accounts.scoping import ScopedQuerySet, organizations_held, organizations_where
from programmes.stages import school_year_label


class ReportQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """The own organization's reports, drafts too; below it, only the ones sent up."""
        return self.filter(models.Q(organization__in=organizations_held(user, "view_organization"))
                           | models.Q(status=Report.Status.SENT,
                                      organization__in=organizations_where(user, "view_organization")))


class Report(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "черновик"
        SENT = "sent", "отправлен"

    # The parts the curator writes before sending: (field, heading).
    TEXTS = (("summary", "Итоги"), ("best_cases", "Лучшие практики и кейсы"), ("plans", "Выводы и планы"))

    organization = models.ForeignKey("organizations.Organization", verbose_name="организация",
                                     on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField("учебный год", help_text="Год начала: 2026 — это 2026/2027 учебный год.")
    day = models.DateField("показатели на дату")
    status = models.CharField("состояние", max_length=10, choices=Status.choices, default=Status.DRAFT)
    figures = models.JSONField("цифры", default=dict)
    summary = models.TextField("Итоги", max_length=20000, blank=True)
    best_cases = models.TextField("Лучшие практики и кейсы", max_length=20000, blank=True)
    plans = models.TextField("Выводы и планы", max_length=20000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField("отправлен", null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    document = models.FileField("отчёт DOCX", upload_to="reports/%Y/", blank=True)
    table = models.FileField("таблицы XLSX", upload_to="reports/%Y/", blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "organization__name", "id"]
        verbose_name = "отчёт"
        verbose_name_plural = "отчёты"
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="report_once_a_year")]

    def __str__(self) -> str:
        return f"{self.title}: {self.organization.name}"

    @property
    def is_summary(self) -> bool:
        """A municipality's or a region's summary over the level below, rather than an organization's report."""
        return self.organization.kind in self.organization.TERRITORY_KINDS

    @property
    def title(self) -> str:
        year = school_year_label(self.year)
        if self.organization.kind == self.organization.Kind.REGION:
            return f"Сводный отчёт региона о наставничестве за {year} учебный год"
        if self.organization.kind == self.organization.Kind.MUNICIPALITY:
            return f"Сводный отчёт муниципалитета о наставничестве за {year} учебный год"
        return f"Отчёт о реализации программы наставничества за {year} учебный год"

    @property
    def editable(self) -> bool:
        return self.status == self.Status.DRAFT

    def texts(self) -> list[tuple[str, str]]:
        """(heading, text) of the curator's parts, in the report's order."""
        return [(heading, getattr(self, name)) for name, heading in self.TEXTS]
