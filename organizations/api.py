import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from typing_extensions import TypeAliasType

from accounts.scoping import agreements_visible_to, may_anywhere, organizations_where, partners_visible_to
from organizations.importing import CODE_LENGTH, NAME_LENGTH, save_organization
from organizations.models import Organization
from utilities.api_errors import errors
from utilities.api_input import InputSchema, Text

router = Router(tags=["Организации"])

# Names of their own in the OpenAPI components: ninja keys definitions by class name, and the models'
# «Kind» and «Status» classes share theirs.
OrganizationKind = TypeAliasType("OrganizationKind", Organization.Kind)

KIND_CODES = "region, municipality, school, college, extra, partner"


class OrganizationOut(Schema):
    """Организация: регион, муниципалитет, школа, колледж, организация доп. образования или партнёр."""

    code: str = Field(description="Стабильный код организации")
    name: str = Field(description="Наименование")
    kind: str = Field(description=f"Тип: {KIND_CODES}")
    kind_label: str = Field(alias="get_kind_display", description="Тип по-русски")
    parent_code: str | None = Field(None, alias="parent.code", description="Код вышестоящей организации")


class OrganizationIn(InputSchema):
    """Организация по коду: новая добавляется, существующая изменяется (как строка файла импорта)."""

    code: str = Field(min_length=1, max_length=CODE_LENGTH, description="Стабильный код организации")
    name: str = Field(min_length=1, max_length=NAME_LENGTH, description="Наименование")
    kind: OrganizationKind = Field(description=f"Тип: {KIND_CODES}")
    parent_code: str = Field("", max_length=CODE_LENGTH, description="Код вышестоящей организации (у региона пусто)")


class OrganizationPatch(InputSchema):
    """Изменяемые поля; непереданные остаются прежними."""

    name: str | None = Field(None, min_length=1, max_length=NAME_LENGTH, description="Наименование")
    kind: OrganizationKind | None = Field(None, description=f"Тип: {KIND_CODES}")
    parent_code: str | None = Field(None, max_length=CODE_LENGTH, description="Код вышестоящей организации")


class OrganizationFilterIn(InputSchema):
    kind: OrganizationKind | None = Field(None, description=f"Тип: {KIND_CODES}")
    parent: str | None = Field(None, description="Код вышестоящей организации")


class AgreementOut(Schema):
    """Соглашение о сотрудничестве организации-партнёра с организацией или территорией."""

    number: str = Field(description="Номер соглашения")
    partner_code: str = Field(alias="partner.code", description="Код организации-партнёра")
    counterparty_code: str = Field(alias="counterparty.code", description="Код второй стороны")
    signed_on: datetime.date = Field(description="Дата подписания")
    valid_from: datetime.date = Field(description="Действует с")
    valid_until: datetime.date | None = Field(description="Действует по (пусто — бессрочно)")
    subject: str = Field(description="Предмет соглашения")


def _visible(request):
    """Organizations of the user's scope and the partners serving it."""
    user = request.user
    if not may_anywhere(user, "view_organization"):
        raise PermissionDenied
    return Organization.objects.filter(
        Q(pk__in=organizations_where(user, "view_organization")) | Q(pk__in=partners_visible_to(user))
    ).select_related("parent")


@router.get("/", response={200: list[OrganizationOut]} | errors(401, 403, 422),
            summary="Организации, доступные пользователю")
def list_organizations(request, filters: Query[OrganizationFilterIn]):
    organizations = _visible(request)
    if filters.kind:
        organizations = organizations.filter(kind=filters.kind)
    if filters.parent:
        organizations = organizations.filter(parent__code=filters.parent)
    return organizations


@router.post("/", response={200: OrganizationOut, 201: OrganizationOut} | errors(400, 401, 403, 422),
             summary="Добавить организацию (201) или изменить существующую с тем же кодом (200)")
def create_organization(request, payload: OrganizationIn):
    if not may_anywhere(request.user, "manage_organizations"):
        raise PermissionDenied
    existed = Organization.objects.filter(code=payload.code.strip()).exists()
    return Status(200 if existed else 201, save_organization(actor=request.user, **payload.dict()))


@router.get("/{code}", response={200: OrganizationOut} | errors(401, 403, 404), summary="Организация по коду")
def get_organization(request, code: Text):
    return get_object_or_404(_visible(request), code=code)


@router.patch("/{code}", response={200: OrganizationOut} | errors(400, 401, 403, 404, 422),
              summary="Изменить организацию")
def update_organization(request, code: Text, payload: OrganizationPatch):
    organization = get_object_or_404(_visible(request), code=code)
    if not may_anywhere(request.user, "manage_organizations"):
        raise PermissionDenied
    current = {"name": organization.name, "kind": organization.kind,
               "parent_code": organization.parent.code if organization.parent else ""}
    changes = payload.dict(exclude_unset=True, exclude_none=True)
    return save_organization(actor=request.user, code=code, **(current | changes))


@router.get("/{code}/agreements", response={200: list[AgreementOut]} | errors(401, 403, 404),
            summary="Соглашения партнёра или с организацией")
def list_agreements(request, code: Text):
    organization = get_object_or_404(_visible(request), code=code)
    return (agreements_visible_to(request.user).filter(Q(partner=organization) | Q(counterparty=organization))
            .select_related("partner", "counterparty"))
