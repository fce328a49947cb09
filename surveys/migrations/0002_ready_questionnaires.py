from django.db import migrations

from surveys import catalogue


def install(apps, schema_editor):
    Questionnaire, Item = apps.get_model("surveys", "Questionnaire"), apps.get_model("surveys", "Item")
    for code, (title, stage, audience, items) in catalogue.QUESTIONNAIRES.items():
        questionnaire = Questionnaire.objects.create(code=code, title=title, stage=stage, audience=audience)
        Item.objects.bulk_create(Item(questionnaire=questionnaire, position=n, kind=kind, text=text,
                                      options=list(options)) for n, (kind, text, options) in enumerate(items, 1))


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
