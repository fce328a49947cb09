"""Participants, their profiles, requests and consents: the pages' scoping, forms and actions.

Every write runs scope → schema → the page's form (the same input rules) → people.actions (the same
domain rules: duplicates, consents, anonymization). A participant outside the user's scope is a 404,
one they see but may not change a 403, a refusal a 422 with the Russian message (nastavnik/api.py)."""

import copy
import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from typing_extensions import TypeAliasType

from accounts.scoping import may, may_anywhere, organizations_where
from people import actions, privacy
from people.filters import ParticipantFilter
from people.forms import (
    ConsentForm,
    MenteeProfileForm,
    MentorProfileForm,
    ParticipantForm,
    RequestForm,
    WithdrawalForm,
)
from people.lookups import managed_participant
from people.models import Category, Consent, MenteeProfile, MenteeRequest, MentorProfile, Participant, Sex
from programmes.models import MentorshipForm, RoleModelVariant
from utilities.api_errors import errors
from utilities.api_input import Day, InputSchema
from utilities.api_paging import Paging

router = Router(tags=["Участники"])

# Names of their own in the OpenAPI components: ninja keys definitions by class name, and the models'
# «Kind» and «Status» classes share theirs.
ConsentKind = TypeAliasType("ConsentKind", Consent.Kind)

CATEGORIES = "pupil — обучающийся, student — студент, teacher — педагог, graduate — выпускник, parent — родитель, " \
             "partner_employee — сотрудник организации-партнёра, other — другое"
FORM_CODES = "Код формы наставничества, например pupil_pupil, teacher_teacher"


class ParticipantFields(InputSchema):
    last_name: str = Field(description="Фамилия")
    first_name: str = Field(description="Имя")
    middle_name: str = Field("", description="Отчество")
    birth_date: Day = Field(description="Дата рождения, ГГГГ-ММ-ДД")
    sex: Sex | None = Field(None, description="Пол: m или f")
    email: str = Field("", description="E-mail")
    phone: str = Field("", description="Телефон")
    category: Category = Field(description=f"Категория: {CATEGORIES}")
    grade: int | None = Field(None, description="Класс или курс")
    grade_letter: str = Field("", description="Литера класса")
    teaching_experience_years: int | None = Field(None, description="Педагогический стаж, лет")
    professional_experience_years: int | None = Field(None, description="Профессиональный стаж, лет")
    is_mentor: bool = Field(False, description="Наставник")
    is_mentee: bool = Field(False, description="Наставляемый (нужна хотя бы одна из двух ролей)")
    interests: str = Field("", description="Интересы, через запятую")


class ParticipantIn(ParticipantFields):
    """Новый участник организации (например, ученик из школьной информационной системы)."""

    organization: str = Field(description="Код организации")


class ParticipantPatch(InputSchema):
    """Изменяемые поля участника; непереданные остаются прежними, null очищает необязательное поле."""

    last_name: str | None = Field(None, description="Фамилия")
    first_name: str | None = Field(None, description="Имя")
    middle_name: str | None = Field(None, description="Отчество")
    birth_date: Day | None = Field(None, description="Дата рождения, ГГГГ-ММ-ДД")
    sex: Sex | None = Field(None, description="Пол: m или f")
    email: str | None = Field(None, description="E-mail")
    phone: str | None = Field(None, description="Телефон")
    category: Category | None = Field(None, description=f"Категория: {CATEGORIES}")
    grade: int | None = Field(None, description="Класс или курс")
    grade_letter: str | None = Field(None, description="Литера класса")
    teaching_experience_years: int | None = Field(None, description="Педагогический стаж, лет")
    professional_experience_years: int | None = Field(None, description="Профессиональный стаж, лет")
    is_mentor: bool | None = Field(None, description="Наставник")
    is_mentee: bool | None = Field(None, description="Наставляемый")
    interests: str | None = Field(None, description="Интересы, через запятую")


