import datetime
import json as json_module
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from organizations.models import Organization
from roadmaps import importing

MAX_FILE = 20 * 2**20


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Дата «{value}» не в виде ГГГГ-ММ-ДД.") from error


class Command(BaseCommand):
    help = ("Загружает дорожную карту организации из DOCX или XLSX: все строки или ничего. С --json печатает "
            "прочитанные мероприятия и сроки; с --dry-run ничего не записывает.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="файл DOCX или XLSX с таблицей дорожной карты")
        parser.add_argument("--org", required=True, metavar="CODE", help="код организации")
        parser.add_argument("--start", metavar="YYYY-MM-DD", help="начало периода дорожной карты")
        parser.add_argument("--end", metavar="YYYY-MM-DD", help="конец периода дорожной карты")
        parser.add_argument("--json", action="store_true", help="напечатать мероприятия и сроки в JSON")
        parser.add_argument("--dry-run", action="store_true", help="только прочитать, ничего не записывать")

    def handle(self, *, file, org, start, end, json: bool, dry_run, **options):
        organization = Organization.objects.filter(code=org).first()
        if organization is None:
            raise CommandError(f"Нет организации с кодом «{org}».")
        if (start is None) != (end is None):
            raise CommandError("Период задают обе даты: --start и --end.")
        period = {"starts_on": _day(start), "ends_on": _day(end)} if start else {}
        path = Path(file)
        try:
            if path.stat().st_size > MAX_FILE:
                raise CommandError(f"Файл больше {MAX_FILE // 2**20} МБ.")
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Файл «{file}» не открывается: {error.strerror}.") from error
        try:
            if dry_run:
                shown, roadmap = importing.preview(content, path.name, **period), None
            else:
                shown, roadmap = importing.import_roadmap(content, path.name, organization=organization,
                                                          actor=None, **period)
        except ValidationError as error:
            raise CommandError("Загрузка отклонена, ничего не записано: " + " ".join(error.messages)) from error
        if json:
            self.stdout.write(_json(shown.as_json()))
            return
        for error in shown.errors:
            self.stderr.write(error)
        self.stdout.write(f"Мероприятий: {len(shown.items)}, нужна дата в строках: "
                          f"{', '.join(map(str, shown.attention)) or 'нет'}; период "
                          f"{shown.starts_on:%d.%m.%Y} – {shown.ends_on:%d.%m.%Y}.")
        if roadmap is not None:
            self.stdout.write(f"Записана дорожная карта «{roadmap}» ({organization}).")


def _json(data: dict) -> str:
    return json_module.dumps(data, ensure_ascii=False, indent=2)
