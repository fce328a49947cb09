from django.conf import settings
from django.db import models
from django.db.models import Q

from programmes import stages


class MentoringKind(models.TextChoices):
    """Виды наставничества (seed 004), orthogonal to the form."""

    VIRTUAL = "virtual", "виртуальное (дистанционное)"
    GROUP = "group", "в группе"
    SHORT_TERM = "short_term", "краткосрочное (целеполагающее)"
    REVERSE = "reverse", "реверсивное"
    SITUATIONAL = "situational", "ситуационное"
    SPEED = "speed", "скоростное"
    TRADITIONAL = "traditional", "традиционное («один-на-один»)"


class MentorshipForm(models.Model):
    """Форма наставничества: who mentors whom, with the numbers its eligibility rules use.

    The catalogue is loaded by a data migration with stable codes; the numbers here are the
    seeds' defaults, which a region or an organization may override (see the pairs issue).
    """

    code = models.SlugField("код", max_length=40, unique=True)
    name = models.CharField("наименование", max_length=200, unique=True)
    mentor_categories = models.JSONField("категории наставников", default=list)
    mentee_categories = models.JSONField("категории наставляемых", default=list)
    mentee_age_min = models.PositiveSmallIntegerField("возраст наставляемого от", null=True, blank=True)
    mentee_age_max = models.PositiveSmallIntegerField("возраст наставляемого до", null=True, blank=True)
    mentor_grade_above_mentee = models.BooleanField("наставник в более старшем классе/курсе", default=False)
    mentee_max_teaching_years = models.PositiveSmallIntegerField(
        "стаж молодого специалиста, лет", null=True, blank=True
    )
    mentor_from_partner = models.BooleanField("наставник из организации-партнёра", default=False)
    mentor_min_experience_years = models.PositiveSmallIntegerField(
        "профессиональный стаж наставника от, лет", null=True, blank=True
    )
    mentor_position = models.CharField(
        "должность наставника", max_length=20, blank=True,
        choices=[("head", "руководитель образовательной организации"), ("higher_education", "педагог вуза, колледжа")],
        help_text="Пусто — любая.",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "форма наставничества"
        verbose_name_plural = "формы наставничества"

    def __str__(self) -> str:
        return self.name


class RoleModelVariant(models.Model):
    """Вариация ролевой модели, e.g. «успевающий – неуспевающий»."""

    form = models.ForeignKey(MentorshipForm, on_delete=models.CASCADE, related_name="variants")
    name = models.CharField("вариация", max_length=200)

    class Meta:
        ordering = ["form", "name"]
        verbose_name = "вариация ролевой модели"
        verbose_name_plural = "вариации ролевых моделей"
        constraints = [models.UniqueConstraint(fields=["form", "name"], name="variant_unique_in_form")]

    def __str__(self) -> str:
        return self.name


class FormRuleOverride(models.Model):
    """A region's or an organization's change of one rule of a form; the organization's wins."""

    class Rule(models.TextChoices):
        MENTEE_AGE_MIN = "mentee_age_min", "возраст наставляемого от"
        MENTEE_AGE_MAX = "mentee_age_max", "возраст наставляемого до"
        MENTOR_GRADE_ABOVE_MENTEE = "mentor_grade_above_mentee", "наставник в более старшем классе/курсе"
        MENTEE_MAX_TEACHING_YEARS = "mentee_max_teaching_years", "стаж молодого специалиста, лет"
        MENTOR_FROM_PARTNER = "mentor_from_partner", "наставник из организации-партнёра"
        MENTOR_MIN_EXPERIENCE_YEARS = "mentor_min_experience_years", "профессиональный стаж наставника от, лет"

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name="регион или организация", on_delete=models.CASCADE,
        related_name="rule_overrides",
    )
    form = models.ForeignKey(MentorshipForm, verbose_name="форма", on_delete=models.CASCADE)
    rule = models.CharField("правило", max_length=40, choices=Rule.choices)
    # A number for numeric rules, true/false for yes/no rules, null switches a numeric rule off.
    value = models.JSONField("значение", null=True, blank=True)

    class Meta:
        verbose_name = "изменение правила формы"
        verbose_name_plural = "изменения правил форм"
        constraints = [
            models.UniqueConstraint(fields=["organization", "form", "rule"], name="one_override_per_rule"),
        ]

    def __str__(self) -> str:
        return f"{self.form}: {self.get_rule_display()} = {self.value}"


class ProgrammeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Programmes of the organizations the user sees (staff of the organization and above it)."""
        from accounts.scoping import organizations_where

        return self.filter(organization__in=organizations_where(user, "view_organization"))

    def year_end(self, organization, year: int):
        """The day the organization ends its programme of the school year `year`; None when it set none."""
        return self.filter(organization=organization, year=year).values_list("ends_on", flat=True).first()


class Programme(models.Model):
    """Программа наставничества организации на учебный год."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name="организация", on_delete=models.PROTECT, related_name="programmes"
    )
    year = models.PositiveSmallIntegerField("учебный год", help_text="Год начала: 2026 — это 2026/2027 учебный год.")
    forms = models.ManyToManyField(MentorshipForm, verbose_name="формы наставничества", related_name="programmes")
    goal = models.TextField("цель")
    tasks = models.TextField("задачи", blank=True)
    expected_results = models.TextField("ожидаемые результаты", blank=True)
    ends_on = models.DateField("окончание", null=True, blank=True,
                               help_text="Пусто — 31 мая. Этим днём заканчиваются сроки пар учебного года.")
    curator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="куратор", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "organization__name"]
        verbose_name = "программа наставничества"
        verbose_name_plural = "программы наставничества"
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="one_programme_a_year")]

    def __str__(self) -> str:
        return f"Программа наставничества на {stages.school_year_label(self.year)} учебный год"


class ProgrammeStage(models.Model):
    """One of the seven stages of a programme, with its state."""

    class State(models.TextChoices):
        NOT_STARTED = stages.NOT_STARTED, stages.STATE_LABELS[stages.NOT_STARTED]
        IN_PROGRESS = stages.IN_PROGRESS, stages.STATE_LABELS[stages.IN_PROGRESS]
        COMPLETED = stages.COMPLETED, stages.STATE_LABELS[stages.COMPLETED]

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField("этап", choices=[(s.number, s.title) for s in stages.STAGES])
    state = models.CharField("состояние", max_length=20, choices=State.choices, default=State.NOT_STARTED)
    started_on = models.DateField("начат", null=True, blank=True)
    completed_on = models.DateField("завершён", null=True, blank=True)

    class Meta:
        ordering = ["programme", "number"]
        verbose_name = "этап программы"
        verbose_name_plural = "этапы программы"
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="stage_unique_in_programme"),
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=7), name="stage_number_1_to_7"),
        ]

    def __str__(self) -> str:
        return f"Этап {self.number}. {self.get_number_display()}"


class StageDocument(models.Model):
    """A document a stage produced: an order, a regulation, a base, a report …"""

    OTHER = "other"
    KINDS = [(code, label) for code, label in stages.DOCUMENT_LABELS.items()] + [(OTHER, "иной документ")]

    stage = models.ForeignKey(ProgrammeStage, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("вид документа", max_length=40, choices=KINDS)
    title = models.CharField("наименование", max_length=300, blank=True)
    number = models.CharField("номер", max_length=50, blank=True)
    dated = models.DateField("дата", null=True, blank=True)
    note = models.CharField("примечание", max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["stage", "dated", "id"]
        verbose_name = "документ этапа"
        verbose_name_plural = "документы этапов"

    def __str__(self) -> str:
        name = self.title or self.get_kind_display()
        number = f" № {self.number}" if self.number else ""
        return f"{name}{number}" + (f" от {self.dated:%d.%m.%Y}" if self.dated else "")


class CalendarItem(models.Model):
    """A row of the programme's calendar plan: event, term, who is responsible, the expected result."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="calendar")
    position = models.PositiveSmallIntegerField("№")
    event = models.CharField("мероприятие", max_length=500)
    stage = models.PositiveSmallIntegerField(
        "этап", null=True, blank=True, choices=[(s.number, s.title) for s in stages.STAGES])
    due_date = models.DateField("срок (дата)", null=True, blank=True)
    due_text = models.CharField("срок", max_length=100, blank=True, help_text="Например: «ежемесячно», «в течение года».")
    responsible = models.CharField("ответственный", max_length=300, blank=True)
    result = models.CharField("ожидаемый результат / вид документа", max_length=500, blank=True)

    class Meta:
        ordering = ["programme", "position"]
        verbose_name = "пункт календарного плана"
        verbose_name_plural = "календарный план"
        constraints = [
            models.UniqueConstraint(fields=["programme", "position"], name="calendar_position_unique"),
            models.CheckConstraint(condition=~Q(due_date=None) | ~Q(due_text=""), name="calendar_item_has_a_term"),
        ]

    def __str__(self) -> str:
        return self.event
