"""collation/services/verification.py and its pages: nobody verifies their own codings,
and an unverified coding never reaches public figures, excerpts or exports."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from collation.choices import CodingVerification
from collation.models import Coding, PracticeIssue
from collation.selectors.trends import issue_detail, trend_grid
from collation.selectors.verification import calibration, unverified_review_count
from collation.services.coding import coding_create, coding_update
from collation.services.verification import coding_resolve, coding_verify
from tests.factories import DocumentFactory, ReviewFactory, UserFactory

pytestmark = pytest.mark.django_db

EXCERPT = "The health visitor did not share the concern."


@pytest.fixture
def second_analyst(db):
    return UserFactory(username="second-analyst", roles=["analyst"])


@pytest.fixture
def published_document(board):
    document = DocumentFactory(review=ReviewFactory(board=board, publish=True))
    document.pages.create(number=1, text=f"Background. {EXCERPT} Then nothing happened.")
    return document


@pytest.fixture
def coded(published_document, analyst, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return coding_create(
            user=analyst,
            document=published_document,
            page=1,
            excerpt=EXCERPT,
            issue=PracticeIssue.objects.get(code="C7"),
        )


def _c7_count() -> int:
    from collation.selectors.trends import period_parse

    grid = trend_grid(period=period_parse("all"))
    return next(t.count for _, trends in grid.stages for t in trends if t.issue.code == "C7")


def test_an_unverified_coding_counts_nowhere_public_until_another_analyst_agrees(
    coded, second_analyst, client, django_capture_on_commit_callbacks
):
    c7 = PracticeIssue.objects.get(code="C7")
    assert _c7_count() == 0
    assert issue_detail(issue=c7).excerpts == []
    assert unverified_review_count() == 1 and unverified_review_count(issue=c7) == 1
    assert "not yet verified" in client.get(reverse("collation:trend-grid")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        coding_verify(user=second_analyst, coding=coded, agrees=True)
    assert _c7_count() == 1
    assert [c.pk for c in issue_detail(issue=c7).excerpts] == [coded.pk]
    assert unverified_review_count() == 0


def test_nobody_verifies_their_own_coding(coded, analyst):
    with pytest.raises(PermissionDenied, match="Nobody verifies their own"):
        coding_verify(user=analyst, coding=coded, agrees=True)
    coded.refresh_from_db()
    assert coded.verification == CodingVerification.UNVERIFIED


def test_the_database_refuses_a_coding_verified_by_its_coder(coded, analyst):
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    with pytest.raises(IntegrityError), transaction.atomic():
        Coding.objects.filter(pk=coded.pk).update(
            verification=CodingVerification.AGREED, verified_by=analyst, verified_at=timezone.now()
        )


def test_a_disagreement_needs_a_reason_and_is_settled_by_someone_else(
    coded, analyst, second_analyst, django_capture_on_commit_callbacks
):
    d3 = PracticeIssue.objects.get(code="D3")
    with pytest.raises(ValidationError, match="why you disagree"):
        coding_verify(user=second_analyst, coding=coded, agrees=False, reason=" ")
    coding_verify(
        user=second_analyst,
        coding=coded,
        agrees=False,
        reason="This is about assessment, not sharing.",
        proposed_issue=d3,
    )
    assert _c7_count() == 0  # a disagreement does not count
    with pytest.raises(PermissionDenied, match="does not settle their own"):
        coding_resolve(user=second_analyst, coding=coded, outcome="change", reason="As I said")
    with django_capture_on_commit_callbacks(execute=True):
        resolved = coding_resolve(
            user=analyst, coding=coded, outcome="change", reason="Agreed on reading again."
        )
    assert resolved.issue == d3 and resolved.original_issue.code == "C7"
    assert resolved.verification == CodingVerification.RESOLVED
    assert resolved.resolved_by == analyst


def test_removing_a_disputed_coding_and_keeping_one(
    published_document, analyst, second_analyst, coded
):
    coding_verify(user=second_analyst, coding=coded, agrees=False, reason="No issue here.")
    with pytest.raises(ValidationError, match="proposed no other issue"):
        coding_resolve(user=analyst, coding=coded, outcome="change", reason="x")
    assert coding_resolve(user=analyst, coding=coded, outcome="remove", reason="Fair") is None
    assert not Coding.objects.filter(pk=coded.pk).exists()


def test_changing_a_verified_coding_sends_it_back_to_be_verified(coded, analyst, second_analyst):
    coding_verify(user=second_analyst, coding=coded, agrees=True)
    coding_update(user=analyst, coding=coded, issue=PracticeIssue.objects.get(code="D3"))
    coded.refresh_from_db()
    assert coded.verification == CodingVerification.UNVERIFIED and coded.verified_by is None


def test_calibration_keeps_agreement_per_pair_and_quarter(coded, second_analyst, analyst):
    coding_verify(user=second_analyst, coding=coded, agrees=True)
    rows = calibration()
    assert [(r.coder, r.verifier, r.verified, r.agreed) for r in rows] == [
        (analyst, second_analyst, 1, 1)
    ]
    assert rows[0].period.startswith(str(coded.created_at.year))


def test_the_verification_pages_and_api(client, api_client, coded, second_analyst, analyst):
    client.force_login(second_analyst)
    work = client.get(reverse("collation:verification")).content.decode()
    assert coded.document.review.title in work
    url = reverse("collation:verify-review", args=[coded.document.review_id])
    assert "Disagree" in client.get(url).content.decode()
    refused = client.post(url, {"coding": coded.pk, "verdict": "disagree", "reason": ""})
    assert refused.status_code == 400 and "Enter why you disagree" in refused.content.decode()
    assert client.post(url, {"coding": coded.pk, "verdict": "agree"}).status_code == 302
    coded.refresh_from_db()
    assert coded.verification == CodingVerification.AGREED
    calibration_page = client.get(reverse("collation:calibration")).content.decode()
    assert analyst.get_full_name() in calibration_page
    # The coder sees nothing of their own to verify, through the API either.
    api_client.force_authenticate(analyst)
    assert api_client.get("/api/collation/verifications/").json()["count"] == 0
