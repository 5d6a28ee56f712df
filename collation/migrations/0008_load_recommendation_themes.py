"""Load the DFE-RR157 recommendation themes (data/reference.json)."""

from django.db import migrations

from collation.reference_data import reference_data_load


def load(apps, schema_editor):
    reference_data_load(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("collation", "0007_recommendation_coding")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
