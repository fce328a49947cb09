"""Pairs and groups, their changes and individual plans: the same actions and scoping as the pages.

A pair outside the user's scope is a 404; a change by someone who may see but not manage it is a 403;
a rule the action refuses is a 422 with the Russian message (nastavnik/api.py)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from typing_extensions import TypeAliasType

from accounts.scoping import may, organizations_where, sees_people
from pairs import actions
from pairs.filters import PairFilter
from pairs.models import IndividualPlan, Pair, PairChange, PairMentee, PairStatus
from people.models import Participant
from programmes.models import MentoringKind, MentorshipForm
from utilities.api_errors import errors
from utilities.api_input import Day, Id, InputSchema
from utilities.api_paging import Paging

router = Router(tags=["Пары и планы"])

# Names of their own in the OpenAPI components: ninja keys definitions by class name, and the models'
# «Kind» and «Status» classes share theirs.
PairChangeKind = TypeAliasType("PairChangeKind", PairChange.Kind)
PairChangeStatus = TypeAliasType("PairChangeStatus", PairChange.Status)
PlanStatus = TypeAliasType("PlanStatus", IndividualPlan.Status)


class PersonOut(Schema):
    id: int
    full_name: str


class MenteeOut(Schema):
    id: int = Field(alias="mentee.pk")
    full_name: str = Field(alias="mentee.full_name")
    left_on: datetime.date | None


class TermOut(Schema):
    mentor: PersonOut
    started_on: datetime.date
    ended_on: datetime.date | None
    reason: str


class PairOut(Schema):
    id: int
    organization: str = Field(alias="organization.code")
    form: str = Field(alias="form.code")
    form_name: str = Field(alias="form.name")
    variant: str | None = Field(None, alias="variant.name")
    kind: str
    status: PairStatus
    status_label: str = Field(alias="get_status_display")
    mentor: PersonOut
    mentees: list[MenteeOut] = Field(alias="mentees")
    start_date: datetime.date
    planned_end_date: datetime.date
    ended_on: datetime.date | None


class PairDetailOut(PairOut):
    extended: bool = Field(alias="is_extended")
    mentor_terms: list[TermOut] = Field(alias="mentor_terms")


class PairIn(InputSchema):
    organization: str = Field(description="Код организации")
    form: str = Field(description="Код формы наставничества")
    mentor: Id = Field(description="Идентификатор наставника")
    mentees: list[Id] = Field(description="Идентификаторы наставляемых")
    start_date: Day
    planned_end_date: Day | None = Field(
        None, description="Пусто — до конца учебного года (или программы организации), а если раньше — до выпуска "
                          "ученика или студента пары; позже нельзя")
    kind: MentoringKind = MentoringKind.TRADITIONAL
    variant: str | None = Field(None, description="Вариация ролевой модели")


class PairFilterIn(InputSchema):
    q: str | None = Field(None, description="Часть ФИО наставника или наставляемого")
    status: PairStatus | None = None
    form: int | None = None


class DayIn(InputSchema):
    on: Day


class TerminationIn(InputSchema):
    on: Day
    reason: str = Field(min_length=1, max_length=500)


class ExtensionIn(InputSchema):
    reason: PairChange.Reason = Field(description="illness, business_trip или long_absence")
    new_end_date: Day


class ReplacementIn(InputSchema):
    reason: PairChange.Reason = Field(description="employment_ended, transfer, mentor_request, mentee_request, "
                                                  "duties_not_fulfilled или other")
    new_mentor: Id
    on: Day


class ChangeOut(Schema):
    id: int
    kind: PairChangeKind
    reason: PairChange.Reason
    reason_label: str = Field(alias="get_reason_display")
    new_end_date: datetime.date | None
    new_mentor: PersonOut | None
    effective_on: datetime.date | None
    status: PairChangeStatus
    order_number: str
    order_date: datetime.date | None


class ItemOut(Schema):
    id: int
    section: str
    title: str
    deadline: datetime.date
    responsible: str
    done: bool
    done_on: datetime.date | None
    result: str
    overdue: bool

    @staticmethod
    def resolve_overdue(item) -> bool:
        return item.is_overdue(timezone.localdate())


class PlanOut(Schema):
    status: PlanStatus
    status_label: str = Field(alias="get_status_display")
    acknowledged_on: datetime.date | None
    approved_on: datetime.date | None
    items: list[ItemOut] = Field(alias="items")


class ItemIn(InputSchema):
    section: str = Field("", max_length=200)
    title: str = Field(min_length=1, max_length=500)
    deadline: Day
    responsible: str = Field("", max_length=200)


class DoneIn(InputSchema):
    on: Day
    result: str = ""


def _pairs(user):
    return Pair.objects.visible_to(user).select_related("organization", "form", "variant", "mentor").prefetch_related(
        Prefetch("mentees", queryset=PairMentee.objects.select_related("mentee").order_by("mentee__last_name")))


def _pair(user, pair_id: int) -> Pair:
    return get_object_or_404(_pairs(user), pk=pair_id)


def _managed_pair(user, pair_id: int) -> Pair:
    """A pair the user sees (404 otherwise) and manages (403 otherwise)."""
    pair = _pair(user, pair_id)
    if not may(user, "manage_pairs", pair.organization):
        raise PermissionDenied
    return pair


def _plan(user, pair_id: int) -> IndividualPlan:
    return get_object_or_404(IndividualPlan.objects.visible_to(user).select_related("pair__organization", "pair__form"),
                             pair=_pair(user, pair_id))


def _participant(user, pk: int, field: str) -> Participant:
    """A participant the user sees; an unknown id is the input's error, not a missing page."""
    participant = Participant.objects.visible_to(user).active().select_related(
        "organization", "mentor_profile", "mentee_profile").filter(pk=pk).first()
    if participant is None:
        raise ValidationError({field: f"Участник № {pk} не найден."})
    return participant