class ParticipantOut(Schema):
    """Участник персонифицированного учёта. Поле, которое пользователю не положено видеть (например, дату
    рождения наставляемого — его наставнику), приходит пустым (null)."""

    id: int
    organization: str = Field(alias="organization.code", description="Код организации")
    last_name: str = Field(description="Фамилия")
    first_name: str = Field(description="Имя")
    middle_name: str = Field(description="Отчество")
    birth_date: datetime.date | None = Field(description="Дата рождения (пусто у обезличенного)")
    sex: str | None = Field(description="Пол: m, f или пусто")
    email: str | None
    phone: str | None
    category: str | None = Field(description=f"Категория: {CATEGORIES}")
    grade: int | None = Field(description="Класс или курс")
    grade_letter: str | None = Field(description="Литера класса")
    teaching_experience_years: int | None = Field(description="Педагогический стаж, лет")
    professional_experience_years: int | None = Field(description="Профессиональный стаж, лет")
    is_mentor: bool | None = Field(description="Наставник")
    is_mentee: bool | None = Field(description="Наставляемый")
    interests: str | None = Field(description="Интересы")
    anonymized: bool = Field(description="Данные обезличены после отзыва согласия на обработку ПД")

    @staticmethod
    def resolve_anonymized(participant) -> bool:
        return participant.anonymized_at is not None


def _shown(user, participant: Participant) -> Participant:
    """A copy of the participant with the fields the user may not see (people.privacy) emptied."""
    fields = privacy.fields_for(user, participant)
    shown = copy.copy(participant)
    for name in ParticipantOut.model_fields.keys() - fields - {"id", "organization", "anonymized"}:
        setattr(shown, name, None)
    return shown


class ParticipantFilterIn(InputSchema):
    q: str | None = Field(None, description="Часть фамилии, имени или отчества")
    organization: str | None = Field(None, description="Код организации (с подчинёнными ей)")
    role: Literal["mentor", "mentee"] | None = Field(None, description="mentor — наставник, mentee — наставляемый")
    category: Category | None = Field(None, description=f"Категория: {CATEGORIES}")
    grade: int | None = Field(None, description="Класс или курс")
    consents: Literal["complete", "incomplete", "no_personal_data", "no_representative"] | None = Field(
        None, description="complete — все согласия есть, incomplete — не хватает согласий, no_personal_data — нет "
                          "согласия на обработку ПД, no_representative — нет согласия законного представителя")
    form: str | None = Field(None, description=FORM_CODES)


class MentorProfileIn(InputSchema):
    """Цифровой профиль наставника («Чем я могу быть полезен в качестве наставника?»)."""

    source: MentorProfile.Source = Field(description="База наставников: pupils, parents, teachers, graduates, "
                                                     "enterprises, other_partners")
    competences: str = Field("", description="Компетенции, через запятую")
    tags: str = Field("", description="Теги, например #робототехника")
    useful_for: str = Field("", description="Чем могу быть полезен")
    preferred_age_min: int | None = Field(None, description="Предпочтительный возраст наставляемого от")
    preferred_age_max: int | None = Field(None, description="Предпочтительный возраст наставляемого до")
    hours_per_month: int | None = Field(None, description="Ресурс времени, часов в месяц")
    max_mentees: int = Field(3, description="Личный предел наставляемых, от 1 до 3")
    forms: list[str] = Field([], description=f"Готов к формам наставничества: коды. {FORM_CODES}")


class MentorProfileOut(Schema):
    source: str = Field(description="База наставников")
    competences: str
    tags: str
    useful_for: str
    preferred_age_min: int | None
    preferred_age_max: int | None
    hours_per_month: int | None
    max_mentees: int
    forms: list[str] = Field(description="Коды форм наставничества")

    @staticmethod
    def resolve_forms(profile) -> list[str]:
        return sorted(form.code for form in profile.forms.all())


class MenteeProfileIn(InputSchema):
    """Профиль наставляемого."""

    desired_form: str | None = Field(None, description=f"Желаемая форма. {FORM_CODES}")
    desired_variant: str | None = Field(None, description="Вариация ролевой модели желаемой формы, например "
                                                          "«лидер – пассивный»")
    new_to_organization: bool = Field(False, description="Новый педагог в организации")
    support_reason: str = Field("", description="Основание для наставничества (отметка куратора)")


class MenteeProfileOut(Schema):
    desired_form: str | None = Field(None, alias="desired_form.code", description="Код желаемой формы")
    desired_variant: str | None = Field(None, alias="desired_variant.name", description="Вариация ролевой модели")
    new_to_organization: bool
    support_reason: str


class RequestIn(InputSchema):
    """Запрос наставляемого."""

    text: str = Field(description="Запрос")
    area: MenteeRequest.Area = Field(MenteeRequest.Area.OTHER, description="Область: study, olympiad, career, "
                                     "personal, adaptation, creative, sport, professional, other")
    stated_by: MenteeRequest.StatedBy = Field(MenteeRequest.StatedBy.SELF, description="Кем заявлен: self, "
                                              "class_teacher, psychologist, social_worker, parent, administration")


