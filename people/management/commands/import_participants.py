from django.core.management.base import BaseCommand, CommandError

from organizations.models import Organization
from people.importing import import_participants


class Command(BaseCommand):
    help = "Загружает участников из XLSX в организацию: всё или ничего; при ошибках выходит с кодом 1."

    def add_arguments(self, parser):
        parser.add_argument("file", help="файл XLSX со строкой заголовков")
        parser.add_argument("--org", required=True, metavar="CODE", help="код организации")
        parser.add_argument("--dry-run", action="store_true", help="только проверить, ничего не записывать")

    def handle(self, *, file, org, dry_run, **options):
        organization = Organization.objects.filter(code=org).first()
        if organization is None:
            raise CommandError(f"Нет организации с кодом «{org}».")
        try:
            with open(file, "rb") as stream:
                report = import_participants(stream, organization=organization, actor=None, dry_run=dry_run)
        except OSError as error:
            raise CommandError(f"Файл «{file}» не открывается: {error.strerror}.") from error
        for error in report.errors:
            self.stderr.write(str(error))
        if report.errors:
            raise CommandError(f"Загрузка отклонена, ничего не записано: ошибок — {len(report.errors)}.")
        self.stdout.write(report.summary())
