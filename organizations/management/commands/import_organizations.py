from django.core.management.base import BaseCommand, CommandError

from organizations.importing import import_organizations


class Command(BaseCommand):
    help = ("Загружает организации из XLSX («Код», «Наименование», «Тип», «Код вышестоящей организации»): "
            "всё или ничего; при ошибках выходит с кодом 1.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="файл XLSX со строкой заголовков")
        parser.add_argument("--dry-run", action="store_true", help="только проверить, ничего не записывать")

    def handle(self, *, file, dry_run, **options):
        try:
            with open(file, "rb") as stream:
                report = import_organizations(stream, actor=None, dry_run=dry_run)
        except OSError as error:
            raise CommandError(f"Файл «{file}» не открывается: {error.strerror}.") from error
        for error in report.errors:
            self.stderr.write(str(error))
        if report.errors:
            raise CommandError(f"Загрузка отклонена, ничего не записано: ошибок — {len(report.errors)}.")
        self.stdout.write(report.summary())
