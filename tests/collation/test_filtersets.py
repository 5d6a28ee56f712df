"""The review filter set (collation/filtersets.py), shared by the repository page and the API."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from collation.models import AbuseCategory
from tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def physical_and_other(board):
    physical = ReviewFactory(board=board, publish=True, title="Serious Case Review: Child X")
    physical.abuse_categories.set(AbuseCategory.objects.filter(code__in=["physical", "neglect"]))
    other = ReviewFactory(board=board, publish=True, title="Serious Case Review: Child Y")
    other.abuse_categories.set(AbuseCategory.objects.filter(code="sexual"))
    return physical, other


def test_the_repository_page_filters_by_abuse_category(client, physical_and_other):
    physical, other = physical_and_other
    response = client.get(reverse("collation:review-list"), {"abuse_category": "physical"})
    assert response.status_code == 200
    page = response.content.decode()
    assert physical.title in page
    assert other.title not in page


def test_choosing_several_categories_finds_a_review_once(client, physical_and_other):
    physical, other = physical_and_other
    response = APIClient().get(
        "/api/collation/reviews/", {"abuse_category": ["physical", "neglect", "sexual"]}
    )
    assert response.status_code == 200
    assert sorted(row["id"] for row in response.json()["results"]) == sorted(
        [physical.pk, other.pk]
    )


def test_the_reviews_api_filters_by_abuse_category(physical_and_other):
    physical, _ = physical_and_other
    response = APIClient().get("/api/collation/reviews/", {"abuse_category": "physical"})
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [physical.pk]


def test_an_unknown_abuse_category_is_a_clear_400_in_the_api(physical_and_other):
    response = APIClient().get("/api/collation/reviews/", {"abuse_category": "cruelty"})
    assert response.status_code == 400
    assert "abuse_category" in response.json()
