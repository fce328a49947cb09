import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from monitoring import counting
from organizations.models import Organization


class Command(BaseCommand):
    help = ("Показатели целевой модели наставничества организации, муниципалитета или региона на дату — те же "
            "числа, что на странице «Показатели».")

    def add_arguments(self, parser):
        parser.add_argument("code", help="код организации, муниципалитета или региона")
        parser.add_argument("--date", help="дата, ГГГГ-ММ-ДД (по умолчанию сегодня)")
        parser.add_argument("--json", action="store_true", help="напечатать результат одним объектом JSON")

    def handle(self, *args, code: str, date: str | None, **options):
        territory = Organization.objects.filter(code=code, kind__in=counting.REPORTED_KINDS).first()
        if territory is None:
            raise CommandError(f"Нет организации, муниципалитета или региона с кодом «{code}».")
        report = counting.report(territory, self._day(date))
        if options["json"]:
            self.stdout.write(json.dumps(counting.as_json(report), ensure_ascii=False))
            return
        self.stdout.write(f"{territory.name} ({territory.code}) на {report.day:%d.%m.%Y}")
        for v in report.values:
            fraction = f"{v.numerator if v.numerator is not None else '—'} из " \
                       f"{v.denominator if v.denominator is not None else '—'}"
            value = f"{v.value:.1f} %" if v.value is not None else "—"
            target = f"цель {v.target:.1f} %" if v.target is not None else "цели нет"
            self.stdout.write(f"  {v.name}: {value} ({fraction}; {target}; {v.status_label})")

    def _day(self, text: str | None) -> datetime.date:
        if not text:
            return timezone.localdate()
        try:
            return datetime.date.fromisoformat(text)
        except ValueError as error:
            raise CommandError(f"--date: дата «{text}» не в формате ГГГГ-ММ-ДД.") from error
