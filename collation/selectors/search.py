"""Full-text search over published reports, ranked, with highlighted snippets."""

import math
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db import connection
from django.db.models import F, FloatField, Func, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..models import DocumentPage, Review, ReviewDocument

# ts_headline's markers: control characters that never occur in page text, so
# the text can be escaped first and the markers turned into <mark> after.
_START, _STOP = "\x02", "\x03"
SNIPPET_WORDS = 40


@dataclass(frozen=True)
class SearchHit:
    review: Review
    document: ReviewDocument
    page: int
    snippet: SafeString
    rank: float

    @property
    def url(self) -> str:
        """The page of the original PDF."""
        return f"{self.document.get_file_url()}#page={self.page}"


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int
    hits: list[SearchHit]
    # True when more pages match than search counts (COUNT_LIMIT): ``total`` is
    # then the cap, and reads "more than" it. The ranking is exact all the same.
    total_is_capped: bool = False


def _marked(text: str) -> SafeString:
    return mark_safe(escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>"))


def _searchable_pages(reviews: QuerySet[Review]) -> QuerySet[DocumentPage]:
    # Only public documents, whatever the caller passed: current, not held back,
    # of a published review (collation.visibility).
    return DocumentPage.objects.filter(
        document__in=ReviewDocument.objects.public().filter(review__in=reviews.values("pk"))
    )


def page_search(
    *, query: str, reviews: QuerySet[Review], offset: int = 0, limit: int = 20
) -> SearchResults:
    """Ranked pages of published reports matching ``query``, with highlighted snippets.

    ``reviews`` narrows the search (the filters); anything unpublished in it is
    dropped here, whatever the caller passed.
    """
    query = query.strip()
    if not query:
        return SearchResults(query=query, total=0, hits=[])
    pages = _searchable_pages(reviews)
    if connection.vendor == "postgresql":
        return _postgres_search(query=query, pages=pages, offset=offset, limit=limit)
    return _contains_search(query=query, pages=pages, offset=offset, limit=limit)


# Ranking is exact over every match: the RUM index (migration 0012) returns
# matches best first (``search_vector <=> query``, RUM's distance, the inverse of
# its rank), and it checks phrases and adjacency from the positions it stores,
# so neither reads the pages' vectors. Counting every match of a broad query
# ("child": most of the 600,000 pages) would still read the whole match list,
# so the count stops at COUNT_LIMIT and reads "more than" it.
COUNT_LIMIT = 10_000


class _Distance(Func):
    """RUM's distance between a page's search vector and the query (0 is best)."""

    arg_joiner = " <=> "
    template = "(%(expressions)s)"
    output_field = FloatField()


def _postgres_search(*, query: str, pages, offset: int, limit: int) -> SearchResults:
    search_query = SearchQuery(query, search_type="websearch", config="english")
    matches = pages.filter(search_vector=search_query)
    ranked = list(
        matches.annotate(distance=_Distance(F("search_vector"), search_query))
        .order_by("distance", "document_id", "number")
        .values_list("pk", "distance")[offset : offset + limit]
    )
    if len(ranked) < limit and (ranked or not offset):
        found = offset + len(ranked)  # the last page of results: counted by the ranking
    else:
        found = matches.order_by().values("pk")[: COUNT_LIMIT + 1].count()
    rows = {
        row.pk: row
        for row in DocumentPage.objects.filter(pk__in=[pk for pk, _ in ranked])
        .annotate(
            headline=SearchHeadline(
                "text",
                search_query,
                config="english",
                start_sel=_START,
                stop_sel=_STOP,
                max_words=SNIPPET_WORDS,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
        .defer("text", "search_vector")
        .select_related("document__review__board")
        .order_by()
    }
    hits = [
        SearchHit(
            review=rows[pk].document.review,
            document=rows[pk].document,
            page=rows[pk].number,
            snippet=_marked(rows[pk].headline),
            rank=_rank(distance),
        )
        for pk, distance in ranked
        if pk in rows
    ]
    return SearchResults(
        query=query,
        total=min(found, COUNT_LIMIT),
        hits=hits,
        total_is_capped=found > COUNT_LIMIT,
    )


def _rank(distance: float) -> float:
    """RUM's distance as a rank (higher is better), 0 for a page matched only by negation."""
    return 0.0 if distance == 0 or math.isinf(distance) else 1 / distance


def _excerpt_around(text: str, phrase: str, *, before: int = 120, after: int = 180) -> str:
    """About 300 characters around the first match, cut at word boundaries."""
    found = re.search(re.escape(phrase), text, flags=re.IGNORECASE)
    start = max(found.start() - before, 0) if found else 0
    end = min((found.end() if found else 0) + after, len(text))
    excerpt = text[start:end]
    if start > 0:
        excerpt = "… " + excerpt.split(maxsplit=1)[-1]
    if end < len(text):
        excerpt = excerpt.rsplit(maxsplit=1)[0] + " …"
    return " ".join(excerpt.split())


def _contains_search(*, query: str, pages, offset: int, limit: int) -> SearchResults:
    """The SQLite stand-in: pages containing the whole phrase, snippet around it."""
    phrase = query.strip('"')
    matches = pages.filter(text__icontains=phrase).order_by("document_id", "number")
    total = matches.count()
    hits = []
    for row in matches.select_related("document__review__board")[offset : offset + limit]:
        excerpt = _excerpt_around(row.text, phrase)
        excerpt = re.sub(
            re.escape(phrase), lambda m: f"{_START}{m.group(0)}{_STOP}", excerpt, flags=re.I
        )
        hits.append(
            SearchHit(
                review=row.document.review,
                document=row.document,
                page=row.number,
                snippet=_marked(excerpt),
                rank=1.0,
            )
        )
    return SearchResults(query=query, total=total, hits=hits)
