import datetime
import secrets
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Concat, Substr
from django.utils import timezone

from accounts.scoping import ScopedQuerySet
from people.names import fio_key
from programmes.eligibility import ADULT_AGE, MAX_MENTEES, age_on


class Category(models.TextChoices):
    PUPIL = "pupil", "обучающийся"
    STUDENT = "student", "студент"
    TEACHER = "teacher", "педагог"
    GRADUATE = "graduate", "выпускник"
    PARENT = "parent", "родитель"
    PARTNER_EMPLOYEE = "partner_employee", "сотрудник организации-партнёра"
    OTHER = "other", "другое"


class Sex(models.TextChoices):
    MALE = "m", "м"
    FEMALE = "f", "ж"


# Pupils and students never appear above their organization, not even in the base of mentors.
LEARNERS = (Category.PUPIL, Category.STUDENT)


class ParticipantRecordQuerySet(ScopedQuerySet):
    """Profiles, requests and consents: visible with their participant."""

    participant_path = "participant"


class ParticipantQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(anonymized_at__isnull=True)

    def in_mentor_base_of(self, user, day: datetime.date):
        """Adult mentors of the user's region whose consent to the regional base of mentors is in force."""
        from accounts.scoping import mentor_base_organizations

        agreed = Consent.objects.filter(participant=models.OuterRef("pk"), kind=Consent.Kind.MENTOR_BASE,
                                        given_on__lte=day).filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day))
        return (self.active().filter(organization__in=mentor_base_organizations(user), is_mentor=True)
                .exclude(category__in=LEARNERS).filter(models.Exists(agreed)))


class Participant(models.Model):
    """A person in the personalised register (персонифицированный учёт) of one organization."""

    # Indexed by participant_organization_id (organization, id) below; a second index of the column alone would
    # only cost every insert (the import writes thousands at once, issue 14).
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name="организация", on_delete=models.PROTECT, related_name="participants",
        db_index=False,
    )
    last_name = models.CharField("фамилия", max_length=100)
    first_name = models.CharField("имя", max_length=100)
    middle_name = models.CharField("отчество", max_length=100, blank=True)
    # Normalised ФИО (case, ё/е, spaces) that makes «same person» checks exact on every path.
    fio_key = models.CharField(max_length=320, editable=False, db_index=True)
    birth_date = models.DateField("дата рождения", null=True)
    # Kept after anonymisation so that age-based statistics stay right.
    birth_year = models.PositiveSmallIntegerField("год рождения", editable=False)
    sex = models.CharField("пол", max_length=1, choices=Sex.choices, blank=True)
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField("телефон", max_length=40, blank=True)
    category = models.CharField("категория", max_length=20, choices=Category.choices)
    grade = models.PositiveSmallIntegerField("класс/курс", null=True, blank=True)
    grade_letter = models.CharField("литера класса", max_length=3, blank=True)
    teaching_experience_years = models.PositiveSmallIntegerField("педагогический стаж, лет", null=True, blank=True)
    professional_experience_years = models.PositiveSmallIntegerField(
        "профессиональный стаж, лет", null=True, blank=True
    )
    is_mentor = models.BooleanField("наставник", default=False)
    is_mentee = models.BooleanField("наставляемый", default=False)
    interests = models.TextField("интересы", blank=True, help_text="Через запятую.")
    children = models.ManyToManyField(
        "self", verbose_name="дети", symmetrical=False, related_name="parents", blank=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="participants"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    anonymized_at = models.DateTimeField("обезличен", null=True, blank=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "middle_name"]
        verbose_name = "участник"
        verbose_name_plural = "участники"
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fio_key", "birth_date"],
                condition=Q(anonymized_at__isnull=True),
                name="participant_unique_fio_birth_date_in_organization",
            ),
            models.CheckConstraint(condition=Q(is_mentor=True) | Q(is_mentee=True), name="participant_has_role"),
        ]
        # The people of some organizations without reading their rows: the partners whose employees mentor
        # (monitoring.counting) read ids from the index alone.
        indexes = [models.Index(fields=["organization", "id"], name="participant_organization_id")]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.fio_key = fio_key(self.last_name, self.first_name, self.middle_name)
        if self.birth_date:
            self.birth_year = self.birth_date.year
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @classmethod
    def full_name_in_sql(cls):
        """`full_name` as a query expression, for reading many at once (matching): each non-empty part after a
        space, the first space cut off."""
        parts = [models.Case(models.When(**{part: ""}, then=models.Value("")),
                             default=Concat(models.Value(" "), part), output_field=models.CharField())
                 for part in ("last_name", "first_name", "middle_name")]
        return Substr(Concat(*parts, output_field=models.CharField()), 2)

    @property
    def grade_label(self) -> str:
        return f"{self.grade}{self.grade_letter}" if self.grade is not None else ""

    @property
    def roles_label(self) -> str:
        return ", ".join(label for flag, label in ((self.is_mentor, "наставник"), (self.is_mentee, "наставляемый")) if flag)

    def age_on(self, day: datetime.date) -> int | None:
        return age_on(self.birth_date, day) if self.birth_date else None

    def is_minor_on(self, day: datetime.date) -> bool:
        age = self.age_on(day)
        return age is not None and age < ADULT_AGE