class RequestOut(Schema):
    id: int
    text: str = Field(description="Запрос")
    area: str = Field(description="Область")
    stated_by: str = Field(description="Кем заявлен")


class ConsentIn(InputSchema):
    """Согласие: на обработку ПД, законного представителя (для несовершеннолетнего) или на включение в
    региональную базу наставников (для совершеннолетнего наставника, не обучающегося и не студента)."""

    kind: ConsentKind = Field(description="personal_data — на обработку ПД, representative — законного "
                                          "представителя, mentor_base — на включение в региональную базу "
                                          "наставников")
    given_on: Day = Field(description="Дата согласия, ГГГГ-ММ-ДД")
    representative_name: str = Field("", description="ФИО законного представителя (для representative)")


class ConsentOut(Schema):
    id: int
    kind: str = Field(description="personal_data, representative или mentor_base")
    given_on: datetime.date = Field(description="Дата согласия")
    representative_name: str = Field(description="Законный представитель")
    withdrawn_on: datetime.date | None = Field(description="Дата отзыва")
    given_online: bool = Field(description="Дано из своего входа участника или родителя, а не на бумаге")


class WithdrawalIn(InputSchema):
    """Отзыв согласия; отзыв согласия на обработку ПД обезличивает участника."""

    withdrawn_on: Day = Field(description="Дата отзыва, ГГГГ-ММ-ДД")


def _checked(form_class, data: dict) -> dict:
    """The payload checked by the page's form, so that the API keeps the pages' input rules."""
    form = form_class(data=data)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return form.cleaned_data


def _mentorship_forms(codes: list[str], field: str) -> list[MentorshipForm]:
    forms = list(MentorshipForm.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {form.code for form in forms})
    if unknown:
        raise ValidationError({field: f"Неизвестные формы наставничества: {', '.join(unknown)}."})
    return forms


def _variant_id(form: MentorshipForm | None, name: str | None) -> int | None:
    if not name:
        return None
    variant = RoleModelVariant.objects.filter(form=form, name=name).first() if form else None
    if variant is None:
        raise ValidationError({"desired_variant": f"У желаемой формы нет вариации «{name}»."})
    return variant.pk


def _filter_data(user, filters: ParticipantFilterIn) -> dict:
    """The API's filters under the list page's names; organizations and forms by their codes."""
    data = filters.dict(exclude_none=True)
    if "organization" in data:
        code = data["organization"]
        organization = organizations_where(user, "view_people").filter(code=code).first()
        if organization is None:
            raise ValidationError({"organization": f"Нет доступной вам организации с кодом «{code}»."})
        data["organization"] = organization.pk
    if "form" in data:
        data["form"] = _mentorship_forms([data["form"]], "form")[0].pk
    return data


def _visible(user, participant_id: int, section: str | None = None) -> Participant:
    """A participant the user sees (404 otherwise); with `section`, 404 unless people.privacy shows it to them."""
    participant = get_object_or_404(Participant.objects.visible_to(user).select_related("organization"),
                                    pk=participant_id)
    if section and section not in privacy.fields_for(user, participant):
        raise Http404
    return participant


@router.get("/", response={200: list[ParticipantOut]} | errors(401, 403, 422),
            summary="Участники, доступные пользователю")
@paginate(Paging)
def list_participants(request, filters: Query[ParticipantFilterIn]):
    if not may_anywhere(request.user, "view_people"):
        raise PermissionDenied
    participants = Participant.objects.visible_to(request.user).select_related("organization")
    filterset = ParticipantFilter(_filter_data(request.user, filters), participants, request=request)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors.as_data())
    return filterset.qs


@router.post("/", response={201: ParticipantOut} | errors(400, 401, 403, 404, 422),
             summary="Добавить участника (например, из школьной системы)")
def create_participant(request, payload: ParticipantIn):
    organization = get_object_or_404(organizations_where(request.user, "view_people"), code=payload.organization)
    if not may(request.user, "manage_people", organization):
        raise PermissionDenied
    values = _checked(ParticipantForm, payload.dict(exclude={"organization"}))
    return Status(201, actions.create_participant(organization=organization, actor=request.user, **values))


@router.get("/{participant_id}", response={200: ParticipantOut} | errors(401, 404, 422), summary="Участник")
def get_participant(request, participant_id: int):
    return _shown(request.user, _visible(request.user, participant_id))


