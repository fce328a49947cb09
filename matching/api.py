"""Matching runs over the API: start one (it runs in the background), read its progress and suggestions,
pin or forbid a pair, run again, accept. The same actions and scoping as the pages: a run or a scope
outside «run_matching» is a 404; a refusal is a 422 with the Russian message (nastavnik/api.py)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from typing_extensions import TypeAliasType

from accounts.scoping import may, may_anywhere
from matching import actions, aggregates, engine
from matching.forms import matching_scopes
from matching.models import MatchingRun
from programmes.models import MentorshipForm
from utilities.api_errors import errors
from utilities.api_input import Day, Id, InputSchema

router = Router(tags=["Подбор"])

# Names of their own in the OpenAPI components: ninja keys definitions by class name, and the models'
# «Kind» and «Status» classes share theirs.
RunStatus = TypeAliasType("RunStatus", MatchingRun.Status)


class RunIn(InputSchema):
    scope: str = Field(description="Код организации, муниципалитета или региона")
    form: str | None = Field(None, description="Код формы наставничества; пусто — все формы сразу")
    start_date: Day


class SuggestedPairIn(InputSchema):
    mentee: Id = Field(description="Идентификатор наставляемого из предложений подбора")
    mentor: Id = Field(description="Идентификатор наставника")


class RunOut(Schema):
    id: int
    scope: str = Field(alias="scope.code")
    form: str | None = Field(None, alias="form.code")
    start_date: datetime.date
    status: RunStatus
    progress: int
    stage: str
    error: str
    pinned: list[list[int]]
    forbidden: list[list[int]]


class RunResultOut(RunOut):
    result: dict | None = Field(description="matched, total_score, candidates, pairs (по наставникам, с оценкой и "
                                            "причинами), unmatched_mentees (с причиной), notes. Выше организации — "
                                            "только числа: matched, total_score, candidates, by_organization "
                                            "(organization, suggested, unmatched), unmatched_by_reason "
                                            "(reason, mentees)")


class AcceptedOut(Schema):
    pairs: int


def _run(user, run_id: int) -> MatchingRun:
    return get_object_or_404(MatchingRun.objects.visible_to(user).select_related("scope", "form"), pk=run_id)


@router.get("/runs", response={200: list[RunOut]} | errors(401, 403),
            summary="Последние запуски подбора, доступные пользователю")
def list_runs(request):
    if not may_anywhere(request.user, "run_matching"):
        raise PermissionDenied
    runs = MatchingRun.objects.visible_to(request.user).select_related("scope", "form")
    return runs.defer("result")[:50]


@router.post("/runs", response={201: RunOut} | errors(400, 401, 403, 404, 422),
             summary="Запустить подбор (идёт в фоне)")
def start_run(request, payload: RunIn):
    scope = get_object_or_404(matching_scopes(request.user), code=payload.scope)
    form = None
    if payload.form:
        form = MentorshipForm.objects.filter(code=payload.form).first()
        if form is None:
            raise ValidationError({"form": f"Неизвестная форма наставничества «{payload.form}»."})
    run = actions.start_run(scope=scope, form=form, start_date=payload.start_date, actor=request.user)
    return Status(201, _run(request.user, run.pk))


@router.get("/runs/{run_id}", response={200: RunResultOut} | errors(401, 404, 422),
            summary="Ход подбора, предложения с причинами, кто без пары")
def get_run(request, run_id: int):
    run = _run(request.user, run_id)
    if not may(request.user, "view_people", run.scope):
        run.result, run.pinned, run.forbidden = aggregates.summary(run.result), [], []
    elif run.result:
        kept = {k: v for k, v in run.result.items() if k != "suggestions"}
        run.result = {**kept, "pairs": engine.explained(engine.suggestions(run.result), run.start_date)}
    return run


def _named_run(user, run_id: int) -> MatchingRun:
    """A run whose suggestions the user may mark by name: inside the organization only (403 above it)."""
    run = _run(user, run_id)
    if not may(user, "view_people", run.scope):
        raise PermissionDenied
    return run


@router.post("/runs/{run_id}/pin", response={200: RunOut} | errors(400, 401, 403, 404, 422),
             summary="Закрепить пару из предложений (повторно — снять)")
def pin(request, run_id: int, payload: SuggestedPairIn):
    run = _named_run(request.user, run_id)
    actions.pin(run, mentee_id=payload.mentee, mentor_id=payload.mentor, actor=request.user)
    return run


@router.post("/runs/{run_id}/forbid", response={200: RunOut} | errors(400, 401, 403, 404, 422),
             summary="Исключить пару из предложений (повторно — вернуть)")
def forbid(request, run_id: int, payload: SuggestedPairIn):
    run = _named_run(request.user, run_id)
    actions.forbid(run, mentee_id=payload.mentee, mentor_id=payload.mentor, actor=request.user)
    return run


@router.post("/runs/{run_id}/rerun", response={201: RunOut} | errors(401, 403, 404, 422),
             summary="Подобрать заново с закреплёнными и исключёнными")
def rerun(request, run_id: int):
    run = actions.rerun(_run(request.user, run_id), actor=request.user)
    return Status(201, _run(request.user, run.pk))


@router.post("/runs/{run_id}/accept", response={200: AcceptedOut} | errors(401, 403, 404, 422),
             summary="Принять: предложения становятся парами")
def accept(request, run_id: int):
    return {"pairs": actions.accept(_run(request.user, run_id), actor=request.user)}
