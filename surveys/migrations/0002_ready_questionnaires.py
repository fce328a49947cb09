from django.db import migrations

from surveys import catalogue


def install(apps, schema_editor):
    catalogue.install(apps)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
