import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from demo.load import DEFAULT_SEED, DEMO_PASSWORD, LOGINS, database_state, load_demo
from organizations.models import Organization
from people.models import Participant


class Command(BaseCommand):
    help = (
        "Строит демо-регион «Республика Хакасия» в пустой базе: муниципалитеты, школы, колледжи, партнёры, "
        "участники с профилями, запросами и согласиями, входы для каждой роли. Данные зависят только от --seed "
        "и текущей даты."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true",
                            help="ничего не делать, если демо уже загружено или в базе уже есть свои данные")
        parser.add_argument("--force", action="store_true",
                            help="загрузить и при выключенном DEBUG (демо-входы с общим паролем — не для рабочей базы)")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"зерно генератора (по умолчанию {DEFAULT_SEED})")

    def handle(self, *args, once: bool, force: bool, seed: int, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                f"DEBUG выключен — похоже, это рабочая база. Демо создаёт пользователей (и admin) с общим паролем "
                f"«{DEMO_PASSWORD}», поэтому загружается только при DEBUG=1 или с --force.")
        state = database_state()
        if state != "empty":
            message = ("Демо уже загружено." if state == "demo"
                       else "В базе уже есть данные: демо загружается только в пустую базу.")
            if once:
                self.stdout.write(message + " Ничего не меняю.")
                return
            raise CommandError(message)
        started = time.perf_counter()
        load_demo(seed=seed, today=timezone.localdate())
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(
            f"Демо-регион загружен за {elapsed:.1f} с: организаций {Organization.objects.count()}, "
            f"участников {Participant.objects.count()}."))
        self.stdout.write(f"Пароль у всех пользователей: {DEMO_PASSWORD}")
        for login in LOGINS:
            self.stdout.write(f"  {login.username:<13} {login.who}")
