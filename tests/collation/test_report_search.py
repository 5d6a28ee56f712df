"""Search grouped by report (collation/selectors/report_search.py and the search page):
each report once, its best pages under it, "N more pages in this report" and the
``review`` filter that link opens, on the page and in the API."""

import re

import pytest
from django.urls import reverse

from collation.selectors import published_review_list
from collation.selectors.report_search import report_search
from tests.collation.conftest import searchable_document

pytestmark = pytest.mark.django_db


def _report(board, texts: list[str], *, publish=True, **review):
    return searchable_document(board, texts, publish=publish, **review).review


@pytest.fixture
def corpus(board):
    # "strong": five matching pages, one of them far the best (the word three times).
    strong = _report(
        board,
        [
            "Neglect was seen. Neglect was named. Neglect was recorded by the school.",
            "neglect once",
            "neglect once more",
            "Nothing to find here.",
            "neglect again",
            "neglect at the end",
        ],
        title="Strong report",
    )
    weak = _report(board, ["Some neglect, noted once.", "Other words."], title="Weak report")
    draft = _report(board, ["Neglect neglect neglect neglect."], publish=False, title="Draft")
    return strong, weak, draft


def test_each_report_once_best_first_with_its_best_three_pages(corpus):
    strong, weak, _ = corpus
    results = report_search(query="neglect", reviews=published_review_list())
    assert [report.review for report in results.reports] == [strong, weak]
    best = results.reports[0]
    assert len(best.hits) == 3 and best.page_count == 5 and best.more_pages == 2
    assert best.hits[0].page == 1  # the page with the word three times
    assert "<mark>" in best.best.snippet and [hit.snippet for hit in best.also] == ["", ""]
    assert [hit.rank for hit in best.hits] == sorted((hit.rank for hit in best.hits), reverse=True)
    assert results.reports[1].page_count == 1 and results.reports[1].more_pages == 0
    assert (results.report_count, results.page_count, results.is_capped) == (2, 6, False)
    assert sorted(results.review_ids) == sorted([strong.pk, weak.pk])


def test_drafts_are_never_found_whatever_the_caller_passes(corpus):
    from collation.models import Review

    results = report_search(query="neglect", reviews=Review.objects.all())
    assert "Draft" not in [report.review.title for report in results.reports]
    assert results.report_count == 2


def test_reports_are_paged(corpus):
    _strong, weak, _ = corpus
    second = report_search(query="neglect", reviews=published_review_list(), offset=1, limit=1)
    assert [report.review for report in second.reports] == [weak]
    assert second.report_count == 2
    past = report_search(query="neglect", reviews=published_review_list(), offset=5, limit=1)
    assert past.reports == [] and past.report_count == 2


def test_the_search_page_shows_reports_once_with_a_link_to_their_other_pages(client, corpus):
    strong, weak, _ = corpus
    content = client.get(reverse("collation:search"), {"q": "neglect"}).content.decode()
    assert "6 pages found in 2 reports" in content
    assert content.count(">Strong report</a>") == 1 and content.count(">Weak report</a>") == 1
    assert content.index("Strong report") < content.index("Weak report")
    assert f"review={strong.pk}" in content and "2 more pages in this report" in content
    assert f"review={weak.pk}" not in content  # nothing more to see there
    # The best page with its snippet, the next two by number.
    assert "<mark>Neglect</mark> was seen" in content
    also = re.search(r"Also found on (.*?)</p>", content).group(1)
    assert len(re.findall(r">overview report page \d<", also)) == 2
    assert "Draft" not in content


def test_the_review_filter_lists_every_matching_page_of_that_report(client, corpus):
    strong, _weak, draft = corpus
    url = reverse("collation:search")
    content = client.get(url, {"q": "neglect", "review": strong.pk}).content.decode()
    assert "5 pages found in this report" in content
    assert "Searching only in" in content and "Search every report" in content
    assert "Weak report" not in content
    for number in (1, 2, 3, 5, 6):
        assert f"Read the text of page {number}<" in content
    # A draft's number finds nothing, and does not say the draft exists.
    hidden = client.get(url, {"q": "neglect", "review": draft.pk}).content.decode()
    assert "0 pages found in this report" in hidden and "Searching only in" not in hidden


@pytest.mark.parametrize("value", ["abc", "-1", "0", "1.5", "99999999999999999999999"])
def test_a_bad_review_number_says_so_and_searches_nothing(client, corpus, value):
    response = client.get(reverse("collation:search"), {"q": "neglect", "review": value})
    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem with the filters" in content
    assert "The report to search in must be a report&#x27;s number, for example 42" in content
    assert "Strong report" not in content


def test_the_api_takes_the_review_filter(client, corpus):
    strong, _weak, draft = corpus
    found = client.get("/api/collation/search/", {"q": "neglect", "review": strong.pk}).json()
    assert found["count"] == 5
    assert {hit["review"] for hit in found["results"]} == {strong.pk}
    hidden = client.get("/api/collation/search/", {"q": "neglect", "review": draft.pk}).json()
    assert hidden["count"] == 0
    bad = client.get("/api/collation/search/", {"q": "neglect", "review": "abc"})
    assert bad.status_code == 400


def test_search_facets_count_the_reports_the_words_are_in(client, corpus, other_board):
    _report(other_board, ["neglect here too"], title="Elsewhere", incident="serious_harm")
    _report(other_board, ["unrelated"], title="No match", incident="serious_harm")
    url = reverse("collation:search")
    content = client.get(url, {"q": "neglect"}).content.decode()
    assert "Death (2)" in content and "Serious harm (1)" in content
    # Filtered by incident: the incident counts stay those of the words alone.
    filtered = client.get(url, {"q": "neglect", "incident": "death"}).content.decode()
    assert "Death (2)" in filtered and "Serious harm (1)" in filtered
    assert "Elsewhere" not in filtered


def test_the_sqlite_stand_in_groups_the_same_way(corpus, monkeypatch):
    """The embedded default (no full-text search) groups contains-matches alike."""
    from django.db import connection

    strong, weak, _ = corpus
    monkeypatch.setattr(connection, "vendor", "sqlite")
    results = report_search(query="neglect", reviews=published_review_list())
    assert {report.review for report in results.reports} == {strong, weak}
    by_review = {report.review: report for report in results.reports}
    assert by_review[strong].page_count == 5 and len(by_review[strong].hits) == 3
    assert "<mark>" in str(by_review[weak].hits[0].snippet)


def test_empty_filters_from_a_submitted_form_do_not_search_twice(client, corpus):
    """A submitted form sends every filter, empty: the words are searched once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("collation:search")

    def searches(params) -> int:
        with CaptureQueriesContext(connection) as context:
            client.get(url, params)
        return sum("ts_rank" in query["sql"] for query in context.captured_queries)

    assert searches({"q": "neglect"}) == 1
    assert searches({"q": "neglect", "board": "", "incident": "", "review": ""}) == 1
    assert searches({"q": "neglect", "incident": "death"}) == 2  # counted without the filter


def test_htmx_gets_the_results_region_with_the_pages_title(client, corpus):
    response = client.get(reverse("collation:search"), {"q": "neglect"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "<html" not in content and "Strong report" in content
    assert content.lstrip().startswith("<title>neglect – Search reports")
