from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'accounts'

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts import sessions  # noqa: F401 — connects the log-in receiver
        from accounts.time_zones import remember

        user_logged_in.connect(remember, dispatch_uid="accounts.time_zones.remember")
