from django.apps import AppConfig


class SurveysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "surveys"
    verbose_name = "анкеты и мониторинг удовлетворённости"

    def ready(self):
        from monitoring import satisfaction as monitoring_satisfaction
        from surveys.satisfaction import final_satisfaction

        monitoring_satisfaction.provide(final_satisfaction)
