"""Index each page's adjacent word pairs, so phrases are found from the index.

The GIN index on ``search_vector`` finds the pages holding all of a phrase's
words, and PostgreSQL then reads each such page's vector to check that the
words stand next to each other. For a phrase of common words that is nearly
every page ("police school": 300 ms at 120,000 pages, 1.3 s at 600,000, to
find none). ``collation_adjacent_pairs`` lists a vector's adjacent lexemes as
pairs ("polic school"), read from the positions the vector keeps. Each page
keeps its pairs in ``search_pairs``, a column PostgreSQL generates from the
vector on every write (so no code writes it, and the model does not name it),
with a GIN index: the pages holding every pair of the phrase come from the
index, and only those are checked (``collation.selectors.search``). Stored
rather than an expression index because PostgreSQL rechecks a bitmap scan's
every condition on each row it reads, and recomputing the pairs costs about
0.3 ms a page. Measured in bench/search_latency.py.

The pair is built from the same positions the phrase check reads, so a page
matching ``a <-> b`` always holds the pair "a b": the index never drops a match.
PostgreSQL only (SQLite searches with a contains-match).
"""

from django.db import migrations

CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION collation_adjacent_pairs(vector tsvector) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT a.lexeme || ' ' || b.lexeme), '{}')
  FROM (SELECT lexeme, unnest(positions) AS position FROM unnest(vector)) AS a
  JOIN (SELECT lexeme, unnest(positions) AS position FROM unnest(vector)) AS b
    ON b.position = a.position + 1
$$
"""


def create_pairs_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_FUNCTION)
        schema_editor.execute(
            "ALTER TABLE collation_documentpage ADD COLUMN search_pairs text[] "
            "GENERATED ALWAYS AS (collation_adjacent_pairs(search_vector)) STORED"
        )
        schema_editor.execute(
            "CREATE INDEX collation_page_pairs_gin ON collation_documentpage USING gin (search_pairs)"
        )


def drop_pairs_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE collation_documentpage DROP COLUMN search_pairs")
        schema_editor.execute("DROP FUNCTION IF EXISTS collation_adjacent_pairs(tsvector)")


class Migration(migrations.Migration):
    dependencies = [("collation", "0015_following")]

    operations = [migrations.RunPython(create_pairs_index, drop_pairs_index)]
