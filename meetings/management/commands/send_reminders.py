"""`manage.py send_reminders` for cron (e.g. every hour); `--schedule` starts the periodic task instead."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from meetings import reminders
from meetings.tasks import send_reminders


class Command(BaseCommand):
    help = "Отправить напоминания о сроках (каждое — один раз)."

    def add_arguments(self, parser):
        parser.add_argument("--day", type=datetime.date.fromisoformat, help="день, ГГГГ-ММ-ДД (по умолчанию сегодня)")
        parser.add_argument("--schedule", action="store_true",
                            help="поставить в очередь задачу, которая повторяется каждый час")

    def handle(self, *args, day=None, schedule=False, **options):
        if schedule:
            send_reminders.enqueue()
            self.stdout.write("Задача напоминаний поставлена в очередь.")
            return
        sent = reminders.send_due(day or timezone.localdate())
        self.stdout.write(f"Отправлено напоминаний: {sent}.")
