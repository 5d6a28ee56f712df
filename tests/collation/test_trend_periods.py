"""The grid's period, chosen from the years and half-years that have published reviews;
old addresses with typed periods keep working."""

import re
from datetime import date

import pytest
from django.urls import reverse

from collation.selectors.trends import published_periods
from collation.trend_forms import TrendFilterForm
from tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(board):
    for day in (date(2015, 2, 1), date(2015, 9, 1), date(2017, 3, 1)):
        ReviewFactory(board=board, publication_date=day, publish=True)
    ReviewFactory(board=board, publication_date=date(2019, 5, 1))  # a draft: no 2019


def _options(content: str) -> list[tuple[str, str, bool]]:
    select = re.search(r'<select name="period".*?</select>', content, flags=re.S).group(0)
    return [
        (value, label.strip(), bool(selected))
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select
        )
    ]


def test_the_periods_are_those_with_published_reviews_newest_first(published):
    assert [period.key for period in published_periods()] == [
        "2017",
        "2017-H1",
        "2015",
        "2015-H1",
        "2015-H2",
    ]


def test_the_grid_offers_the_periods_as_a_list(client, published):
    content = client.get(reverse("collation:trend-grid")).content.decode()
    assert _options(content) == [
        ("all", "All time", True),
        ("2017", "2017", False),
        ("2017-H1", "2017 first half", False),
        ("2015", "2015", False),
        ("2015-H1", "2015 first half", False),
        ("2015-H2", "2015 second half", False),
    ]
    assert "2019" not in content


def test_choosing_a_period_selects_it_and_shows_its_figures(client, published):
    content = client.get(reverse("collation:trend-grid"), {"period": "2015-H2"}).content.decode()
    assert ("2015-H2", "2015 second half", True) in _options(content)
    assert "Half-year 2 2015:</strong> 1 published review" in content


@pytest.mark.parametrize(
    ("old", "key", "label"),
    [("2015-h1", "2015-H1", "2015 first half"), ("2015-Q3", "2015-Q3", "Quarter 3 2015")],
)
def test_old_addresses_with_typed_periods_still_work(client, published, old, key, label):
    response = client.get(reverse("collation:trend-grid"), {"period": old})
    assert response.status_code == 200
    assert (key, label, True) in _options(response.content.decode())
    assert (
        client.get(reverse("collation:trend-grid-json"), {"period": old}).json()["period"]["key"]
        == key
    )


def test_a_year_without_reviews_is_still_shown_as_chosen(client, published):
    content = client.get(reverse("collation:trend-grid"), {"period": "2012"}).content.decode()
    assert ("2012", "2012", True) in _options(content)
    assert "0 published reviews" in content


def test_the_downloads_do_not_list_the_periods(published, django_assert_num_queries):
    form = TrendFilterForm({"period": "2015"})
    with django_assert_num_queries(0):
        assert form.is_valid()
    assert form.cleaned_data["period"].key == "2015"


def test_the_grid_answers_a_filter_in_place(client, published):
    url = reverse("collation:trend-grid")
    fragment = client.get(url, {"period": "2015"}, HTTP_HX_REQUEST="true")
    content = fragment.content.decode()
    assert fragment.status_code == 200 and "<html" not in content
    assert "2015:</strong> 2 published reviews" in content
    page = client.get(url).content.decode()
    assert 'id="trend-grid-region"' in page and 'hx-target="#trend-grid-region"' in page
    assert 'hx-push-url="true"' in page and "Show figures" in page


def test_a_bad_period_in_place_shows_its_error_in_the_region(client, published):
    response = client.get(
        reverse("collation:trend-grid"), {"period": "2016-Q7"}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert response.status_code == 400 and "<html" not in content
    assert "There is a problem" in content and "quarters Q1–Q4" in content
