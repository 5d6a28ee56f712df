"""Index page text for search (it once loaded agencies and abuse categories too).

The GIN index on the search vector exists on PostgreSQL only; the SQLite
default searches with a plain contains-match and needs none.

Agencies and abuse categories are not loaded here any more: a migration must
not call live code, which changes after the migration is written, and the
post_migrate loader (collation/reference_data.py) creates whatever is missing
after every migrate anyway, so a fresh database ends with the same data.
"""

from django.db import migrations


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
        migrations.RunPython(create_search_index, drop_search_index),
    ]
