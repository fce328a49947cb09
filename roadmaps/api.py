"""Roadmaps: list, read, create from a template, edit items and mark them done, send, approve or return, the
control points — the same actions and scoping as the pages. A roadmap outside the user's scope is a 404; a step
the user's role may not take is a 403; a rule the action refuses is a 422."""

import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from typing_extensions import TypeAliasType

from accounts.scoping import may_anywhere, organizations_held
from documents.models import OrderKind
from roadmaps import actions, control
from roadmaps.catalogue import TEMPLATES
from roadmaps.models import Item, Roadmap
from roadmaps.terms import read_term
from utilities.api_errors import errors
from utilities.api_input import Day, Id, InputSchema
from utilities.api_paging import Paging

router = Router(tags=["Дорожные карты"])

RoadmapStatus = TypeAliasType("RoadmapStatus", Roadmap.Status)
ItemStatus = TypeAliasType("ItemStatus", Item.Status)
TermKind = TypeAliasType("TermKind", Item.Kind)


CONFIRMED_BY = ("Выполнено, когда в системе появится запись: order:<вид приказа>, survey:<код анкеты> (или "
                "survey:<код>:final — итоговый срез), report — отчёт организации за учебный год, meeting:<вид встречи>")


class RoadmapItemOut(Schema):
    id: int
    section: str | None = None
    number: str
    activity: str
    term: str
    responsible: str
    result: str
    kind: TermKind
    due: list[datetime.date] = Field(alias="due_dates")
    attention: bool = Field(description="Срок не прочитан или вне периода: нужна дата")
    control_point: bool
    status: ItemStatus
    done_on: datetime.date | None
    order_kind: OrderKind | None = None
    confirmed_by: str | None = Field(None, description=CONFIRMED_BY)

    @staticmethod
    def resolve_confirmed_by(item) -> str | None:
        return item.confirmed_by or None

    @staticmethod
    def resolve_section(item) -> str | None:
        return str(item.section) if item.section else None

    @staticmethod
    def resolve_order_kind(item) -> str | None:
        return item.order_kind or None


class RoadmapOut(Schema):
    id: int
    organization: str = Field(alias="organization.code")
    title: str
    starts_on: datetime.date
    ends_on: datetime.date
    status: RoadmapStatus


class RoadmapDetailOut(RoadmapOut):
    items: list[RoadmapItemOut]

    @staticmethod
    def resolve_items(roadmap) -> list:
        return list(roadmap.items.select_related("section", "questionnaire"))


class RoadmapFilterIn(InputSchema):
    organization: str | None = Field(None, description="Код организации")
    status: RoadmapStatus | None = None


class FromTemplateIn(InputSchema):
    organization: str = Field(description="Код организации")
    template: str = Field(description="Код образца: " + ", ".join(TEMPLATES))
    starts_on: Day | None = None
    ends_on: Day | None = None


class RoadmapItemIn(InputSchema):
    number: str | None = Field(None, max_length=20)
    activity: str | None = Field(None, max_length=4000)
    term: str | None = Field(None, max_length=500)
    responsible: str | None = Field(None, max_length=1000)
    result: str | None = Field(None, max_length=4000)
    due_on: Day | None = Field(None, description="Срок вручную, если он не читается из текста")


class ProgressIn(InputSchema):
    status: ItemStatus
    order_kind: OrderKind | None = Field(None, description="Выполнено, когда зарегистрирован приказ этого вида")
    confirmed_by: str | None = Field(None, max_length=60, description=CONFIRMED_BY + "; пустая строка — ничем")


class DecisionIn(InputSchema):
    comment: str = Field("", max_length=4000)


class RemarkIn(InputSchema):
    item: Id
    text: str = Field(min_length=1, max_length=4000)


class ReturnIn(DecisionIn):
    comments: list[RemarkIn] = Field([], max_length=1000, description="Замечания к мероприятиям")


class TermReadIn(InputSchema):
    term: str = Field(max_length=500)
    starts_on: Day
    ends_on: Day


class TermReadOut(Schema):
    kind: TermKind
    due: list[datetime.date]
    attention: bool
    control_point: bool


class TallyOut(Schema):
    organization: str
    roadmap: int | None
    status: RoadmapStatus | None
    items: int | None
    due: int | None
    done: int | None
    overdue: int | None


class ControlPointOut(Schema):
    day: datetime.date
    organizations: list[TallyOut]


def _roadmaps(user):
    return Roadmap.objects.visible_to(user).select_related("organization__parent")


def _roadmap(request, roadmap_id: int) -> Roadmap:
    return get_object_or_404(_roadmaps(request.user), pk=roadmap_id)


