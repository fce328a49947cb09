"""Meetings, the feedback after them and the pairs' deadlines: the same actions and scoping as the pages.

A meeting or pair outside the user's scope is a 404; feedback by someone outside the pair, or planning by
someone who neither mentors nor manages the pair, is a 403; a rule refused is a 422 (nastavnik/api.py)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import HttpUrl
from typing_extensions import TypeAliasType

from accounts.scoping import sees_people
from meetings import actions, overview
from meetings.models import Feedback, Meeting, Side
from meetings.views import visible_meetings, visible_pairs
from utilities.api_errors import errors
from utilities.api_input import Id, InputSchema
from utilities.api_paging import Paging

router = Router(tags=["Встречи и обратная связь"])

MeetingKind = TypeAliasType("MeetingKind", Meeting.Kind)
MeetingFormat = TypeAliasType("MeetingFormat", Meeting.Format)
FeedbackSide = TypeAliasType("FeedbackSide", Side)


class MeetingPairOut(Schema):
    id: int
    mentor: str = Field(alias="mentor.full_name")


class MeetingOut(Schema):
    id: int
    kind: MeetingKind
    kind_label: str = Field(alias="get_kind_display")
    starts_at: datetime.datetime
    duration_minutes: int
    format: MeetingFormat
    place: str
    link: str
    topic: str
    summary: str
    pairs: list[MeetingPairOut] = Field(alias="visible_pairs")


class MeetingIn(InputSchema):
    kind: MeetingKind
    pairs: list[Id] = Field(description="Пара; для групповой встречи — несколько", min_length=1, max_length=50)
    starts_at: datetime.datetime = Field(ge=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC),
                                         le=datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC))
    duration_minutes: int = Field(45, ge=5, le=480)
    format: MeetingFormat = Meeting.Format.IN_PERSON
    place: str = Field("", max_length=200)
    link: HttpUrl | None = Field(None, description="Ссылка для дистанционной встречи")
    topic: str = Field(min_length=1, max_length=300)
    summary: str = Field("", max_length=5000)


class RecordIn(InputSchema):
    summary: str = Field(min_length=1, max_length=5000)


class FeedbackOut(Schema):
    id: int
    side: FeedbackSide
    author: str = Field(alias="author.full_name")
    usefulness: int
    comfort: int
    progress: int
    went_well: str
    to_change: str
    next_step: str


class FeedbackIn(InputSchema):
    usefulness: int = Field(ge=1, le=5)
    comfort: int = Field(ge=1, le=5)
    progress: int = Field(ge=1, le=5)
    went_well: str = Field("", max_length=2000)
    to_change: str = Field("", max_length=2000)
    next_step: str = Field("", max_length=2000)


class DeadlineOut(Schema):
    kind: str
    key: str
    label: str
    due: datetime.date
    overdue: bool


def _meeting(user, meeting_id: int) -> Meeting:
    return get_object_or_404(visible_meetings(user), pk=meeting_id)


@router.get("/", response={200: list[MeetingOut]} | errors(401, 403, 422), summary="Встречи, доступные пользователю")
@paginate(Paging)
def list_meetings(request):
    if not sees_people(request.user):
        raise PermissionDenied
    return visible_meetings(request.user)


@router.post("/", response={201: MeetingOut} | errors(400, 401, 403, 404, 422), summary="Запланировать встречу")
def plan_meeting(request, payload: MeetingIn):
    pairs = list(visible_pairs(request.user).filter(pk__in=payload.pairs))
    if len(pairs) != len(set(payload.pairs)):
        raise Http404
    values = payload.dict()
    values["pairs"], values["link"] = pairs, str(payload.link) if payload.link else ""
    meeting = actions.plan_meeting(actor=request.user, **values)
    return Status(201, _meeting(request.user, meeting.pk))


@router.get("/{meeting_id}", response={200: MeetingOut} | errors(401, 404, 422), summary="Встреча")
def get_meeting(request, meeting_id: int):
    return _meeting(request.user, meeting_id)


@router.post("/{meeting_id}/record", response={200: MeetingOut} | errors(400, 401, 403, 404, 422),
             summary="Записать итоги прошедшей встречи")
def record_meeting(request, meeting_id: int, payload: RecordIn):
    actions.record_meeting(_meeting(request.user, meeting_id), actor=request.user, summary=payload.summary)
    return _meeting(request.user, meeting_id)


@router.get("/{meeting_id}/feedback", response={200: list[FeedbackOut]} | errors(401, 404, 422),
            summary="Обратная связь после встречи (видят пара, куратор и педагог-психолог)")
def list_feedback(request, meeting_id: int):
    meeting = _meeting(request.user, meeting_id)
    return list(Feedback.objects.visible_to(request.user).filter(meeting=meeting).select_related("author"))


@router.post("/{meeting_id}/feedback", response={201: FeedbackOut} | errors(400, 401, 403, 404, 422),
             summary="Оставить обратную связь после встречи")
def give_feedback(request, meeting_id: int, payload: FeedbackIn):
    feedback = actions.give_feedback(_meeting(request.user, meeting_id), actor=request.user, **payload.dict())
    return Status(201, feedback)


@router.get("/pairs/{pair_id}/deadlines", response={200: list[DeadlineOut]} | errors(401, 404, 422),
            summary="Открытые сроки пары: встречи, отчёты, пункты плана")
def pair_deadlines(request, pair_id: int):
    pair = get_object_or_404(visible_pairs(request.user), pk=pair_id)
    today = timezone.localdate()
    return [{"kind": d.kind, "key": d.key, "label": d.label, "due": d.due, "overdue": d.overdue(today)}
            for d in overview.pair_rows([pair], today)[0].pending]
