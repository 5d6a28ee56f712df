"""Search pages through a RUM index instead of GIN (PostgreSQL only).

A GIN index knows which pages hold a word but not where, nor how well the
page matches: a phrase ("child protection plan", or two common words that are
never adjacent) is checked by reading every candidate page's search vector,
and ranking reads every match, so search used to rank only the first 1,000
matches it found. The RUM index (Debian's ``postgresql-15-rum``, extension
``rum``) keeps each word's positions in the index, so phrases and adjacency are
checked there, and it returns matches best first (``search_vector <=> query``),
so the top results are exact over all matches. Measured with
``bench/search_latency.py``: see ``docs/operations.md`` ("Search at scale").

The extension must be installed on the database server (``.ci/run`` and the
compose file's database image install it); ``CREATE EXTENSION`` needs a
superuser, or a database owner where the extension is trusted. SQLite (the
embedded default) searches by a plain contains-match and needs neither.
"""

from django.db import migrations

MISSING = (
    "PostgreSQL has no 'rum' extension: install the package postgresql-<version>-rum "
    "on the database server (Debian: apt-get install postgresql-15-rum), then migrate again."
)


def rum_index_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            raise RuntimeError(MISSING)
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS rum")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS collation_page_search_rum "
        "ON collation_documentpage USING rum (search_vector rum_tsvector_ops)"
    )
    schema_editor.execute("DROP INDEX IF EXISTS collation_page_search_gin")


def rum_index_drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS collation_page_search_gin "
        "ON collation_documentpage USING gin (search_vector)"
    )
    schema_editor.execute("DROP INDEX IF EXISTS collation_page_search_rum")


class Migration(migrations.Migration):
    dependencies = [("collation", "0011_coding_suggestions_and_verification")]

    operations = [migrations.RunPython(rum_index_create, rum_index_drop)]
