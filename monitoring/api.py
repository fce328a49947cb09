"""The indicators of a territory on a date, as `manage.py kpi --json` prints them; the dashboard's permissions."""

import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from accounts.scoping import may_anywhere, organizations_where
from monitoring import counting
from utilities.api_errors import errors
from utilities.api_input import Day, InputSchema, Text

router = Router(tags=["Показатели"])


class TerritoryOut(Schema):
    code: str = Field(description="Код организации, муниципалитета или региона")
    name: str = Field(description="Наименование")
    level: str = Field(description="region, municipality или organization")


class IndicatorOut(Schema):
    code: str = Field(description="mentees_10_19, mentors_15_19, young_teachers, enterprises, satisfaction_mentees, "
                                  "satisfaction_mentors, organizations_implementing")
    name: str = Field(description="Наименование показателя")
    numerator: int | None = Field(description="Числитель (пусто — нет данных)")
    denominator: int | None = Field(description="Знаменатель (пусто — не введён или нет данных)")
    value: float | None = Field(description="Значение, %; пусто, когда знаменатель неизвестен")
    target: float | None = Field(description="Целевое значение года, %")
    status: str = Field(description="on_track, behind, no_target или no_data")


class IndicatorsOut(Schema):
    """Показатели целевой модели наставничества территории на дату — только числа."""

    territory: TerritoryOut
    date: datetime.date
    indicators: list[IndicatorOut]


class IndicatorDateIn(InputSchema):
    date: Day | None = Field(None, description="На дату, ГГГГ-ММ-ДД (по умолчанию сегодня)")


@router.get("/{code}", response={200: IndicatorsOut} | errors(401, 403, 404, 422),
            summary="Показатели организации, муниципалитета или региона на дату")
def indicators(request, code: Text, filters: Query[IndicatorDateIn]):
    if not may_anywhere(request.user, "view_organization"):
        raise PermissionDenied
    territory = get_object_or_404(organizations_where(request.user, "view_organization")
                                  .filter(kind__in=counting.REPORTED_KINDS), code=code)
    return counting.as_json(counting.report(territory, filters.date or timezone.localdate()))
