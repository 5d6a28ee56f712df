"""Keeping trend figures current: which published reviews show which practice issues.

``ReviewIssue`` holds one row per (review, issue) coded on a review's current
documents. Trends are counted from it (``selectors.trends``), so a coding
change touches one review's rows (incremental) and the nightly job rebuilds
all of them (full). Both are single INSERT … SELECT statements: the database
does the grouping.
"""

import time

from django.core.cache import cache
from django.db import connection, transaction

from ..models import Coding, ReviewDocument, ReviewIssue

_PRESENCE_SQL = """
    INSERT INTO {presence} (review_id, issue_id, codings)
    SELECT document.review_id, coding.issue_id, COUNT(*)
    FROM {coding} AS coding
    JOIN {document} AS document ON document.id = coding.document_id
    WHERE document.superseded_by_id IS NULL {only_review}
    GROUP BY document.review_id, coding.issue_id
"""


def _presence_sql(*, only_review: bool) -> str:
    return _PRESENCE_SQL.format(
        presence=ReviewIssue._meta.db_table,
        coding=Coding._meta.db_table,
        document=ReviewDocument._meta.db_table,
        only_review="AND document.review_id = %s" if only_review else "",
    )


@transaction.atomic
def review_issues_rebuild() -> int:
    """Recompute every review's issues from the codings (the nightly full rebuild)."""
    ReviewIssue.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(_presence_sql(only_review=False))
    trends_changed()
    return ReviewIssue.objects.count()


@transaction.atomic
def review_issues_refresh(*, review_id: int) -> None:
    """Recompute one review's issues after its codings or documents changed."""
    ReviewIssue.objects.filter(review_id=review_id).delete()
    with connection.cursor() as cursor:
        cursor.execute(_presence_sql(only_review=True), [review_id])
    trends_changed()


# Cached trend figures carry this version in their keys; any change that can
# move a figure (a coding, a publication) bumps it, so nothing stale is served.
TRENDS_VERSION_KEY = "collation:trends-version"


def trends_changed() -> None:
    """Invalidate every cached trend figure (after the transaction commits)."""

    def bump():
        try:
            cache.incr(TRENDS_VERSION_KEY)
        except ValueError:  # not set yet (or evicted): any new value invalidates
            cache.set(TRENDS_VERSION_KEY, time.time_ns(), timeout=None)

    transaction.on_commit(bump)


def trends_version() -> int:
    """The current version of the trend figures, for cache keys."""
    version = cache.get(TRENDS_VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(TRENDS_VERSION_KEY, version, timeout=None)
        version = cache.get(TRENDS_VERSION_KEY, version)
    return version
