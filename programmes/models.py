from django.db import models


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
