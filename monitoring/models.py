"""What the indicators need that the register does not hold: denominators and targets, per territory and year."""

from django.core.validators import MaxValueValidator
from django.db import models

from monitoring.indicators import DENOMINATORS, INDICATORS


class Denominator(models.Model):
    """How many children, young-specialist teachers or enterprises a territory has in a year (the system does not
    hold every child); in an organization, its own pupils and teachers."""

    Kind = models.TextChoices("Kind", [(kind.upper(), (kind, labels[0])) for kind, labels in DENOMINATORS.items()])

    territory = models.ForeignKey("organizations.Organization", verbose_name="территория или организация",
                                  on_delete=models.CASCADE, related_name="denominators")
    year = models.PositiveSmallIntegerField("год", validators=[MaxValueValidator(2100)])
    kind = models.CharField("что считается", max_length=20, choices=Kind.choices)
    value = models.PositiveIntegerField("число", validators=[MaxValueValidator(100_000_000)])

    class Meta:
        ordering = ["territory", "kind", "-year"]
        verbose_name = "знаменатель показателя"
        verbose_name_plural = "знаменатели показателей"
        constraints = [models.UniqueConstraint(fields=["territory", "year", "kind"], name="one_denominator_a_year")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.year}: {self.value}"


class Target(models.Model):
    """The target value of an indicator in a territory and a year; without one, the territory above's, then the
    seed's (monitoring.indicators.default_target)."""

    Indicator = models.TextChoices("Indicator", [(i.code.upper(), (i.code, i.name)) for i in INDICATORS])

    territory = models.ForeignKey("organizations.Organization", verbose_name="территория или организация",
                                  on_delete=models.CASCADE, related_name="indicator_targets")
    year = models.PositiveSmallIntegerField("год", validators=[MaxValueValidator(2100)])
    indicator = models.CharField("показатель", max_length=40, choices=Indicator.choices)
    value = models.DecimalField("целевое значение, %", max_digits=4, decimal_places=1,
                                validators=[MaxValueValidator(100)])

    class Meta:
        ordering = ["territory", "indicator", "year"]
        verbose_name = "целевое значение показателя"
        verbose_name_plural = "целевые значения показателей"
        constraints = [
            models.UniqueConstraint(fields=["territory", "year", "indicator"], name="one_target_a_year"),
            models.CheckConstraint(condition=models.Q(value__gte=0, value__lte=100), name="target_is_a_percentage"),
        ]

    def __str__(self) -> str:
        return f"{self.get_indicator_display()}, {self.year}: {self.value}"