@router.get("/", response={200: list[PairOut]} | errors(401, 403, 422), summary="Пары и группы, доступные пользователю")
@paginate(Paging)
def list_pairs(request, filters: Query[PairFilterIn]):
    if not sees_people(request.user):
        raise PermissionDenied
    data = {k: v for k, v in filters.dict().items() if v is not None}
    filterset = PairFilter(data, _pairs(request.user), request=request)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors.as_data())
    return filterset.qs


@router.post("/", response={201: PairDetailOut} | errors(400, 401, 403, 404, 422), summary="Предложить пару или группу")
def propose_pair(request, payload: PairIn):
    organization = get_object_or_404(organizations_where(request.user, "manage_pairs"), code=payload.organization)
    form = MentorshipForm.objects.filter(code=payload.form).first()
    if form is None:
        raise ValidationError({"form": f"Неизвестная форма наставничества «{payload.form}»."})
    variant = form.variants.filter(name=payload.variant).first() if payload.variant else None
    if payload.variant and variant is None:
        raise ValidationError({"variant": f"У формы «{form}» нет вариации «{payload.variant}»."})
    pair = actions.propose_pair(
        organization=organization, form=form, variant=variant, kind=payload.kind, actor=request.user,
        mentor=_participant(request.user, payload.mentor, "mentor"),
        mentees=[_participant(request.user, pk, "mentees") for pk in payload.mentees],
        start_date=payload.start_date, planned_end_date=payload.planned_end_date)
    return Status(201, _pair(request.user, pair.pk))


@router.get("/{pair_id}", response={200: PairDetailOut} | errors(401, 404, 422),
            summary="Пара или группа с историей наставников")
def get_pair(request, pair_id: int):
    return _pair(request.user, pair_id)


@router.post("/{pair_id}/start", response={200: PairDetailOut} | errors(401, 403, 404, 422),
             summary="Пара приступила к работе")
def start_pair(request, pair_id: int):
    pair = _managed_pair(request.user, pair_id)
    actions.start_pair(pair, actor=request.user)
    return _pair(request.user, pair_id)


