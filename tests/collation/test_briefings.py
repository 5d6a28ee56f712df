"""Briefings: analysts write and publish; the public reads published ones only."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from collation.models import Briefing, Coding, PracticeIssue
from collation.services.briefings import briefing_publish, briefing_save
from collation.services.trends import review_issues_rebuild
from tests.collation.test_trends import review_showing

pytestmark = pytest.mark.django_db


@pytest.fixture
def coded(board, analyst):
    published = review_showing(["C1"], published_on=date(2016, 3, 1), board=board, coder=analyst)
    draft = review_showing(
        ["C1"], published_on=date(2016, 3, 2), board=board, coder=analyst, publish=False
    )
    review_issues_rebuild()
    return published, draft


def test_a_briefing_shows_figures_and_chosen_excerpts(client, analyst, coded):
    published, _ = coded
    c1 = PracticeIssue.objects.get(code="C1")
    excerpt = Coding.objects.get(document__review=published)
    briefing = briefing_save(
        user=analyst,
        title="Referrals in 2016",
        period="2016",
        summary="Referrals go astray.",
        issues=[c1],
        excerpts=[excerpt],
    )
    assert client.get(briefing.get_absolute_url()).status_code == 404  # a draft
    briefing_publish(user=analyst, briefing=briefing)
    content = client.get(briefing.get_absolute_url()).content.decode()
    assert "Referrals go astray." in content
    assert "100.0%" in content  # 1 of 1 published reviews in 2016
    assert published.title in content
    listing = client.get(reverse("collation:briefing-list")).content.decode()
    assert "Referrals in 2016" in listing


def test_excerpts_from_drafts_or_other_issues_are_refused(analyst, coded):
    _, draft = coded
    c1 = PracticeIssue.objects.get(code="C1")
    with pytest.raises(ValidationError) as error:
        briefing_save(
            user=analyst,
            title="T",
            period="2016",
            summary="S",
            issues=[c1],
            excerpts=[Coding.objects.get(document__review=draft)],
        )
    assert "published reports" in error.value.message_dict["excerpts"][0]
    with pytest.raises(ValidationError) as error:
        briefing_save(user=analyst, title="", period="soon", summary="", issues=[])
    assert set(error.value.message_dict) == {"title", "period", "summary"}
    assert not Briefing.objects.exists()


@pytest.mark.parametrize("who", ["manager", "reviewer", "alliance_member"])
def test_only_analysts_write_briefings(who, request, client):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        briefing_save(user=user, title="T", period="all", summary="S", issues=[])
    client.force_login(user)
    assert client.get(reverse("collation:briefing-new")).status_code == 403


def test_the_pages_write_and_publish_a_briefing(client, analyst, coded):
    client.force_login(analyst)
    c1 = PracticeIssue.objects.get(code="C1")
    response = client.post(
        reverse("collation:briefing-new"),
        {"title": "Referral drift", "period": "all", "summary": "A message.", "issues": [c1.pk]},
    )
    briefing = Briefing.objects.get()
    assert response.url == briefing.get_absolute_url()
    client.post(reverse("collation:briefing-edit", args=[briefing.slug]), {"publish": "1"})
    briefing.refresh_from_db()
    assert briefing.status == "published" and briefing.published_at is not None
