"""Keeping trend figures current: which published reviews show which practice issues.

``ReviewIssue`` holds one row per (review, issue) coded on a review's current
documents, with the number of verified codings (an unverified coding counts in
no figure: ``collation.visibility.coding_counted_q``). Trends are counted from it
(``selectors.trends``), so a coding change touches one review's rows
(incremental) and the nightly job rebuilds all of them (full).

Both work the same way, and the database does the grouping: one statement
deletes the rows that are no longer right (gone, or a different number of
codings) and one inserts the rows that are missing. Rows that are already
right are left alone, so a nightly rebuild that finds little changed writes
little (no index entries, no foreign-key checks, no dead rows for vacuum), and
a refresh that changes nothing (a note edited, a coding moved between pages)
does not invalidate the cached figures. The cached figures are invalidated
(``trends_changed``) after every full rebuild, and after a refresh that changed
a published review's rows: a draft's rows count in no figure until it is
published, and publishing invalidates them itself.

On PostgreSQL, concurrent runs are serialised so the delete-then-insert never
trips over another's rows: a refresh locks its review's row (which also orders
it with ``review_publish``/``review_withdraw``, which lock the same row), and a
rebuild locks the presence table against writers (readers carry on).
"""

from django.db import connection, transaction

from scr_platform.response_cache import public_changed, public_version

from ..choices import COUNTED_VERIFICATIONS
from ..models import Coding, Review, ReviewDocument, ReviewIssue

_WANTED_SQL = """
    SELECT document.review_id AS review_id, coding.issue_id AS issue_id, COUNT(*) AS codings
    FROM {coding} AS coding
    JOIN {document} AS document ON document.id = coding.document_id
    WHERE document.superseded_by_id IS NULL {only_review}
      AND coding.verification IN {counted}
    GROUP BY document.review_id, coding.issue_id
"""

# Rows that are wrong: no longer coded, or coded a different number of times.
_DELETE_SQL = """
    DELETE FROM {presence}
    WHERE {only_review} NOT EXISTS (
        SELECT 1 FROM ({wanted}) AS wanted
        WHERE wanted.review_id = {presence}.review_id
          AND wanted.issue_id = {presence}.issue_id
          AND wanted.codings = {presence}.codings
    )
"""

# Rows that are missing (after the delete, every remaining row is right). In
# key order, so the indexes are filled in order rather than at random (a
# rebuild from nothing writes every row).
_INSERT_SQL = """
    INSERT INTO {presence} (review_id, issue_id, codings)
    SELECT wanted.review_id, wanted.issue_id, wanted.codings
    FROM ({wanted}) AS wanted
    WHERE NOT EXISTS (
        SELECT 1 FROM {presence} AS present
        WHERE present.review_id = wanted.review_id AND present.issue_id = wanted.issue_id
    )
    ORDER BY wanted.review_id, wanted.issue_id
"""


def _statements(*, only_review: bool) -> tuple[str, str]:
    """The delete and insert statements; with ``only_review`` each takes the review id."""
    presence = ReviewIssue._meta.db_table
    wanted = _WANTED_SQL.format(
        coding=Coding._meta.db_table,
        document=ReviewDocument._meta.db_table,
        only_review="AND document.review_id = %s" if only_review else "",
        # Only codings a second analyst has verified count (collation.visibility).
        counted="(" + ", ".join(f"'{value}'" for value in COUNTED_VERIFICATIONS) + ")",
    )
    delete = _DELETE_SQL.format(
        presence=presence,
        wanted=wanted,
        only_review=f"{presence}.review_id = %s AND" if only_review else "",
    )
    insert = _INSERT_SQL.format(presence=presence, wanted=wanted)
    return delete, insert


@transaction.atomic
def review_issues_rebuild() -> int:
    """Recompute every review's issues from the codings (the nightly full rebuild)."""
    delete, insert = _statements(only_review=False)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Refreshes wait (< 1 s); the grid and issue pages go on reading.
            cursor.execute(f"LOCK TABLE {ReviewIssue._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(delete)
        cursor.execute(insert)
    # Also the safety net for changes made outside the services (e.g. in admin).
    trends_changed()
    return ReviewIssue.objects.count()


@transaction.atomic
def review_issues_refresh(*, review_id: int) -> None:
    """Recompute one review's issues after its codings or documents changed."""
    delete, insert = _statements(only_review=True)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT 1 FROM {Review._meta.db_table} WHERE id = %s FOR NO KEY UPDATE",
                [review_id],
            )
        cursor.execute(delete, [review_id, review_id])
        changed = cursor.rowcount
        cursor.execute(insert, [review_id])
        changed += cursor.rowcount
    # Read after the writes (and, on PostgreSQL, under the review's lock), so a
    # publication cannot slip in between unseen.
    if changed and Review.objects.public().filter(pk=review_id).exists():
        trends_changed()


# The trend figures are one part of what the public sees, and their cached
# copies (and the cached public pages showing them) share one version: the
# public version (``scr_platform.response_cache``). These names stay, as the
# ones callers across the apps use when they change what the public sees.


def trends_changed() -> None:
    """Invalidate every cached trend figure and public page (after the transaction commits)."""
    public_changed()


def trends_version() -> int:
    """The current version of the trend figures (the public version), for cache keys."""
    return public_version()
