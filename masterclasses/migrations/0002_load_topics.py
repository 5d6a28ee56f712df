"""Load the four LiPP masterclass topics from data/reference.json."""

from django.db import migrations

from masterclasses.reference_data import topics_load


def load(apps, schema_editor):
    topics_load(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("masterclasses", "0001_directory_masterclasses_cpd")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
