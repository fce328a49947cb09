"""Orders (приказы): list, draft, register, download — the same actions, choices and scoping as the pages.

An order outside the user's scope is a 404; drafting or registering without the capability is a 403; a rule
the action refuses (a duplicate number, a registered order, a pair no longer proposed) is a 422."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from typing_extensions import TypeAliasType

from accounts.models import Role, User
from accounts.scoping import may, may_anywhere
from documents import actions, defaults, rendering, rules
from documents.forms import choices, managed_organizations
from documents.models import Order, OrderKind
from utilities.api_errors import errors
from utilities.api_input import Day, Id, InputSchema
from utilities.api_paging import Paging

router = Router(tags=["Приказы"])

# Names of their own in the OpenAPI components: ninja keys definitions by class name, and the models'
# «Kind» and «Status» classes share theirs.
OrderStatus = TypeAliasType("OrderStatus", Order.Status)


class OrderOut(Schema):
    id: int
    organization: str = Field(alias="organization.code")
    kind: OrderKind
    kind_label: str = Field(alias="get_kind_display")
    status: OrderStatus
    number: str
    date: datetime.date | None
    text: str
    signer: str | None = None
    signer_position: str
    items: list[int] = Field(description="Пары, изменения пар или наставники, которых называет приказ")

    @staticmethod
    def resolve_signer(order) -> str | None:
        return order.signer.get_full_name() if order.signer else None

    @staticmethod
    def resolve_items(order) -> list[int]:
        names = rules.NAMES[order.kind]
        return [item.pk for item in getattr(order, names).all()] if names else []


class OrderIn(InputSchema):
    organization: str = Field(description="Код организации")
    kind: OrderKind
    items: list[Id] = Field([], description="Идентификаторы того, что называет приказ этого вида: предложенных "
                                             "пар (pairs), ожидающих изменений пар (replacement, extension) или "
                                             "наставников (registry, reward)")
    text: str = Field("", description="Текст; пусто — текст по умолчанию")
    signer: Id | None = Field(None, description="Идентификатор пользователя — руководителя организации")
    signer_position: str = Field("Директор", max_length=200)


class RegisterIn(InputSchema):
    number: str = Field(min_length=1, max_length=50)
    date: Day


class OrderFilterIn(InputSchema):
    organization: str | None = Field(None, description="Код организации")
    kind: OrderKind | None = None
    status: OrderStatus | None = None


def _orders(user):
    return Order.objects.visible_to(user).select_related(
        "organization", "signer").prefetch_related("pairs", "changes", "mentors")


def _items(user, kind: str, organization, ids: list[int]) -> list:
    """What the order names, among what the user may choose on the page; an unknown id is the input's error."""
    eligible = choices(user, kind, organization)
    if eligible is None:
        if ids:
            raise ValidationError({"items": "Приказ этого вида никого не называет."})
        return []
    found = {item.pk: item for item in eligible.filter(pk__in=ids)}
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise ValidationError({"items": f"{rules.REFUSED[kind]}; не подходят: {', '.join(missing)}."})
    return [found[pk] for pk in dict.fromkeys(ids)]


def _signer(user, organization, user_id: int | None):
    if user_id is None:
        return None
    signer = User.objects.visible_to(user).filter(pk=user_id, roles__role=Role.HEAD,
                                                  roles__organization=organization).first()
    if signer is None:
        raise ValidationError({"signer": f"Пользователь № {user_id} не руководитель организации «{organization}»."})
    return signer


@router.get("/", response={200: list[OrderOut]} | errors(401, 403, 422),
            summary="Приказы организаций, доступных пользователю")
@paginate(Paging)
def list_orders(request, filters: Query[OrderFilterIn]):
    if not may_anywhere(request.user, "view_organization"):
        raise PermissionDenied
    orders = _orders(request.user)
    if filters.organization:
        orders = orders.filter(organization__code=filters.organization)
    if filters.kind:
        orders = orders.filter(kind=filters.kind)
    if filters.status:
        orders = orders.filter(status=filters.status)
    return orders


@router.post("/", response={201: OrderOut} | errors(400, 401, 403, 404, 422), summary="Проект приказа")
def draft_order(request, payload: OrderIn):
    organization = get_object_or_404(managed_organizations(request.user), code=payload.organization)
    order = actions.draft_order(
        organization=organization, kind=payload.kind, actor=request.user, text=payload.text,
        items=_items(request.user, payload.kind, organization, payload.items),
        signer=_signer(request.user, organization, payload.signer), signer_position=payload.signer_position)
    return Status(201, _orders(request.user).get(pk=order.pk))


@router.get("/{order_id}", response={200: OrderOut} | errors(401, 404, 422), summary="Приказ")
def get_order(request, order_id: int):
    return get_object_or_404(_orders(request.user), pk=order_id)


@router.post("/{order_id}/register", response={200: OrderOut} | errors(400, 401, 403, 404, 422),
             summary="Зарегистрировать приказ: пары утверждаются, изменения пар применяются")
def register_order(request, order_id: int, payload: RegisterIn):
    order = get_object_or_404(_orders(request.user), pk=order_id)
    if not may(request.user, "manage_pairs", order.organization):
        raise PermissionDenied
    actions.register_order(order, actor=request.user, number=payload.number, date=payload.date)
    return _orders(request.user).get(pk=order_id)


@router.get("/{order_id}/docx", summary="Приказ в DOCX", response={200: None} | errors(401, 404, 422),
            openapi_extra={"responses": {200: {"content": {defaults.CONTENT_TYPE: {}}}}})
def order_docx(request, order_id: int):
    order = get_object_or_404(_orders(request.user), pk=order_id)
    if not rules.names_shown_to(request.user, order):
        raise Http404
    response = HttpResponse(rendering.order_document(order), content_type=defaults.CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, rendering.order_filename(order))
    return response