@router.post("/{pair_id}/complete", response={200: PairDetailOut} | errors(400, 401, 403, 404, 422),
             summary="Завершить наставничество")
def complete_pair(request, pair_id: int, payload: DayIn):
    actions.complete_pair(_managed_pair(request.user, pair_id), actor=request.user, on=payload.on)
    return _pair(request.user, pair_id)


@router.post("/{pair_id}/terminate", response={200: PairDetailOut} | errors(400, 401, 403, 404, 422),
             summary="Прекратить досрочно (наставляемый не выполняет обязанности)")
def terminate_pair(request, pair_id: int, payload: TerminationIn):
    actions.terminate_pair(_managed_pair(request.user, pair_id), actor=request.user, **payload.dict())
    return _pair(request.user, pair_id)


@router.get("/{pair_id}/changes", response={200: list[ChangeOut]} | errors(401, 404, 422),
            summary="Продления и замены наставника")
def list_changes(request, pair_id: int):
    return _pair(request.user, pair_id).changes.select_related("new_mentor")


@router.post("/{pair_id}/extension", response={201: ChangeOut} | errors(400, 401, 403, 404, 422),
             summary="Запросить продление срока (применяется приказом)")
def request_extension(request, pair_id: int, payload: ExtensionIn):
    pair = _managed_pair(request.user, pair_id)
    return Status(201, actions.request_extension(pair, actor=request.user, **payload.dict()))


@router.post("/{pair_id}/replacement", response={201: ChangeOut} | errors(400, 401, 403, 404, 422),
             summary="Запросить замену наставника (применяется приказом)")
def request_replacement(request, pair_id: int, payload: ReplacementIn):
    pair = _managed_pair(request.user, pair_id)
    new_mentor = _participant(request.user, payload.new_mentor, "new_mentor")
    return Status(201, actions.request_mentor_replacement(pair, actor=request.user, reason=payload.reason,
                                                          new_mentor=new_mentor, on=payload.on))


@router.get("/{pair_id}/plan", response={200: PlanOut} | errors(401, 404, 422), summary="Индивидуальный план пары")
def get_plan(request, pair_id: int):
    return _plan(request.user, pair_id)


@router.post("/{pair_id}/plan", response={201: PlanOut} | errors(401, 403, 404, 422),
             summary="Составить план по шаблону формы")
def create_plan(request, pair_id: int):
    return Status(201, actions.create_plan(_pair(request.user, pair_id), actor=request.user))


@router.post("/{pair_id}/plan/items", response={201: ItemOut} | errors(400, 401, 403, 404, 422),
             summary="Добавить пункт в черновик плана")
def add_item(request, pair_id: int, payload: ItemIn):
    return Status(201, actions.add_item(_plan(request.user, pair_id), actor=request.user, **payload.dict()))


@router.post("/{pair_id}/plan/items/{item_id}/done", response={200: ItemOut} | errors(400, 401, 403, 404, 422),
             summary="Отметить пункт выполненным")
def mark_item_done(request, pair_id: int, item_id: int, payload: DoneIn):
    item = get_object_or_404(_plan(request.user, pair_id).items.select_related("plan__pair"), pk=item_id)
    return actions.mark_item_done(item, actor=request.user, **payload.dict())


@router.post("/{pair_id}/plan/acknowledge", response={200: PlanOut} | errors(400, 401, 403, 404, 422),
             summary="Наставляемый ознакомлен с планом")
def acknowledge_plan(request, pair_id: int, payload: DayIn):
    return actions.acknowledge_plan(_plan(request.user, pair_id), actor=request.user, on=payload.on)


@router.post("/{pair_id}/plan/approve", response={200: PlanOut} | errors(400, 401, 403, 404, 422),
             summary="Утвердить план")
def approve_plan(request, pair_id: int, payload: DayIn):
    return actions.approve_plan(_plan(request.user, pair_id), actor=request.user, on=payload.on)
