"""Every page, export and API answer that shows demo figures says they are demo data."""

import csv
import io

import pytest

from collation.models import Review
from tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db

BANNER = 'id="demo-data"'


def _pages(review: Review) -> list[str]:
    return [
        "/",
        "/reviews/",
        review.get_absolute_url(),
        "/trends/",
        "/trends/?period=2020",
        "/trends/issues/C5/",
        "/search/?q=neglect",
    ]


def test_every_page_showing_figures_says_they_include_demo_data(loaded, client):
    review = Review.objects.filter(is_synthetic=True).first()
    for address in _pages(review):
        page = client.get(address).content.decode()
        assert BANNER in page, address
        assert f"include {loaded.reviews} synthetic reviews" in page, address
    grid = client.get("/trends/").content.decode()
    assert f"{loaded.reviews} of them synthetic demo data" in grid
    listing = client.get("/reviews/").content.decode()
    assert "Synthetic</strong>" in listing
    assert "Synthetic</strong>" in client.get("/trends/issues/C5/").content.decode()


def test_signed_in_pages_say_so_too(loaded, client, demo_users):
    client.force_login(demo_users["analyst"])
    for address in ("/reviews/", "/trends/", "/trends/verification/"):
        assert BANNER in client.get(address).content.decode(), address


def test_no_banner_without_synthetic_reviews(client, board):
    review = ReviewFactory(board=board, status="published", published_at="2020-01-01T10:00Z")
    for address in _pages(review):
        response = client.get(address)
        assert response.status_code == 200, address
        assert BANNER not in response.content.decode(), address
    assert client.get("/trends/grid.json").json()["synthetic_demo_reviews"] == 0


def test_exports_and_the_api_mark_demo_figures(loaded, client):
    figures = client.get("/trends/grid.json").json()
    assert figures["synthetic_demo_reviews"] == figures["published_reviews"] == loaded.reviews
    api = client.get("/api/collation/trends/").json()
    assert api["synthetic_demo_reviews"] == loaded.reviews
    rows = list(csv.DictReader(io.StringIO(client.get("/trends/grid.csv").content.decode())))
    assert {row["synthetic_demo_reviews_in_period"] for row in rows} == {str(loaded.reviews)}
    export = client.get("/reviews/export.csv")
    reviews = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert len(reviews) == loaded.reviews
    assert {row["synthetic_demo_data"] for row in reviews} == {"yes"}
    listed = client.get("/api/collation/reviews/").json()["results"]
    assert listed and all(item["is_synthetic"] for item in listed)
