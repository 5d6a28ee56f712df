"""Load version 1 of the framework: the 18 markers in data/quality_markers.json."""

from django.db import migrations

from quality_markers.reference_data import framework_load


def load(apps, schema_editor):
    framework_load(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("quality_markers", "0001_framework")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
