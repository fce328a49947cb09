from django.db import migrations, models


def date_the_approvals(apps, schema_editor):
    """A pair approved before the field existed: the date of the registered order that names it (the earliest),
    or its start when no such order is found (approved by an order kept outside the system)."""
    Pair = apps.get_model("pairs", "Pair")
    Order = apps.get_model("documents", "Order")
    dates = {}
    for pair_id, day in (Order.objects.filter(kind="pairs", status="registered")
                         .values_list("pairs", "date").order_by("date")):
        if pair_id is not None:
            dates.setdefault(pair_id, day)
    for pair in Pair.objects.exclude(status="proposed").only("pk", "start_date", "status"):
        day = dates.get(pair.pk)
        if day is None and pair.status == "terminated":
            continue  # terminated may mean never approved: without the order, it never counted
        pair.approved_on = day or pair.start_date
        pair.save(update_fields=["approved_on"])


class Migration(migrations.Migration):

    dependencies = [
        ('pairs', '0003_individual_plans'),
        ('documents', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='pair',
            name='approved_on',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='утверждена приказом от'),
        ),
        migrations.RunPython(date_the_approvals, migrations.RunPython.noop),
    ]
