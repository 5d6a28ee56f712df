"""Recommendations coded by analysts, and the analysis of published ones."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from collation.models import Agency, PracticeIssue, Recommendation, RecommendationTheme
from collation.selectors.recommendations import recommendation_analysis
from collation.services.recommendations import recommendation_code
from collation.services.trends import review_issues_rebuild
from tests.collation.test_trends import review_showing

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(board, analyst):
    review = review_showing(["C1", "G2"], published_on=date(2016, 3, 1), board=board, coder=analyst)
    document = review.documents.get()
    for number in (1, 2):
        Recommendation.objects.create(
            document=document,
            position=number,
            number=number,
            text=f"Recommendation {number}",
            page=1,
        )
    review_issues_rebuild()
    return review


def test_themes_come_from_the_reference_data():
    assert RecommendationTheme.objects.count() == 14
    assert RecommendationTheme.objects.first().name == "Training and awareness raising"


def test_an_analyst_codes_a_recommendation_and_the_analysis_follows(analyst, published):
    first = Recommendation.objects.get(number=1)
    recommendation_code(
        user=analyst,
        recommendation=first,
        agency=Agency.objects.get(name="Police"),
        theme=RecommendationTheme.objects.first(),
        layer="case",
        smart=["is_specific", "is_timely"],
        issues=[PracticeIssue.objects.get(code="C1")],
    )
    analysis = recommendation_analysis()
    assert analysis.per_review == [(published, 2)]
    assert ("Police", 1) in analysis.by_agency and ("Not stated", 1) in analysis.by_agency
    assert {label: (meeting, coded) for label, meeting, coded in analysis.smart} == {
        "Specific": (1, 1),
        "Measurable": (0, 1),
        "Achievable": (0, 1),
        "Relevant": (0, 1),
        "Timely": (1, 1),
    }
    # C1 is answered by recommendation 1; G2 is not answered by any.
    assert [(review, [i.code for i in issues]) for review, issues in analysis.unanswered] == [
        (published, ["G2"])
    ]


def test_only_analysts_code_recommendations(manager, published):
    with pytest.raises(PermissionDenied):
        recommendation_code(
            user=manager,
            recommendation=Recommendation.objects.first(),
            agency=None,
            theme=None,
            layer="case",
            smart=[],
            issues=[],
        )


def test_the_pages(client, analyst, manager, published):
    recommendation = Recommendation.objects.get(number=2)
    url = reverse("collation:recommendation-code", args=[published.pk, recommendation.pk])
    client.force_login(manager)
    assert client.get(url).status_code == 403
    client.force_login(analyst)
    assert "Choose who the recommendation is about" in client.post(url, {}).content.decode()
    response = client.post(url, {"layer": "family", "smart": ["is_relevant"]})
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.layer == "family" and recommendation.is_relevant
    client.logout()
    page = client.get(reverse("collation:recommendation-analysis")).content.decode()
    assert published.title in page and "DFE-RR157" in page
