"""Questionnaire campaigns as numbers: the same scoping as the pages (`Campaign.objects.visible_to`), no names —
a territory's campaign counts nothing itself, its parts (one per organization, `part_of`) carry the numbers."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from typing_extensions import TypeAliasType

from accounts.scoping import may_anywhere
from surveys.models import Campaign
from utilities.api_errors import errors
from utilities.api_paging import Paging

router = Router(tags=["Анкетирование"])

CampaignWave = TypeAliasType("CampaignWave", Campaign.Wave)
CampaignState = TypeAliasType("CampaignState", Campaign.State)


class CampaignOut(Schema):
    id: int
    questionnaire: str = Field(alias="questionnaire.code")
    title: str = Field(alias="questionnaire.title")
    wave: CampaignWave
    state: CampaignState
    organization_id: int
    organization: str = Field(alias="organization.name")
    part_of: int | None = Field(alias="part_of_id", description="Кампания территории, частью которой является")
    opened_on: datetime.date
    closed_at: datetime.datetime | None
    asked: int = Field(description="Сколько участников получили анкету")
    answered: int = Field(description="Сколько ответов получено")


@router.get("/campaigns/", response={200: list[CampaignOut]} | errors(401, 403, 422),
            summary="Кампании анкетирования, доступные пользователю (только числа)")
@paginate(Paging)
def list_campaigns(request):
    if not may_anywhere(request.user, "view_organization"):
        raise PermissionDenied
    return (Campaign.objects.visible_to(request.user).select_related("questionnaire", "organization")
            .annotate(asked=Count("recipients", distinct=True), answered=Count("responses", distinct=True)))
