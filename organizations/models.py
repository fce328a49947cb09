import datetime
import operator
from functools import reduce

from django.conf import settings
from django.db import models
from django.db.models import Q

from programmes.eligibility import MAX_MENTEES

# The fixed hierarchy region → municipality → organization: from a node these paths reach the node itself and the
# levels above it. Every walk of the hierarchy, down or up, follows them: `at_or_below`, `at_or_above`, `lineage`.
LINEAGE = ("pk", "parent", "parent__parent")


def at_or_below(roots, path: str = "") -> Q:
    """Rows whose organization — reached from the row by `path`, "" for an organization itself — is one of
    `roots` (a list of organizations or a queryset of organization ids) or lies below one of them."""
    prefix = f"{path}__" if path else ""
    if isinstance(roots, list | tuple):
        roots = [root.pk for root in roots]
    return reduce(operator.or_, (Q(**{f"{prefix}{step}__in": roots}) for step in LINEAGE))


def at_or_above(nodes) -> Q:
    """Organizations that are one of `nodes` (a queryset of organizations) or lie above one of them."""
    return reduce(operator.or_, (Q(pk__in=nodes.values(step)) for step in LINEAGE))


class OrganizationQuerySet(models.QuerySet):
    def at_or_below(self, *roots):
        return self.filter(at_or_below(roots))


# The time zones of Russia's regions (Khakassia: Asia/Krasnoyarsk, UTC+7).
TIME_ZONES = [
    ("Europe/Kaliningrad", "Калининград (UTC+2)"), ("Europe/Moscow", "Москва (UTC+3)"),
    ("Europe/Samara", "Самара (UTC+4)"), ("Asia/Yekaterinburg", "Екатеринбург (UTC+5)"),
    ("Asia/Omsk", "Омск (UTC+6)"), ("Asia/Krasnoyarsk", "Красноярск (UTC+7)"), ("Asia/Irkutsk", "Иркутск (UTC+8)"),
    ("Asia/Yakutsk", "Якутск (UTC+9)"), ("Asia/Vladivostok", "Владивосток (UTC+10)"),
    ("Asia/Magadan", "Магадан (UTC+11)"), ("Asia/Kamchatka", "Камчатка (UTC+12)"),
]


class Organization(models.Model):
    """A node of the fixed hierarchy region → municipality → organization, or a partner."""

    class Kind(models.TextChoices):
        REGION = "region", "регион"
        MUNICIPALITY = "municipality", "муниципалитет"
        SCHOOL = "school", "школа"
        COLLEGE = "college", "колледж"
        EXTRA = "extra", "организация дополнительного образования"
        PARTNER = "partner", "организация-партнёр"

    EDUCATIONAL_KINDS = (Kind.SCHOOL, Kind.COLLEGE, Kind.EXTRA)
    TERRITORY_KINDS = (Kind.REGION, Kind.MUNICIPALITY)

    code = models.CharField("код", max_length=40, unique=True)
    name = models.CharField("наименование", max_length=500)
    kind = models.CharField("тип", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="вышестоящая организация",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    max_mentees_per_mentor = models.PositiveSmallIntegerField(
        "наибольшее число наставляемых у наставника",
        null=True,
        blank=True,
        help_text=f"Не больше {MAX_MENTEES} (Положение о наставничестве, п. 2.5); пусто — {MAX_MENTEES}.",
    )
    time_zone = models.CharField("часовой пояс", max_length=40, choices=TIME_ZONES, blank=True,
                                 help_text="Задаётся региону; пусто — пояс региона (или Москва).")

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "организация"
        verbose_name_plural = "организации"
        constraints = [
            models.CheckConstraint(
                condition=Q(max_mentees_per_mentor__isnull=True)
                | Q(max_mentees_per_mentor__gte=1, max_mentees_per_mentor__lte=MAX_MENTEES),
                name="organization_mentee_limit_1_to_3",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_educational(self) -> bool:
        return self.kind in self.EDUCATIONAL_KINDS

    @property
    def is_partner(self) -> bool:
        return self.kind == self.Kind.PARTNER

    @property
    def zone(self) -> str:
        """Its own time zone, or the nearest one above it (the region's), or the site's."""
        return next((o.time_zone for o in self.lineage() if o.time_zone), settings.TIME_ZONE)

    def lineage(self) -> list["Organization"]:
        """This organization and those above it, nearest first (no query if `parent__parent` was selected)."""
        chain, node = [], self
        for _ in LINEAGE:
            if node is None:
                break
            chain.append(node)
            node = node.parent
        return chain


class AgreementQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date):
        """The agreements in force on `day` (as Agreement.is_valid_on says of one)."""
        return self.filter(valid_from__lte=day).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))


class Agreement(models.Model):
    """Соглашение о сотрудничестве: a partner supplies mentors to an organization or a whole territory."""

    partner = models.ForeignKey(
        Organization,
        verbose_name="организация-партнёр",
        on_delete=models.CASCADE,
        related_name="agreements",
        limit_choices_to={"kind": Organization.Kind.PARTNER},
    )
    counterparty = models.ForeignKey(
        Organization,
        verbose_name="с кем заключено",
        on_delete=models.CASCADE,
        related_name="partner_agreements",
    )
    number = models.CharField("номер", max_length=50)
    signed_on = models.DateField("дата")
    valid_from = models.DateField("действует с")
    valid_until = models.DateField("действует по", null=True, blank=True)
    subject = models.TextField("предмет соглашения", blank=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on"]
        verbose_name = "соглашение о сотрудничестве"
        verbose_name_plural = "соглашения о сотрудничестве"
        constraints = [
            models.UniqueConstraint(fields=["partner", "number"], name="agreement_number_unique"),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="agreement_term_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"№ {self.number} от {self.signed_on:%d.%m.%Y}"

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)
