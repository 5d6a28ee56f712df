"""Load agencies and abuse categories, and index page text for search.

Agencies come from data/reference.json (never retyped). The GIN index on the
search vector exists on PostgreSQL only; the SQLite default searches with a
plain contains-match and needs none.
"""

from django.db import migrations

from collation.reference_data import reference_data_load


def load_reference_data(apps, schema_editor):
    reference_data_load(apps, using=schema_editor.connection.alias)


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS collation_page_search_gin "
            "ON collation_documentpage USING gin (search_vector)"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS collation_page_search_gin")


class Migration(migrations.Migration):
    dependencies = [("collation", "0001_initial")]

    operations = [
        migrations.RunPython(load_reference_data, migrations.RunPython.noop),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
