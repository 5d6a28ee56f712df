"""Full-text search over published reports, ranked, with highlighted snippets."""

import hashlib
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, F, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from scr_platform.response_cache import CACHE_SECONDS, public_version

from ..analysis.phrase_pairs import necessary_pairs
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
    # True when more pages match than search counts: ``total`` is then the
    # cap, and reads "more than" it.
    total_is_capped: bool = False


def marked(text: str) -> SafeString:
    return mark_safe(escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>"))


def _searchable_documents(reviews: QuerySet[Review]) -> QuerySet[ReviewDocument]:
    # Only public documents, whatever the caller passed: current, not held back,
    # of a published review (collation.visibility).
    return ReviewDocument.objects.public().filter(review__in=reviews.values("pk"))


def searchable_pages(reviews: QuerySet[Review]) -> QuerySet[DocumentPage]:
    return DocumentPage.objects.filter(document__in=_searchable_documents(reviews))


def _public_documents_bitmap(reviews: QuerySet[Review]) -> bytes:
    """Which documents among ``reviews`` are public, as a bitmap (bit n: document id n),
    kept under the public version.

    Joining pages to the visibility rule made PostgreSQL misjudge how many
    documents are public (it guessed one) and read pages document by
    document: some 200 ms for any query at 600,000 pages; a list of 35,000 ids
    cost 40 ms to plan. A bitmap of a few kilobytes costs nothing to send,
    plan or test (``get_bit``). Which documents are public changes only when
    the public version moves (publication, withdrawal, a document replaced,
    held back or given a new public copy all move it), so it is read once per
    version and filter set.
    """
    documents = _searchable_documents(reviews).values_list("pk", flat=True).order_by()
    sql, params = documents.query.sql_with_params()
    digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()[:32]
    key = f"collation:search-documents:{public_version()}:{digest}"
    bitmap = cache.get(key)
    if bitmap is None:
        ids = list(documents)
        bits = bytearray(max(ids, default=0) // 8 + 1)
        for pk in ids:
            bits[pk >> 3] |= 1 << (pk & 7)
        bitmap = bytes(bits)
        cache.set(key, bitmap, CACHE_SECONDS)
    return bitmap


def public_pages(reviews: QuerySet[Review]) -> QuerySet[DocumentPage]:
    """The pages of public documents among ``reviews`` (PostgreSQL)."""
    bitmap = _public_documents_bitmap(reviews)
    # CASE, not AND: get_bit fails past the bitmap's end (a document made since).
    return DocumentPage.objects.filter(
        RawSQL(
            f"CASE WHEN {DocumentPage._meta.db_table}.document_id < %s "
            f"THEN get_bit(%s::bytea, {DocumentPage._meta.db_table}.document_id) = 1 "
            "ELSE false END",
            (len(bitmap) * 8, bitmap),
            output_field=BooleanField(),
        )
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
    if connection.vendor == "postgresql":
        pages = public_pages(reviews)
        return _postgres_search(query=query, pages=pages, offset=offset, limit=limit)
    pages = searchable_pages(reviews)
    return _contains_search(query=query, pages=pages, offset=offset, limit=limit)


# A broad query ("child", "social worker") matches nearly every page, and
# counting and ranking every match reads every page's search vector: ~200 ms at
# 100,000 pages. So search stops at the first SEARCH_CANDIDATES matches it
# finds (in storage order, not by relevance): the total is capped (shown as
# "more than 1,000") and the hits are the best ranked of those matches. A query
# with fewer matches is counted and ranked exactly.
SEARCH_CANDIDATES = 1_000


_WORDS_ONLY = re.compile(r"[^\W_]*(?:\s+[^\W_]*)*")


def matching_pages(pages: QuerySet[DocumentPage], query: str):
    """(the pages among ``pages`` matching ``query``, the query as PostgreSQL reads it).

    A phrase is found through its adjacent word pairs (``analysis.phrase_pairs``;
    ``search_pairs`` and its index, migration 0016): the pages holding every
    pair come from that index, and PostgreSQL checks the phrase on those pages
    only, not on every page holding its words. The phrase check is then written
    as a function call, which no index serves, so PostgreSQL does not also read
    the search vector's index to intersect it with the pairs' (which costs as
    much as the search).
    """
    search_query = SearchQuery(query, search_type="websearch", config="english")
    pairs = []
    # Only quotes or punctuation inside a word ("self-harm", "o'brien") make a phrase:
    # words and spaces alone cost no round trip to read the query's text.
    if not _WORDS_ONLY.fullmatch(query):
        with connection.cursor() as cursor:
            cursor.execute("SELECT websearch_to_tsquery('english', %s)::text", [query])
            pairs = necessary_pairs(cursor.fetchone()[0])
    if not pairs:
        return pages.filter(search_vector=search_query), search_query
    table = DocumentPage._meta.db_table
    return pages.filter(
        RawSQL(
            f"{table}.search_pairs @> %s::text[] AND ts_match_vq({table}.search_vector, "
            "websearch_to_tsquery('english', %s))",
            (pairs, query),
            output_field=BooleanField(),
        )
    ), search_query


def _postgres_search(*, query: str, pages, offset: int, limit: int) -> SearchResults:
    matches, search_query = matching_pages(pages, query)
    ranked, found = _ranked_page_ids(
        matches, search_query, offset=offset, end=min(offset + limit, SEARCH_CANDIDATES)
    )
    rows = pages_with_headlines([pk for pk, _ in ranked], search_query)
    hits = [
        SearchHit(
            review=rows[pk].document.review,
            document=rows[pk].document,
            page=rows[pk].number,
            snippet=marked(rows[pk].headline),
            rank=rank,
        )
        for pk, rank in ranked
        if pk in rows
    ]
    return SearchResults(
        query=query,
        total=min(found, SEARCH_CANDIDATES),
        hits=hits,
        total_is_capped=found > SEARCH_CANDIDATES,
    )


def pages_with_headlines(ids: list[int], search_query: SearchQuery) -> dict[int, DocumentPage]:
    """The pages ``ids``, each with ``headline``: its best passages, markers around the words."""
    return {
        row.pk: row
        for row in DocumentPage.objects.filter(pk__in=ids)
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


def search_candidates(matches: QuerySet[DocumentPage], search_query: SearchQuery) -> QuerySet:
    """The first ``SEARCH_CANDIDATES + 1`` matches the scan finds, each with its rank.

    No ORDER BY, so the scan stops there. Columns: id, document_id, number, hit_rank.
    """
    return (
        matches.order_by()
        .annotate(hit_rank=SearchRank(F("search_vector"), search_query))
        .values_list("id", "document_id", "number", "hit_rank")[: SEARCH_CANDIDATES + 1]
    )


def _ranked_page_ids(
    matches: QuerySet[DocumentPage], search_query: SearchQuery, *, offset: int, end: int
) -> tuple[list[tuple[int, float]], int]:
    """(page id, rank) of the hits from ``offset`` to ``end``, and how many candidates.

    The candidates are the first ``SEARCH_CANDIDATES + 1`` matches the scan
    finds (no ORDER BY, so it stops there), each ranked as it is read; one
    statement then counts them and keeps the best ranked.
    """
    candidates = search_candidates(matches, search_query)
    if offset < end:
        sql, params = candidates.query.sql_with_params()
        with connection.cursor() as cursor:
            # The ORM cannot select from a subquery; ``sql`` is its own SQL,
            # with placeholders for ``params``, never the user's text.
            cursor.execute(
                "SELECT id, rank, count(*) OVER () "
                f"FROM ({sql}) AS candidates (id, document_id, number, rank) "
                "ORDER BY rank DESC, document_id, number LIMIT %s OFFSET %s",
                [*params, end - offset, offset],
            )
            rows = cursor.fetchall()
        if rows:
            return [(pk, rank) for pk, rank, _ in rows], rows[0][2]
    # Past the last hit: only the count is wanted.
    return [], candidates.count() if offset else 0


def excerpt_around(text: str, phrase: str, *, before: int = 120, after: int = 180) -> str:
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


def contains_snippet(text: str, phrase: str) -> SafeString:
    """About 300 characters around the phrase's first occurrence, each occurrence marked."""
    excerpt = excerpt_around(text, phrase)
    excerpt = re.sub(
        re.escape(phrase), lambda m: f"{_START}{m.group(0)}{_STOP}", excerpt, flags=re.I
    )
    return marked(excerpt)


def _contains_search(*, query: str, pages, offset: int, limit: int) -> SearchResults:
    """The SQLite stand-in: pages containing the whole phrase, snippet around it."""
    phrase = query.strip('"')
    matches = pages.filter(text__icontains=phrase).order_by("document_id", "number")
    total = matches.count()
    hits = []
    for row in matches.select_related("document__review__board")[offset : offset + limit]:
        hits.append(
            SearchHit(
                review=row.document.review,
                document=row.document,
                page=row.number,
                snippet=contains_snippet(row.text, phrase),
                rank=1.0,
            )
        )
    return SearchResults(query=query, total=total, hits=hits)