class MentorProfile(models.Model):
    """Цифровой профиль наставника (stage 3 questionnaire «Чем я могу быть полезен…»)."""

    class Source(models.TextChoices):
        PUPILS = "pupils", "обучающиеся"
        PARENTS = "parents", "родители"
        TEACHERS = "teachers", "педагоги"
        GRADUATES = "graduates", "выпускники"
        ENTERPRISES = "enterprises", "предприятия"
        OTHER_PARTNERS = "other_partners", "другие партнёры"

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="mentor_profile")
    source = models.CharField("база наставников", max_length=20, choices=Source.choices)
    competences = models.TextField("компетенции", blank=True, help_text="Через запятую.")
    tags = models.TextField("теги", blank=True, help_text="Через запятую, например: #робототехника")
    useful_for = models.TextField("чем могу быть полезен", blank=True)
    preferred_age_min = models.PositiveSmallIntegerField("предпочтительный возраст наставляемого от", null=True, blank=True)
    preferred_age_max = models.PositiveSmallIntegerField("предпочтительный возраст наставляемого до", null=True, blank=True)
    hours_per_month = models.PositiveSmallIntegerField("ресурс времени, часов в месяц", null=True, blank=True)
    forms = models.ManyToManyField("programmes.MentorshipForm", verbose_name="готов к формам", blank=True)
    max_mentees = models.PositiveSmallIntegerField("личный предел наставляемых", default=MAX_MENTEES)

    objects = ParticipantRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "профиль наставника"
        verbose_name_plural = "профили наставников"
        constraints = [
            models.CheckConstraint(condition=Q(max_mentees__gte=1, max_mentees__lte=MAX_MENTEES), name="mentor_limit_1_to_3"),
        ]

    def __str__(self) -> str:
        return f"Профиль наставника: {self.participant}"


class MenteeProfile(models.Model):
    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="mentee_profile")
    desired_form = models.ForeignKey(
        "programmes.MentorshipForm", verbose_name="желаемая форма", null=True, blank=True, on_delete=models.SET_NULL
    )
    # Вариация ролевой модели the mentee needs (e.g. «лидер – пассивный»); matching scores the mentors it fits.
    desired_variant = models.ForeignKey(
        "programmes.RoleModelVariant", verbose_name="вариация ролевой модели", null=True, blank=True,
        on_delete=models.SET_NULL,
    )
    # «учитель – учитель»: a teacher new to the organization, or flagged by the curator with a reason.
    new_to_organization = models.BooleanField("новый педагог в организации", default=False)
    support_reason = models.CharField("основание для наставничества (отметка куратора)", max_length=300, blank=True)

    objects = ParticipantRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "профиль наставляемого"
        verbose_name_plural = "профили наставляемых"

    def __str__(self) -> str:
        return f"Профиль наставляемого: {self.participant}"


