from django.db import migrations


def load(apps, schema_editor):
    from programmes.catalogue import FORMS

    MentorshipForm = apps.get_model("programmes", "MentorshipForm")
    RoleModelVariant = apps.get_model("programmes", "RoleModelVariant")
    for order, spec in enumerate(FORMS):
        spec = dict(spec)
        variants = spec.pop("variants")
        form, _ = MentorshipForm.objects.update_or_create(code=spec.pop("code"), defaults={**spec, "sort_order": order})
        for name in variants:
            RoleModelVariant.objects.get_or_create(form=form, name=name)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
