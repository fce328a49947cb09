from django.core.management.base import BaseCommand, CommandError

from accounts.models import ApiToken, User


class Command(BaseCommand):
    help = "Выдаёт токен API пользователю; ключ показывается один раз."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="назначение, например «школьная система»")

    def handle(self, username, name, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Нет активного пользователя «{username}».")
        _, key = ApiToken.issue(user, name)
        self.stdout.write(key)
