"""The reminders as a periodic task of the task queue: each run sends what is due and schedules the next run.
Runs that overlap (a cron job too) are harmless: a reminder is sent once (meetings.reminders)."""

import datetime

from django.utils import timezone
from django_tasks import task

from meetings import reminders

EVERY = datetime.timedelta(hours=1)


@task()
def send_reminders(repeat: bool = True) -> int:
    sent = reminders.send_due(timezone.localdate())
    # A backend that runs tasks at once (the tests') cannot defer one: no next run there.
    if repeat and send_reminders.get_backend().supports_defer:
        send_reminders.using(run_after=timezone.now() + EVERY).enqueue()
    return sent
