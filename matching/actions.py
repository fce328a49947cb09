"""Runs of matching: start (in the background), pin or forbid a pair, accept the suggestions."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction

from audit import log
from audit.models import AuditEntry
from matching import engine
from matching.models import MatchingRun
from people.models import Participant
from programmes.models import MentorshipForm


@transaction.atomic
def start_run(*, scope, form, start_date, actor, pinned=(), forbidden=()) -> MatchingRun:
    from matching.tasks import run_matching

    run = MatchingRun.objects.create(scope=scope, form=form, start_date=start_date, created_by=actor,
                                     pinned=list(pinned), forbidden=list(forbidden))
    transaction.on_commit(lambda: run_matching.enqueue(run.pk))
    return run


def compute(run: MatchingRun) -> None:
    """The work of the background task: match every chosen form, keeping progress in the run."""
    forms = [run.form] if run.form else list(MentorshipForm.objects.all())
    MatchingRun.objects.filter(pk=run.pk).update(status=MatchingRun.Status.RUNNING)
    reserved, results = Counter(), []
    pinned = {tuple(p) for p in run.pinned}
    forbidden = {tuple(p) for p in run.forbidden}
    for done, form in enumerate(forms, start=1):
        result = engine.match(run.scope, form, day=run.start_date, reserved=reserved, pinned=pinned,
                              forbidden=forbidden)
        results.append({"form": {"id": form.pk, "name": form.name}, "pairs": result.pairs,
                        "unmatched_mentees": result.unmatched_mentees})
        MatchingRun.objects.filter(pk=run.pk).update(progress=100 * done // len(forms))
    matched = {m["id"] for r in results for p in r["pairs"] for m in p["mentees"]}
    unmatched = {m["id"]: m for r in results for m in r["unmatched_mentees"] if m["id"] not in matched}
    run.result = {"forms": results, "matched": len(matched), "unmatched": list(unmatched.values()),
                  "total_score": sum(m["score"] for r in results for p in r["pairs"] for m in p["mentees"])}
    run.status, run.progress = MatchingRun.Status.DONE, 100
    run.save(update_fields=["result", "status", "progress"])


def _toggle(run: MatchingRun, field: str, mentee_id: int, mentor_id: int) -> MatchingRun:
    pairs = [p for p in getattr(run, field) if p != [mentee_id, mentor_id]]
    if len(pairs) == len(getattr(run, field)):
        pairs.append([mentee_id, mentor_id])
    setattr(run, field, pairs)
    run.save(update_fields=[field])
    return run


def pin(run: MatchingRun, *, mentee_id: int, mentor_id: int) -> MatchingRun:
    run.forbidden = [p for p in run.forbidden if p != [mentee_id, mentor_id]]
    return _toggle(run, "pinned", mentee_id, mentor_id)


def forbid(run: MatchingRun, *, mentee_id: int, mentor_id: int) -> MatchingRun:
    run.pinned = [p for p in run.pinned if p != [mentee_id, mentor_id]]
    return _toggle(run, "forbidden", mentee_id, mentor_id)


def rerun(run: MatchingRun, *, actor) -> MatchingRun:
    return start_run(scope=run.scope, form=run.form, start_date=run.start_date, actor=actor, pinned=run.pinned,
                     forbidden=run.forbidden)


@transaction.atomic
def accept(run: MatchingRun, *, actor) -> int:
    """Every suggestion becomes a proposed pair, ready for the order; the pair actions recheck the rules."""
    if run.status != MatchingRun.Status.DONE:
        raise ValidationError("Принять можно только готовый и ещё не принятый подбор.")
    forbidden = {tuple(p) for p in run.forbidden}
    pairs = 0
    for form_result in run.result["forms"]:
        form = MentorshipForm.objects.get(pk=form_result["form"]["id"])
        kept = [{**p, "mentees": [m for m in p["mentees"] if (m["id"], p["mentor"]["id"]) not in forbidden]}
                for p in form_result["pairs"]]
        result = engine.Result(form, pairs=[p for p in kept if p["mentees"]])
        ids = [m["id"] for p in result.pairs for m in p["mentees"]]
        organizations = {p.pk: p.organization for p in Participant.objects.filter(pk__in=ids).select_related("organization")}
        pairs += len(engine.accept(result, organizations, start_date=run.start_date,
                                   planned_end_date=run.start_date.replace(year=run.start_date.year + 1), actor=actor))
    run.status = MatchingRun.Status.ACCEPTED
    run.save(update_fields=["status"])
    log.record(actor=actor, action=AuditEntry.Action.TRANSITION, obj=run, organization=run.scope,
               changes={"status": ["done", "accepted"], "pairs": [None, pairs]})
    return pairs
