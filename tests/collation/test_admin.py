"""Collation in Django admin: every model shown to administrators, none editable there."""

import pytest
from django.contrib import admin
from django.urls import reverse

from collation.models import (
    AbuseCategory,
    Agency,
    Briefing,
    BriefingAudience,
    Cause,
    Coding,
    DigestDelivery,
    DocumentPage,
    Follow,
    Follower,
    LocalAction,
    LocalActionUpdate,
    LocalIssue,
    LocalSharing,
    PersonalDataFlag,
    PracticeIssue,
    ProcessingJob,
    Recommendation,
    RecommendationOutcome,
    RecommendationTheme,
    RedactionJob,
    Review,
    ReviewDocument,
    ReviewIssue,
    Stage,
    TrainingPack,
)
from tests.factories import DocumentFactory, ReviewFactory

pytestmark = pytest.mark.django_db

MODELS = [
    Review,
    ReviewDocument,
    DocumentPage,
    ProcessingJob,
    RedactionJob,
    PersonalDataFlag,
    Recommendation,
    Stage,
    PracticeIssue,
    Cause,
    Coding,
    ReviewIssue,
    Briefing,
    Agency,
    AbuseCategory,
    RecommendationTheme,
    Follower,
    Follow,
    DigestDelivery,
    LocalSharing,
    LocalIssue,
    LocalAction,
    LocalActionUpdate,
    RecommendationOutcome,
    BriefingAudience,
    TrainingPack,
]
DERIVED = [DocumentPage, ProcessingJob, RedactionJob, ReviewIssue]


@pytest.fixture
def one_of_each(analyst):
    """A row of every collation model (the reference lists and taxonomy are loaded)."""
    review = ReviewFactory(publish=True, reference="ADM-1", title="Serious Case Review: Child Z")
    document = DocumentFactory(review=review, original_filename="overview.pdf")
    DocumentPage.objects.create(document=document, number=1, text="The health visitor called.")
    ProcessingJob.objects.create(document=document, status="done", progress_total=1)
    RedactionJob.objects.create(document=document, status="done", progress_total=1)
    PersonalDataFlag.objects.create(document=document, page=1, kind="name", text="Jane Smith")
    recommendation = Recommendation.objects.create(
        document=document, position=1, number=1, page=1, text="The LSCB should audit."
    )
    issue = PracticeIssue.objects.order_by("pk").first()
    Coding.objects.create(
        document=document, page=1, excerpt="The health visitor called.", issue=issue, coder=analyst
    )
    ReviewIssue.objects.create(review=review, issue=issue, codings=1)
    briefing = Briefing.objects.create(
        title="Neglect in 2015", slug="neglect-2015", period="2015", summary="S", author=analyst
    )
    BriefingAudience.objects.create(
        briefing=briefing, audience="board", what_to_do="Ask.", questions="Here?"
    )
    TrainingPack.objects.create(
        issue=issue, introduction="Scene.", questions="Here?", trainer_notes="N.", author=analyst
    )
    follower = Follower.objects.create(email="reader@example.org")
    Follow.objects.create(follower=follower, kind="grid")
    DigestDelivery.objects.create(
        follower=follower, period="2026-W49", period_start="2026-11-30", period_end="2026-12-07"
    )
    board, issue_ = review.board, PracticeIssue.objects.order_by("pk").first()
    LocalSharing.objects.create(board=board, shared=True, changed_by=analyst)
    LocalIssue.objects.create(board=board, issue=issue_, status="seen", updated_by=analyst)
    action = LocalAction.objects.create(
        board=board, issue=issue_, title="Audit", owner="Q", due_on="2027-01-01", created_by=analyst
    )
    LocalActionUpdate.objects.create(action=action, text="Begun", status="planned", author=analyst)
    RecommendationOutcome.objects.create(
        recommendation=recommendation,
        status="accepted",
        response="Agreed",
        evidence="Minutes",
        due_on="2027-01-01",
        recorded_by=analyst,
    )
    rows = {model: model.objects.order_by("pk").first() for model in MODELS}
    assert all(rows.values()), [model for model, row in rows.items() if row is None]
    return rows


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:collation_{model._meta.model_name}_{view}", args=args)


def test_every_collation_model_is_registered():
    registered = {model for model in admin.site._registry if model._meta.app_label == "collation"}
    assert registered == set(MODELS)


def test_an_administrator_lists_searches_and_reads_every_model(client, administrator, one_of_each):
    client.force_login(administrator)
    for model, row in one_of_each.items():
        listing = client.get(_url(model, "changelist"))
        assert listing.status_code == 200, model
        assert _url(model, "change", row.pk) in listing.content.decode(), model
        if admin.site._registry[model].search_fields:
            assert client.get(_url(model, "changelist"), {"q": "x"}).status_code == 200, model
        page = client.get(_url(model, "change", row.pk))
        assert page.status_code == 200, model
        # A view page: no save button, no delete link.
        assert 'name="_save"' not in page.content.decode(), model
        assert _url(model, "delete", row.pk) not in page.content.decode(), model


def test_the_review_list_filters_by_status(client, administrator, one_of_each):
    ReviewFactory(reference="ADM-2", title="Serious Case Review: Child Y")
    client.force_login(administrator)
    response = client.get(_url(Review, "changelist"), {"status__exact": "draft"})
    assert "ADM-2" in response.content.decode()
    assert "ADM-1" not in response.content.decode()


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_nothing_is_added_changed_or_deleted_here(client, administrator, one_of_each, model):
    client.force_login(administrator)
    row = one_of_each[model]
    before = list(model.objects.order_by("pk").values())
    assert client.get(_url(model, "add")).status_code == 403
    assert client.post(_url(model, "add"), {}).status_code == 403
    assert client.post(_url(model, "change", row.pk), {"text": "changed"}).status_code == 403
    assert client.post(_url(model, "delete", row.pk), {"post": "yes"}).status_code == 403
    bulk = client.post(
        _url(model, "changelist"),
        {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    assert list(model.objects.order_by("pk").values()) == before


@pytest.mark.parametrize("model", DERIVED, ids=lambda model: model.__name__)
def test_derived_data_refuses_edits_even_for_a_superuser(client, administrator, model):
    administrator.is_superuser = True
    administrator.save(update_fields=["is_superuser"])
    model_admin = admin.site._registry[model]
    request = type("Request", (), {"user": administrator})()
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_other_roles_are_sent_to_sign_in(client, analyst, one_of_each):
    client.force_login(analyst)
    response = client.get(_url(Review, "changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