class MenteeRequest(models.Model):
    """Запрос наставляемого: what they need, in which area, and who stated it."""

    class Area(models.TextChoices):
        STUDY = "study", "учёба"
        OLYMPIAD = "olympiad", "олимпиады и конкурсы"
        CAREER = "career", "профориентация"
        PERSONAL = "personal", "личностное развитие"
        ADAPTATION = "adaptation", "адаптация"
        CREATIVE = "creative", "творчество и проекты"
        SPORT = "sport", "спорт и здоровье"
        PROFESSIONAL = "professional", "профессиональное развитие"
        OTHER = "other", "другое"

    class StatedBy(models.TextChoices):
        SELF = "self", "сам наставляемый"
        CLASS_TEACHER = "class_teacher", "классный руководитель"
        PSYCHOLOGIST = "psychologist", "педагог-психолог"
        SOCIAL_WORKER = "social_worker", "социальный педагог"
        PARENT = "parent", "родитель"
        ADMINISTRATION = "administration", "администрация"

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="requests")
    text = models.CharField("запрос", max_length=500)
    area = models.CharField("область", max_length=20, choices=Area.choices, default=Area.OTHER)
    stated_by = models.CharField("кем заявлен", max_length=20, choices=StatedBy.choices, default=StatedBy.SELF)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ParticipantRecordQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "запрос наставляемого"
        verbose_name_plural = "запросы наставляемых"
        # Matching joins each mentee's requests to the mentee in the order stated (matching.reading).
        indexes = [models.Index(fields=["participant", "created_at", "id"], name="request_in_order")]

    def __str__(self) -> str:
        return self.text


def scan_path(consent, filename: str) -> str:
    """A random name that tells nothing and cannot be guessed; the extension is the one its content showed."""
    return f"consents/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Consent(models.Model):
    class Kind(models.TextChoices):
        PERSONAL_DATA = "personal_data", "согласие на обработку персональных данных"
        REPRESENTATIVE = "representative", "согласие законного представителя"
        # Seed 004 §2.9: the region's base of mentors shows the name, organization and competences of the
        # adult mentors who agreed; the school records the consent like the others.
        MENTOR_BASE = "mentor_base", "согласие на включение в региональную базу наставников"

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField("вид", max_length=20, choices=Kind.choices)
    given_on = models.DateField("дата согласия")
    representative_name = models.CharField("законный представитель", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="внёс", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    scan = models.FileField("скан", upload_to=scan_path, blank=True)
    # Given from the person's own login (logins app) rather than on a signed paper form.
    given_online = models.BooleanField("дано онлайн", default=False)
    withdrawn_on = models.DateField("дата отзыва", null=True, blank=True)

    objects = ParticipantRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = "согласие"
        verbose_name_plural = "согласия"
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "kind"],
                condition=Q(withdrawn_on__isnull=True),
                name="one_active_consent_per_kind",
            ),
            models.CheckConstraint(
                condition=~Q(kind="representative") | ~Q(representative_name=""),
                name="representative_consent_names_representative",
            ),
        ]
        # The indicators leave out whoever withdrew a consent by a day (monitoring.counting): few rows, looked up
        # for every participant counted.
        indexes = [models.Index(fields=["participant"], condition=Q(withdrawn_on__isnull=False),
                                name="consent_withdrawn_participant"),
                   # Matching asks of each of a region's people whether a consent of a kind is in force on a day
                   # (matching.reading): answered from this index alone, without reading the consents' rows.
                   models.Index(fields=["participant", "kind", "given_on", "withdrawn_on"], name="consent_in_force")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} от {self.given_on:%d.%m.%Y}"

    def is_in_force_on(self, day: datetime.date) -> bool:
        return self.given_on <= day and (self.withdrawn_on is None or day < self.withdrawn_on)


class PendingImportQuerySet(models.QuerySet):
    def keep(self, user, organization, name: str, content: bytes) -> "PendingImport":
        """Store an upload until its confirmation; replaces the user's previous pending file and drops everybody's
        expired ones."""
        self.filter(user=user).delete()
        self.filter(created_at__lte=timezone.now() - PendingImport.LIFETIME).delete()
        return self.create(token=secrets.token_urlsafe(32), user=user, organization=organization, name=name[:255],
                           content=content)

    def waiting(self, user, token: str) -> "PendingImport | None":
        """The user's own upload under `token`, if it has not expired."""
        return self.filter(token=token, user=user, created_at__gt=timezone.now() - PendingImport.LIFETIME).first()


class PendingImport(models.Model):
    """An uploaded file (participants, a roadmap) between its preview and the confirmation. It waits in the
    database, not in a shared folder, and only the user who uploaded it may confirm it."""

    LIFETIME = datetime.timedelta(hours=24)

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="+")
    name = models.CharField("файл", max_length=255)
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PendingImportQuerySet.as_manager()

    class Meta:
        verbose_name = "файл импорта до подтверждения"
        verbose_name_plural = "файлы импорта до подтверждения"

    def __str__(self) -> str:
        return self.name
