"""The background work of matching: a run computed outside the request, its progress kept in the run."""

from django_tasks import task

from matching import engine
from matching.models import MatchingRun
from programmes.models import MentorshipForm


@task()
def run_matching(run_id: int) -> None:
    run = MatchingRun.objects.select_related("scope", "form").get(pk=run_id)
    try:
        compute(run)
    except Exception as error:  # the page shows the failure instead of spinning forever
        MatchingRun.objects.filter(pk=run_id).update(status=MatchingRun.Status.FAILED, error=str(error))
        raise


def _forms(run: MatchingRun) -> list[MentorshipForm]:
    return [run.form] if run.form else list(MentorshipForm.objects.all())


def compute(run: MatchingRun) -> None:
    """The background task's work: match, keeping the progress in the run, then store the suggestions."""
    def progress(percent: int, stage: str) -> None:
        MatchingRun.objects.filter(pk=run.pk).update(status=MatchingRun.Status.RUNNING, progress=percent, stage=stage)

    result = engine.match(run.scope, _forms(run), day=run.start_date, pinned=run.pinned, forbidden=run.forbidden,
                          progress=progress)
    run.result = {"matched": result.matched, "total_score": result.total_score, "candidates": result.candidates,
                  "suggestions": result.stored(), "unmatched_mentees": result.unmatched_mentees, "notes": result.notes}
    run.status, run.progress, run.stage = MatchingRun.Status.DONE, 100, ""
    run.save(update_fields=["result", "status", "progress", "stage"])
