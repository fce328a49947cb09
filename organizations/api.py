import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from accounts.scoping import agreements_visible_to, may_anywhere, organizations_where, partners_visible_to
from organizations.importing import save_organization
from organizations.models import Organization

router = Router(tags=["Организации"])


class OrganizationOut(Schema):
    code: str
    name: str
    kind: str = Field(description="region, municipality, school, college, extra, partner")
    kind_label: str = Field(alias="get_kind_display")
    parent_code: str | None = Field(None, alias="parent.code")


class OrganizationIn(Schema):
    code: str = Field(description="Стабильный код организации")
    name: str
    kind: Organization.Kind
    parent_code: str = Field("", description="Код вышестоящей организации")


class OrganizationPatch(Schema):
    name: str | None = None
    kind: Organization.Kind | None = None
    parent_code: str | None = None


class AgreementOut(Schema):
    number: str
    partner_code: str = Field(alias="partner.code")
    counterparty_code: str = Field(alias="counterparty.code")
    signed_on: datetime.date
    valid_from: datetime.date
    valid_until: datetime.date | None
    subject: str


def _visible(request):
    """Organizations of the user's scope and the partners serving it."""
    user = request.user
    if not may_anywhere(user, "view_organization"):
        raise PermissionDenied
    return Organization.objects.filter(
        Q(pk__in=organizations_where(user, "view_organization")) | Q(pk__in=partners_visible_to(user))
    ).select_related("parent")


@router.get("/", response=list[OrganizationOut], summary="Организации, доступные пользователю")
def list_organizations(request, kind: Organization.Kind | None = None, parent: str | None = None):
    organizations = _visible(request)
    if kind:
        organizations = organizations.filter(kind=kind)
    if parent:
        organizations = organizations.filter(parent__code=parent)
    return organizations


@router.post("/", response={201: OrganizationOut}, summary="Добавить или изменить организацию по коду")
def create_organization(request, payload: OrganizationIn):
    if not may_anywhere(request.user, "manage_organizations"):
        raise PermissionDenied
    return Status(201, save_organization(actor=request.user, **payload.dict()))


@router.get("/{code}", response=OrganizationOut, summary="Организация по коду")
def get_organization(request, code: str):
    return get_object_or_404(_visible(request), code=code)


@router.patch("/{code}", response=OrganizationOut, summary="Изменить организацию")
def update_organization(request, code: str, payload: OrganizationPatch):
    organization = get_object_or_404(_visible(request), code=code)
    if not may_anywhere(request.user, "manage_organizations"):
        raise PermissionDenied
    current = {"name": organization.name, "kind": organization.kind,
               "parent_code": organization.parent.code if organization.parent else ""}
    return save_organization(actor=request.user, code=code, **(current | payload.dict(exclude_unset=True)))


@router.get("/{code}/agreements", response=list[AgreementOut], summary="Соглашения партнёра или с организацией")
def list_agreements(request, code: str):
    organization = get_object_or_404(_visible(request), code=code)
    return (agreements_visible_to(request.user).filter(Q(partner=organization) | Q(counterparty=organization))
            .select_related("partner", "counterparty"))
