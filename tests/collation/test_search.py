"""Search (collation/selectors/search.py) on PostgreSQL: phrases and adjacency match
exactly (words in order and next to each other), negation excludes, matches are ranked
best first and paged in that order, filters hold and drafts are never found."""

import pytest

from collation.models import Review
from collation.selectors import page_search, published_review_list
from tests.collation.conftest import searchable_document

pytestmark = pytest.mark.django_db


def _pages(board, texts: list[str], *, publish=True, **review) -> list[tuple[int, int]]:
    """A review with one document whose pages are ``texts``; their (document, page) ids."""
    document = searchable_document(board, texts, publish=publish, **review)
    return [(document.pk, number) for number in range(1, len(texts) + 1)]


def _found(query: str, reviews=None, **kwargs) -> list[tuple[int, int]]:
    results = page_search(query=query, reviews=reviews or published_review_list(), **kwargs)
    return [(hit.document.pk, hit.page) for hit in results.hits]


def test_a_phrase_matches_only_its_words_in_order_and_next_to_each_other(board):
    pages = _pages(
        board,
        [
            "The child protection plan was reviewed at the conference.",
            "A plan for protection of the child was never written.",
            "Child protection work was slow; a plan came later.",
            "Under the child-protection plans in place, visits continued.",
            "The police spoke to the school.",
            "The police school liaison officer attended.",
        ],
    )
    assert _found('"child protection plan"') == [pages[0], pages[3]]
    assert _found('"police school"') == [pages[5]]
    assert set(_found("police school")) == {pages[4], pages[5]}
    assert _found('"school police"') == []


def test_negation_and_or_are_exact(board):
    pages = _pages(
        board,
        [
            "Neglect was seen by the health visitor.",
            "Neglect was reported to the police.",
            "Bruising was seen at school.",
        ],
    )
    assert _found("neglect -police") == [pages[0]]
    assert set(_found("neglect or bruising")) == {pages[0], pages[1], pages[2]}


def test_matches_under_the_cap_are_ranked_best_first_and_paged_in_that_order(board):
    weak = _pages(board, [f"Neglect was mentioned once on page {n}." for n in range(1, 8)])
    strong = _pages(board, ["Neglect, neglect and more neglect: chronic neglect."])
    results = page_search(query="neglect", reviews=published_review_list())
    assert (results.hits[0].document.pk, results.hits[0].page) == strong[0]
    assert results.hits[0].rank > results.hits[1].rank > 0
    assert results.total == 8 and not results.total_is_capped
    first = _found("neglect", limit=3)
    second = _found("neglect", offset=3, limit=3)
    last = _found("neglect", offset=6, limit=3)
    assert first[0] == strong[0] and len(first + second + last) == 8
    assert set(first + second + last) == set(weak + strong)


def test_a_short_result_is_counted_exactly_and_past_the_end_is_empty(board):
    _pages(board, ["Hypothermia was noted.", "Nothing here.", "Hypothermia again."])
    results = page_search(query="hypothermia", reviews=published_review_list())
    assert results.total == 2 and not results.total_is_capped
    beyond = page_search(query="hypothermia", reviews=published_review_list(), offset=20)
    assert beyond.hits == [] and beyond.total == 2


def test_filters_and_drafts_hold_with_ranking(board):
    death = _pages(board, ["Neglect and neglect again."], incident="death")
    harm = _pages(board, ["Neglect, neglect, neglect."], incident="serious_harm")
    _pages(board, ["Neglect neglect neglect neglect."], publish=False)
    assert _found("neglect") == [harm[0], death[0]]
    assert _found("neglect", published_review_list().filter(incident="death")) == death
    # Whatever the caller passes, drafts are never searched.
    assert _found("neglect", Review.objects.all()) == [harm[0], death[0]]


TEXTS = [
    "The child protection plan was reviewed at the child protection conference.",
    "A plan for protection of the child was never written; the child was not seen.",
    "Under the child-protection plans in place, visits continued at school.",
    "The police spoke to the school about domestic abuse at home.",
    "The police school liaison officer attended; abuse was domestic in nature.",
    "Self-harm was disclosed to the school nurse; the self harm went on.",
    "A child in need assessment was started; the child's needs were not met.",
    "Mrs O'Brien's family moved; the O'Brien family were known to police.",
    "Domestic abuse, domestic abuse and again domestic abuse.",
    "Strategy discussion held; no strategy was discussed with the police school.",
    "Child child child protection protection plan plan.",
]
QUERIES = [
    '"child protection plan"',
    '"child protection"',
    '"police school"',
    '"school police"',
    '"domestic abuse" -police',
    '"domestic abuse" or neglect',
    '"domestic abuse" "police school"',
    "self-harm",
    '"self harm"',
    '"child in need assessment"',
    '"child\'s needs"',
    "o'brien family",
    '"o\'brien family"',
    '"strategy discussion" or "police school"',
    '"child child protection"',
    '"protection plan" -"child protection plan"',
    '"in the"',
    "child",
]


def test_phrases_found_through_adjacent_pairs_match_exactly_what_the_vector_matches(board):
    """The pairs' index only narrows: every query finds the same pages as checking each
    page's search vector alone (and most of these queries do go through pairs)."""
    from django.contrib.postgres.search import SearchQuery
    from django.db import connection

    from collation.analysis.phrase_pairs import necessary_pairs
    from collation.models import DocumentPage
    from collation.selectors.search import matching_pages

    searchable_document(board, TEXTS)
    through_pairs = 0
    for query in QUERIES:
        found, _ = matching_pages(DocumentPage.objects.all(), query)
        plain = DocumentPage.objects.filter(
            search_vector=SearchQuery(query, search_type="websearch", config="english")
        )
        assert sorted(found.values_list("pk", flat=True)) == sorted(
            plain.values_list("pk", flat=True)
        ), query
        with connection.cursor() as cursor:
            cursor.execute("SELECT websearch_to_tsquery('english', %s)::text", [query])
            through_pairs += bool(necessary_pairs(cursor.fetchone()[0]))
    assert through_pairs >= 12


@pytest.mark.parametrize(
    "query",
    ["child", "social worker", "  neglect  ", "a1b2 3rd 2015", "café crème", "Łódź straße", "или"],
)
def test_words_and_spaces_alone_never_make_a_phrase(query):
    """``matching_pages`` reads no query text for these: PostgreSQL makes no phrase of them."""
    from django.db import connection

    from collation.selectors.search import _WORDS_ONLY

    assert _WORDS_ONLY.fullmatch(query)
    with connection.cursor() as cursor:
        cursor.execute("SELECT websearch_to_tsquery('english', %s)::text", [query])
        assert "<" not in cursor.fetchone()[0]
