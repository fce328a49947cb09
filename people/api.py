import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from accounts.scoping import may, may_anywhere, organizations_where
from people import actions
from people.filters import ParticipantFilter
from people.lookups import managed_participant
from people.models import Category, Consent, MenteeRequest, MentorProfile, Participant, Sex
from programmes.models import MentorshipForm

router = Router(tags=["Участники"])


class ParticipantIn(Schema):
    organization: str = Field(description="Код организации")
    last_name: str
    first_name: str
    middle_name: str = ""
    birth_date: datetime.date
    sex: Sex | None = None
    email: str = ""
    phone: str = ""
    category: Category
    grade: int | None = Field(None, ge=0, le=11, description="Класс или курс")
    grade_letter: str = ""
    teaching_experience_years: int | None = Field(None, ge=0, le=70)
    professional_experience_years: int | None = Field(None, ge=0, le=70)
    is_mentor: bool = False
    is_mentee: bool = False
    interests: str = ""


class ParticipantPatch(Schema):
    last_name: str | None = None
    first_name: str | None = None
    middle_name: str | None = None
    birth_date: datetime.date | None = None
    sex: Sex | None = None
    email: str | None = None
    phone: str | None = None
    category: Category | None = None
    grade: int | None = Field(None, ge=0, le=11)
    grade_letter: str | None = None
    teaching_experience_years: int | None = Field(None, ge=0, le=70)
    professional_experience_years: int | None = Field(None, ge=0, le=70)
    is_mentor: bool | None = None
    is_mentee: bool | None = None
    interests: str | None = None


class ParticipantOut(Schema):
    id: int
    organization: str = Field(alias="organization.code")
    last_name: str
    first_name: str
    middle_name: str
    birth_date: datetime.date | None
    sex: str
    email: str
    phone: str
    category: str
    grade: int | None
    grade_letter: str
    teaching_experience_years: int | None
    professional_experience_years: int | None
    is_mentor: bool
    is_mentee: bool
    interests: str
    anonymized: bool = Field(description="Данные обезличены после отзыва согласия")

    @staticmethod
    def resolve_anonymized(participant) -> bool:
        return participant.anonymized_at is not None


class FilterIn(Schema):
    q: str | None = Field(None, description="Часть ФИО")
    organization: int | None = None
    role: str | None = Field(None, description="mentor или mentee")
    category: Category | None = None
    grade: int | None = None
    consents: str | None = Field(None, description="complete, incomplete, no_personal_data, no_representative")
    form: int | None = None


class MentorProfileIn(Schema):
    source: MentorProfile.Source
    competences: str = ""
    tags: str = ""
    useful_for: str = ""
    preferred_age_min: int | None = Field(None, ge=5, le=99)
    preferred_age_max: int | None = Field(None, ge=5, le=99)
    hours_per_month: int | None = Field(None, ge=0, le=200)
    max_mentees: int = Field(3, ge=1, le=3)
    forms: list[str] = Field([], description="Коды форм наставничества")


class MenteeProfileIn(Schema):
    desired_form: str | None = Field(None, description="Код формы наставничества")
    new_to_organization: bool = False
    support_reason: str = ""


class RequestIn(Schema):
    text: str = Field(min_length=1, max_length=500)
    area: MenteeRequest.Area = MenteeRequest.Area.OTHER
    stated_by: MenteeRequest.StatedBy = MenteeRequest.StatedBy.SELF


class RequestOut(Schema):
    id: int
    text: str
    area: str
    stated_by: str


class ConsentIn(Schema):
    kind: Consent.Kind
    given_on: datetime.date
    representative_name: str = ""


class ConsentOut(Schema):
    id: int
    kind: str
    given_on: datetime.date
    representative_name: str
    withdrawn_on: datetime.date | None


class WithdrawalIn(Schema):
    withdrawn_on: datetime.date


def _forms(codes: list[str]) -> list[MentorshipForm]:
    from django.core.exceptions import ValidationError

    forms = list(MentorshipForm.objects.filter(code__in=codes))
    unknown = set(codes) - {f.code for f in forms}
    if unknown:
        raise ValidationError({"forms": f"Неизвестные формы наставничества: {', '.join(sorted(unknown))}."})
    return forms


