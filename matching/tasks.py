from django_tasks import task

from matching.models import MatchingRun


@task()
def run_matching(run_id: int) -> None:
    from matching.actions import compute

    run = MatchingRun.objects.select_related("scope", "form").get(pk=run_id)
    try:
        compute(run)
    except Exception as error:  # the page shows the failure instead of spinning forever
        MatchingRun.objects.filter(pk=run_id).update(status=MatchingRun.Status.FAILED, error=str(error))
        raise
