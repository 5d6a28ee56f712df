"""Load the LiPP A3 grid: 7 stages, 44 practice issues and their causes (data/a3_grid.json)."""

from django.db import migrations

from collation.reference_data import reference_data_load


def load_grid(apps, schema_editor):
    reference_data_load(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("collation", "0004_practice_issue_taxonomy_and_coding")]

    operations = [migrations.RunPython(load_grid, migrations.RunPython.noop)]