@router.get("/", response=list[ParticipantOut], summary="Участники, доступные пользователю")
@paginate(LimitOffsetPagination)
def list_participants(request, filters: Query[FilterIn]):
    if not may_anywhere(request.user, "view_people"):
        raise PermissionDenied
    participants = Participant.objects.visible_to(request.user).select_related("organization")
    data = {k: v for k, v in filters.dict().items() if v is not None}
    return ParticipantFilter(data, participants, request=request).qs


@router.post("/", response={201: ParticipantOut}, summary="Добавить участника (например, из школьной системы)")
def create_participant(request, payload: ParticipantIn):
    organization = get_object_or_404(organizations_where(request.user, "view_people"), code=payload.organization)
    if not may(request.user, "manage_people", organization):
        raise PermissionDenied
    values = payload.dict(exclude={"organization"})
    values["sex"] = values["sex"] or ""
    return Status(201, actions.create_participant(organization=organization, actor=request.user, **values))


@router.get("/{participant_id}", response=ParticipantOut, summary="Участник")
def get_participant(request, participant_id: int):
    return get_object_or_404(Participant.objects.visible_to(request.user).select_related("organization"),
                             pk=participant_id)


@router.patch("/{participant_id}", response=ParticipantOut, summary="Изменить участника")
def update_participant(request, participant_id: int, payload: ParticipantPatch):
    participant = managed_participant(request.user, participant_id)
    values = payload.dict(exclude_unset=True)
    if "sex" in values:
        values["sex"] = values["sex"] or ""
    return actions.update_participant(participant, actor=request.user, **values)


@router.put("/{participant_id}/mentor-profile", response={204: None}, summary="Профиль наставника")
def save_mentor_profile(request, participant_id: int, payload: MentorProfileIn):
    participant = managed_participant(request.user, participant_id, is_mentor=True)
    values = payload.dict(exclude={"forms"})
    actions.save_mentor_profile(participant, actor=request.user, forms=_forms(payload.forms), **values)
    return Status(204, None)


@router.put("/{participant_id}/mentee-profile", response={204: None}, summary="Профиль наставляемого")
def save_mentee_profile(request, participant_id: int, payload: MenteeProfileIn):
    participant = managed_participant(request.user, participant_id, is_mentee=True)
    values = payload.dict()
    values["desired_form"] = _forms([values["desired_form"]])[0] if values["desired_form"] else None
    actions.save_mentee_profile(participant, actor=request.user, **values)
    return Status(204, None)


@router.get("/{participant_id}/requests", response=list[RequestOut], summary="Запросы наставляемого")
def list_requests(request, participant_id: int):
    participant = get_object_or_404(Participant.objects.visible_to(request.user), pk=participant_id)
    return participant.requests.all()


@router.post("/{participant_id}/requests", response={201: RequestOut}, summary="Добавить запрос")
def add_request(request, participant_id: int, payload: RequestIn):
    participant = managed_participant(request.user, participant_id, is_mentee=True)
    return Status(201, actions.add_request(participant, actor=request.user, **payload.dict()))


@router.get("/{participant_id}/consents", response=list[ConsentOut], summary="Согласия участника")
def list_consents(request, participant_id: int):
    participant = get_object_or_404(Participant.objects.visible_to(request.user), pk=participant_id)
    return participant.consents.all()


@router.post("/{participant_id}/consents", response={201: ConsentOut}, summary="Отметить согласие")
def record_consent(request, participant_id: int, payload: ConsentIn):
    participant = managed_participant(request.user, participant_id)
    return Status(201, actions.record_consent(participant, actor=request.user, **payload.dict()))


@router.post("/{participant_id}/consents/{consent_id}/withdraw", response=ConsentOut,
             summary="Отметить отзыв согласия (отзыв согласия на обработку ПД обезличивает участника)")
def withdraw_consent(request, participant_id: int, consent_id: int, payload: WithdrawalIn):
    participant = managed_participant(request.user, participant_id)
    consent = get_object_or_404(participant.consents, pk=consent_id, withdrawn_on__isnull=True)
    return actions.withdraw_consent(consent, actor=request.user, withdrawn_on=payload.withdrawn_on)
