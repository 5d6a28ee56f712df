"""Keep each page's search vector in the table row, and its text out of line.

Search reads the search vector of every candidate page (to check phrases and
negations, and to rank) but the text of only the 20 pages it shows. By default
PostgreSQL moves the vector, a few KB per page and not compressible, out to the
TOAST table, so each candidate costs a TOAST index lookup and a copy. With
STORAGE MAIN the vector stays in the row (unless a row would exceed a page) and
the text is the column moved out instead. Measured with bench/search_latency.py
on 120,000 pages: the search as it was went from p95 1.3 s to 0.55 s, and the
worst case of the capped search (a phrase of two common words that are almost
never adjacent, so every page with both words is read) from ~690 ms to ~150 ms.

PostgreSQL only (SQLite has no such setting and searches without vectors).
Rows already stored take the new layout when they are next rewritten (a page
re-processed, or ``VACUUM FULL collation_documentpage``); new rows take it at
once.
"""

from django.db import migrations


def search_vector_inline(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE collation_documentpage ALTER COLUMN search_vector SET STORAGE MAIN"
        )


def search_vector_default(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE collation_documentpage ALTER COLUMN search_vector SET STORAGE EXTENDED"
        )


class Migration(migrations.Migration):
    dependencies = [("collation", "0002_reference_data_and_search_index")]

    operations = [migrations.RunPython(search_vector_inline, search_vector_default)]
