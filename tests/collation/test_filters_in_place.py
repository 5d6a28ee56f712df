"""Filters that answer at once: the results region for htmx, the whole page otherwise,
the response cache keyed on which, and each filter value's count (facets)."""

import re

import pytest
from django.urls import reverse

from scr_platform.accounts.choices import Region
from tests.factories import BoardFactory, ReviewFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
HISTORY_RESTORE = {"HTTP_HX_REQUEST": "true", "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}


def _option(content: str, label: str) -> str | None:
    """The text of the <option> or checkbox label that starts with ``label``."""
    found = re.search(rf">\s*({re.escape(label)} \([\d,]+\))\s*<", content)
    return found.group(1) if found else None


@pytest.fixture
def reviews(board):
    north = BoardFactory(name="Tyneside Board", region=Region.NORTH_EAST)
    ReviewFactory(board=board, title="London death", incident="death", publish=True)
    ReviewFactory(board=board, title="London harm", incident="serious_harm", publish=True)
    ReviewFactory(board=north, title="North death", incident="death", publish=True)
    ReviewFactory(board=board, title="London draft", incident="death")


def test_htmx_gets_the_results_region_and_a_browser_the_whole_page(client, reviews):
    url = reverse("collation:review-list")
    page = client.get(url, {"incident": "death"})
    fragment = client.get(url, {"incident": "death"}, **HTMX)
    assert page.status_code == fragment.status_code == 200
    page, fragment = page.content.decode(), fragment.content.decode()
    assert "<html" in page and "<html" not in fragment
    assert "<h1" not in fragment and 'id="review-results"' not in fragment
    for content in (page, fragment):
        assert "London death" in content and "North death" in content
        assert "London harm" not in content and "London draft" not in content
        assert "2 reviews" in content
        assert "Apply filters" in content  # the no-JavaScript button is in the region too


def test_the_form_works_without_javascript_and_asks_htmx_to_keep_the_address(client, reviews):
    content = client.get(reverse("collation:review-list")).content.decode()
    form = re.search(r"<form [^>]*>", content, flags=re.S).group(0)
    assert 'method="get"' in form and 'action="/reviews/"' in form
    assert 'hx-get="/reviews/"' in form and 'hx-push-url="true"' in form
    assert 'hx-trigger="change, submit"' in form and 'hx-target="#review-results"' in form
    assert '<button type="submit"' in content and "Apply filters" in content
    # htmx keeps no page in the browser's storage: the back button asks the server.
    assert '"historyCacheSize": 0' in content
    assert "{#" not in content and "must not inject" not in content  # no comment shows


def test_a_history_restore_gets_the_whole_page(client, reviews):
    """htmx restoring an address it did not keep swaps in the whole body."""
    content = client.get(reverse("collation:review-list"), **HISTORY_RESTORE).content.decode()
    assert "<html" in content and 'id="review-results"' in content


@pytest.mark.parametrize(
    "name", ["collation:review-list", "collation:search", "collation:trend-grid"]
)
def test_every_page_with_filters_in_place_varies_on_hx_request(client, reviews, name):
    for headers in ({}, HTMX):
        response = client.get(reverse(name), **headers)
        assert "HX-Request" in response["Vary"]


def test_the_cache_never_serves_a_fragment_as_a_page_or_a_page_as_a_fragment(client, reviews):
    url = reverse("collation:review-list")
    fragment = client.get(url, {"region": "london"}, **HTMX).content.decode()
    page = client.get(url, {"region": "london"}).content.decode()  # stored after the fragment
    again_fragment = client.get(url, {"region": "london"}, **HTMX).content.decode()
    again_page = client.get(url, {"region": "london"}).content.decode()
    assert "<html" not in fragment and "<html" not in again_fragment
    assert "<html" in page and "<html" in again_page
    assert again_fragment == fragment and again_page == page


def test_the_cache_stores_both_and_serves_them_from_storage(
    client, reviews, django_assert_num_queries
):
    url = reverse("collation:trend-grid")
    client.get(url, {"period": "all"}, **HTMX)
    client.get(url, {"period": "all"})
    with django_assert_num_queries(0):
        fragment = client.get(url, {"period": "all"}, **HTMX)
        page = client.get(url, {"period": "all"})
    assert "<html" not in fragment.content.decode() and "<html" in page.content.decode()
    assert "HX-Request" in fragment["Vary"] and "HX-Request" in page["Vary"]


def test_each_value_shows_how_many_reviews_it_would_give(client, reviews):
    content = client.get(reverse("collation:review-list")).content.decode()
    assert _option(content, "Death") == "Death (2)"  # the draft is not counted
    assert _option(content, "Serious harm") == "Serious harm (1)"
    assert _option(content, "London") == "London (2)"
    assert _option(content, "North East") == "North East (1)"
    region = re.search(r'<select name="region".*?</select>', content, flags=re.S).group(0)
    assert region.count(">Any<") == 1


def test_a_filter_counts_over_the_others_but_not_itself(client, reviews):
    """Standard facets: choosing London leaves the other regions' counts as they would be."""
    content = client.get(
        reverse("collation:review-list"), {"region": "london", "incident": "death"}
    ).content.decode()
    # Regions: over deaths only (the incident filter), every region still counted.
    assert _option(content, "London") == "London (1)"
    assert _option(content, "North East") == "North East (1)"
    # Incidents: over London only (the region filter), every incident still counted.
    assert _option(content, "Death") == "Death (1)"
    assert _option(content, "Serious harm") == "Serious harm (1)"


def test_drafts_count_only_for_those_who_may_see_them(client, reviews, manager, board):
    public = client.get(reverse("collation:review-list")).content.decode()
    assert _option(public, "London") == "London (2)"
    assert _option(public, "Published") is None  # the public has no status filter
    client.force_login(manager)
    own = client.get(reverse("collation:review-list")).content.decode()
    assert _option(own, "London") == "London (3)"  # the manager's board's draft
    assert _option(own, "Draft") == "Draft (1)"
    assert _option(own, "Death") == "Death (3)"


def test_many_valued_filters_count_each_value(client, board):
    from collation.models import AbuseCategory, Agency

    neglect = AbuseCategory.objects.get(code="neglect")
    police = Agency.objects.order_by("pk").first()
    first = ReviewFactory(board=board, publish=True)
    first.abuse_categories.add(neglect)
    first.agencies.add(police)
    second = ReviewFactory(board=board, publish=True)
    second.abuse_categories.add(neglect)
    draft = ReviewFactory(board=board)
    draft.abuse_categories.add(neglect)
    draft.agencies.add(police)
    content = client.get(reverse("collation:review-list")).content.decode()
    assert _option(content, str(neglect)) == f"{neglect} (2)"
    assert _option(content, police.name) == f"{police.name} (1)"
    filtered = client.get(reverse("collation:review-list"), {"agency": police.pk}).content
    assert _option(filtered.decode(), str(neglect)) == f"{neglect} (1)"


def test_bad_filters_say_so_in_the_region_and_change_nothing(client, reviews):
    response = client.get(reverse("collation:review-list"), {"incident": "flood"}, **HTMX)
    content = response.content.decode()
    assert "There is a problem with the filters" in content
    assert "<html" not in content
    assert "0 reviews" in content  # no results, not everything
    assert _option(content, "London") is None  # no counts for filters in error
