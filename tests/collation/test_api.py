"""The collation API: upload returns 202 and a job to watch, the same rules as the pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from redis.exceptions import ConnectionError as RedisConnectionError
from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle

from collation.api.views import ReviewViewSet
from collation.choices import FlagStatus, JobStatus, ReviewStatus
from collation.models import PersonalDataFlag, Review, ReviewDocument
from tests.collation.conftest import BAD, REPORTS, VALID

pytestmark = pytest.mark.django_db


def pdf(path, name=None):
    return SimpleUploadedFile(name or path.name, path.read_bytes(), content_type="application/pdf")


@pytest.fixture
def uploaded(api_client, manager, draft_review, django_capture_on_commit_callbacks):
    api_client.force_authenticate(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(
            f"/api/collation/reviews/{draft_review.pk}/upload/",
            {"kind": "overview_report", "files": [pdf(REPORTS / "scr_s1_001.pdf")]},
            format="multipart",
        )
    return response


def test_upload_returns_202_with_the_document_and_job(uploaded):
    assert uploaded.status_code == 202
    [outcome] = uploaded.data
    assert outcome["accepted"] is True
    assert ReviewDocument.objects.filter(pk=outcome["document"]).exists()
    assert outcome["job"]


def test_the_job_endpoint_reports_progress_to_done(api_client, uploaded):
    job = api_client.get(f"/api/collation/jobs/{uploaded.data[0]['job']}/").data
    assert job["status"] == JobStatus.DONE
    assert job["progress_current"] == job["progress_total"] == 18


def test_several_files_each_get_their_own_outcome(api_client, manager, draft_review):
    api_client.force_authenticate(manager)
    response = api_client.post(
        f"/api/collation/reviews/{draft_review.pk}/upload/",
        {
            "kind": "overview_report",
            "files": [
                pdf(BAD / "valid_report.pdf"),
                pdf(BAD / "png_renamed.pdf"),
                pdf(BAD / "empty.pdf"),
            ],
        },
        format="multipart",
    )
    assert response.status_code == 202
    codes = [(o["filename"], o["accepted"], o["code"]) for o in response.data]
    assert codes == [
        ("valid_report.pdf", True, ""),
        ("png_renamed.pdf", False, "not_a_pdf"),
        ("empty.pdf", False, "empty_file"),
    ]


def test_when_every_file_is_refused_the_status_is_400(api_client, manager, draft_review):
    api_client.force_authenticate(manager)
    response = api_client.post(
        f"/api/collation/reviews/{draft_review.pk}/upload/",
        {"kind": "overview_report", "files": [pdf(BAD / "encrypted_password.pdf")]},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.data[0]["code"] == "encrypted"
    assert not ReviewDocument.objects.exists()


def test_upload_needs_files_and_a_kind(api_client, manager, draft_review):
    api_client.force_authenticate(manager)
    response = api_client.post(
        f"/api/collation/reviews/{draft_review.pk}/upload/", {}, format="multipart"
    )
    assert response.status_code == 400
    assert set(response.data) == {"kind", "files"}


@pytest.mark.parametrize("who", ["other_manager", "analyst", "reviewer", "alliance_member"])
def test_the_wrong_role_cannot_upload(who, request, api_client, draft_review, analyst):
    user = request.getfixturevalue(who)
    api_client.force_authenticate(user)
    response = api_client.post(
        f"/api/collation/reviews/{draft_review.pk}/upload/",
        {"kind": "overview_report", "files": [pdf(BAD / "valid_report.pdf")]},
        format="multipart",
    )
    # Those who cannot see the draft get 404; the analyst sees it but may not upload.
    assert response.status_code == (403 if who == "analyst" else 404)
    assert not ReviewDocument.objects.exists()


def test_the_public_cannot_upload(api_client, draft_review):
    response = api_client.post(f"/api/collation/reviews/{draft_review.pk}/upload/", {})
    assert response.status_code == 401


def test_a_manager_registers_a_review_for_their_board(api_client, manager, board):
    api_client.force_authenticate(manager)
    response = api_client.post(
        "/api/collation/reviews/",
        {
            "board": board.slug,
            "reference": "NS-77",
            "title": "Child Q",
            "incident": "death",
            "child_age_band": "6_10",
            "child_sex": "male",
            "abuse_categories": ["neglect"],
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    review = Review.objects.get(reference="NS-77")
    assert review.status == ReviewStatus.DRAFT
    assert [c.code for c in review.abuse_categories.all()] == ["neglect"]


def test_registering_for_another_board_is_403(api_client, manager, other_board):
    api_client.force_authenticate(manager)
    response = api_client.post(
        "/api/collation/reviews/",
        {
            "board": other_board.slug,
            "reference": "X",
            "title": "X",
            "incident": "death",
            "child_age_band": "6_10",
            "child_sex": "male",
        },
        format="json",
    )
    assert response.status_code == 403
    assert not Review.objects.exists()


def test_a_duplicate_reference_is_a_clear_400(api_client, manager, draft_review, board):
    api_client.force_authenticate(manager)
    response = api_client.post(
        "/api/collation/reviews/",
        {
            "board": board.slug,
            "reference": "NS-01",
            "title": "X",
            "incident": "death",
            "child_age_band": "6_10",
            "child_sex": "male",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "already has a review" in str(response.data["reference"])


def test_a_review_cannot_move_board(api_client, manager, draft_review, other_board):
    api_client.force_authenticate(manager)
    response = api_client.patch(
        f"/api/collation/reviews/{draft_review.pk}/", {"board": other_board.slug}, format="json"
    )
    assert response.status_code == 400
    draft_review.refresh_from_db()
    assert draft_review.board != other_board


def test_publish_is_refused_with_the_reasons_then_succeeds(
    api_client, manager, draft_review, uploaded, django_capture_on_commit_callbacks
):
    response = api_client.post(f"/api/collation/reviews/{draft_review.pk}/publish/")
    assert response.status_code == 400
    assert "possible personal data" in str(response.data)
    # The public copy is made once the last decision commits (by the worker).
    with django_capture_on_commit_callbacks(execute=True):
        for flag in PersonalDataFlag.objects.filter(status=FlagStatus.OPEN):
            cleared = api_client.post(
                f"/api/collation/flags/{flag.pk}/clear/", {"reason": "Invented"}, format="json"
            )
            assert cleared.status_code == 200
            assert cleared.data["status"] == FlagStatus.NOT_PERSONAL
    response = api_client.post(f"/api/collation/reviews/{draft_review.pk}/publish/")
    assert response.status_code == 200
    assert response.data["status"] == ReviewStatus.PUBLISHED


def test_clearing_a_flag_without_a_reason_is_400(api_client, uploaded):
    flag = PersonalDataFlag.objects.first()
    response = api_client.post(f"/api/collation/flags/{flag.pk}/clear/", {}, format="json")
    assert response.status_code == 400
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN


def test_search_needs_a_query(api_client):
    response = api_client.get("/api/collation/search/")
    assert response.status_code == 400
    assert "q" in response.data


def test_an_invalid_filter_is_a_clear_400(api_client):
    response = api_client.get("/api/collation/reviews/?incident=flood")
    assert response.status_code == 400
    assert "incident" in response.data


class _UnreachableCache:
    def get(self, *args, **kwargs):
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    set = add = get


def test_an_api_upload_is_not_refused_because_the_throttle_cache_is_down(
    api_client, manager, draft_review, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(ReviewViewSet, "throttle_classes", [UserRateThrottle])
    monkeypatch.setattr(SimpleRateThrottle, "cache", _UnreachableCache())
    api_client.force_authenticate(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(
            f"/api/collation/reviews/{draft_review.pk}/upload/",
            {"kind": "overview_report", "files": [VALID.open("rb")]},
            format="multipart",
        )
    assert response.status_code == 202, response.data
    assert ReviewDocument.objects.count() == 1


def test_the_throttle_still_applies_to_uploads_while_the_cache_is_up(
    api_client, manager, draft_review, monkeypatch
):
    class OnePerDay(UserRateThrottle):
        rate = "1/day"

    monkeypatch.setattr(ReviewViewSet, "throttle_classes", [OnePerDay])
    api_client.force_authenticate(manager)
    url = f"/api/collation/reviews/{draft_review.pk}/upload/"
    assert api_client.post(url, {}, format="multipart").status_code == 400
    assert api_client.post(url, {}, format="multipart").status_code == 429


def test_the_api_answers_503_with_retry_after_when_storage_is_full(
    api_client, manager, draft_review, disk_full
):
    api_client.force_authenticate(manager)
    response = api_client.post(
        f"/api/collation/reviews/{draft_review.pk}/upload/",
        {"kind": "overview_report", "files": [VALID.open("rb")]},
        format="multipart",
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "300"
    [outcome] = response.data
    assert (outcome["accepted"], outcome["code"]) == (False, "storage_full")
    assert not ReviewDocument.objects.exists()
