"""Load agencies and abuse categories, and index page text for search.

Agencies come from data/reference.json (never retyped). The GIN index on the
search vector exists on PostgreSQL only; the SQLite default searches with a
plain contains-match and needs none.
"""

from django.db import migrations

from collation.choices import AbuseCategoryCode
from scr_platform.reference import reference


def load_reference_data(apps, schema_editor):
    Agency = apps.get_model("collation", "Agency")
    AbuseCategory = apps.get_model("collation", "AbuseCategory")
    for position, name in enumerate(reference()["agencies_rr157"], start=1):
        Agency.objects.update_or_create(name=name, defaults={"position": position})
    for code in AbuseCategoryCode.values:
        AbuseCategory.objects.get_or_create(code=code)


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