@router.patch("/{participant_id}", response={200: ParticipantOut} | errors(400, 401, 403, 404, 422),
              summary="Изменить участника")
def update_participant(request, participant_id: int, payload: ParticipantPatch):
    participant = managed_participant(request.user, participant_id)
    current = model_to_dict(participant, actions.PARTICIPANT_FIELDS)
    values = _checked(ParticipantForm, current | payload.dict(exclude_unset=True))
    return actions.update_participant(participant, actor=request.user, **values)


@router.get("/{participant_id}/mentor-profile", response={200: MentorProfileOut} | errors(401, 404, 422),
            summary="Профиль наставника")
def get_mentor_profile(request, participant_id: int):
    return get_object_or_404(MentorProfile.objects.visible_to(request.user).prefetch_related("forms"),
                             participant=_visible(request.user, participant_id, "mentor_profile"))


@router.put("/{participant_id}/mentor-profile", response={200: MentorProfileOut} | errors(400, 401, 403, 404, 422),
            summary="Заполнить профиль наставника")
def save_mentor_profile(request, participant_id: int, payload: MentorProfileIn):
    participant = managed_participant(request.user, participant_id, is_mentor=True)
    forms = _mentorship_forms(payload.forms, "forms")
    values = _checked(MentorProfileForm, payload.dict() | {"forms": [form.pk for form in forms]})
    return actions.save_mentor_profile(participant, actor=request.user, **values)


@router.get("/{participant_id}/mentee-profile", response={200: MenteeProfileOut} | errors(401, 404, 422),
            summary="Профиль наставляемого")
def get_mentee_profile(request, participant_id: int):
    return get_object_or_404(MenteeProfile.objects.visible_to(request.user).select_related("desired_form",
                                                                                          "desired_variant"),
                             participant=_visible(request.user, participant_id, "mentee_profile"))


@router.put("/{participant_id}/mentee-profile", response={200: MenteeProfileOut} | errors(400, 401, 403, 404, 422),
            summary="Заполнить профиль наставляемого")
def save_mentee_profile(request, participant_id: int, payload: MenteeProfileIn):
    participant = managed_participant(request.user, participant_id, is_mentee=True)
    form = _mentorship_forms([payload.desired_form], "desired_form")[0] if payload.desired_form else None
    values = _checked(MenteeProfileForm, payload.dict() | {
        "desired_form": form and form.pk, "desired_variant": _variant_id(form, payload.desired_variant)})
    return actions.save_mentee_profile(participant, actor=request.user, **values)


@router.get("/{participant_id}/requests", response={200: list[RequestOut]} | errors(401, 404, 422),
            summary="Запросы наставляемого")
def list_requests(request, participant_id: int):
    return _visible(request.user, participant_id, "requests").requests.all()


@router.post("/{participant_id}/requests", response={201: RequestOut} | errors(400, 401, 403, 404, 422),
             summary="Добавить запрос")
def add_request(request, participant_id: int, payload: RequestIn):
    participant = managed_participant(request.user, participant_id, is_mentee=True)
    values = _checked(RequestForm, payload.dict())
    return Status(201, actions.add_request(participant, actor=request.user, **values))


@router.get("/{participant_id}/consents", response={200: list[ConsentOut]} | errors(401, 404, 422),
            summary="Согласия участника")
def list_consents(request, participant_id: int):
    return _visible(request.user, participant_id, "consents").consents.all()


@router.post("/{participant_id}/consents", response={201: ConsentOut} | errors(400, 401, 403, 404, 422),
             summary="Отметить согласие (скан прикладывается на странице участника)")
def record_consent(request, participant_id: int, payload: ConsentIn):
    participant = managed_participant(request.user, participant_id)
    values = _checked(ConsentForm, payload.dict())
    return Status(201, actions.record_consent(participant, actor=request.user, **values))


@router.post("/{participant_id}/consents/{consent_id}/withdraw",
             response={200: ConsentOut} | errors(400, 401, 403, 404, 422),
             summary="Отметить отзыв согласия (отзыв согласия на обработку ПД обезличивает участника)")
def withdraw_consent(request, participant_id: int, consent_id: int, payload: WithdrawalIn):
    participant = managed_participant(request.user, participant_id)
    consent = get_object_or_404(participant.consents, pk=consent_id, withdrawn_on__isnull=True)
    values = _checked(WithdrawalForm, payload.dict())
    return actions.withdraw_consent(consent, actor=request.user, **values)