@router.get("/", response={200: list[RoadmapOut]} | errors(401, 403, 422), summary="Дорожные карты")
@paginate(Paging)
def list_roadmaps(request, filters: Query[RoadmapFilterIn]):
    if not may_anywhere(request.user, "view_organization"):
        raise PermissionDenied
    roadmaps = _roadmaps(request.user)
    if filters.organization:
        roadmaps = roadmaps.filter(organization__code=filters.organization)
    if filters.status:
        roadmaps = roadmaps.filter(status=filters.status)
    return roadmaps


@router.post("/", response={201: RoadmapDetailOut} | errors(400, 401, 403, 404, 422),
             summary="Дорожная карта организации по образцу")
def create_roadmap(request, payload: FromTemplateIn):
    organization = get_object_or_404(organizations_held(request.user, "manage_roadmaps"), code=payload.organization)
    roadmap = actions.copy_template(organization=organization, code=payload.template, actor=request.user,
                                    starts_on=payload.starts_on, ends_on=payload.ends_on)
    return Status(201, _roadmaps(request.user).get(pk=roadmap.pk))


@router.post("/terms", response={200: TermReadOut} | errors(400, 401, 422),
             summary="Прочитать срок, как его пишут, в даты в пределах периода")
def read_a_term(request, payload: TermReadIn):
    actions.check_period(payload.starts_on, payload.ends_on)
    term = read_term(payload.term, payload.starts_on, payload.ends_on)
    return {"kind": term.kind, "due": list(term.due), "attention": term.attention,
            "control_point": term.control_point}


@router.get("/{roadmap_id}", response={200: RoadmapDetailOut} | errors(401, 404, 422), summary="Дорожная карта")
def get_roadmap(request, roadmap_id: int):
    return _roadmap(request, roadmap_id)


@router.post("/{roadmap_id}/send", response={200: RoadmapOut} | errors(401, 403, 404, 422),
             summary="Отправить на согласование уровню выше")
def send_roadmap(request, roadmap_id: int):
    actions.send(_roadmap(request, roadmap_id), actor=request.user)
    return _roadmap(request, roadmap_id)


@router.post("/{roadmap_id}/approve", response={200: RoadmapOut} | errors(400, 401, 403, 404, 422),
             summary="Согласовать (уровень непосредственно выше)")
def approve_roadmap(request, roadmap_id: int, payload: DecisionIn):
    actions.approve(_roadmap(request, roadmap_id), actor=request.user, comment=payload.comment)
    return _roadmap(request, roadmap_id)


@router.post("/{roadmap_id}/return", response={200: RoadmapOut} | errors(400, 401, 403, 404, 422),
             summary="Вернуть на доработку с замечаниями к мероприятиям")
def return_roadmap(request, roadmap_id: int, payload: ReturnIn):
    actions.return_for_changes(_roadmap(request, roadmap_id), actor=request.user, comment=payload.comment,
                               comments={remark.item: remark.text for remark in payload.comments})
    return _roadmap(request, roadmap_id)


@router.get("/{roadmap_id}/control", response={200: list[ControlPointOut]} | errors(401, 404, 422),
            summary="Контрольные точки: дорожные карты уровнем ниже в числах")
def control_points(request, roadmap_id: int):
    points = control.at_control_points(_roadmap(request, roadmap_id), timezone.localdate())
    return [{"day": day, "organizations": [{
        "organization": line.organization.code, "roadmap": line.roadmap.pk if line.roadmap else None,
        "status": line.roadmap.status if line.roadmap else None,
        **({name: getattr(line.tally, name) for name in ("items", "due", "done", "overdue")} if line.tally else
           dict.fromkeys(("items", "due", "done", "overdue")))} for line in lines]} for day, lines in points]


def _item(request, roadmap_item_id: int) -> Item:
    return get_object_or_404(Item.objects.visible_to(request.user).select_related("roadmap__organization"),
                             pk=roadmap_item_id)


@router.patch("/items/{roadmap_item_id}", response={200: RoadmapItemOut} | errors(400, 401, 403, 404, 422),
              summary="Изменить мероприятие; срок читается заново")
def update_item(request, roadmap_item_id: int, payload: RoadmapItemIn):
    values = payload.dict(exclude_none=True)
    actions.update_item(_item(request, roadmap_item_id), actor=request.user, **values)
    return _item(request, roadmap_item_id)


@router.post("/items/{roadmap_item_id}/progress", response={200: RoadmapItemOut} | errors(400, 401, 403, 404, 422),
             summary="Отметить выполнение мероприятия")
def item_progress(request, roadmap_item_id: int, payload: ProgressIn):
    actions.set_progress(_item(request, roadmap_item_id), actor=request.user, status=payload.status,
                         confirmed_by=payload.confirmed_by if payload.confirmed_by is not None
                         else f"order:{payload.order_kind}" if payload.order_kind else None)
    return _item(request, roadmap_item_id)
