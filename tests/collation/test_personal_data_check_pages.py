"""collation/views/personal_data.py (checking personal data), the redaction of a selection
withdrawal (views/reviews.py), and the same through the API."""

import pytest
from django.urls import reverse

from collation.choices import FlagSource, FlagStatus, ReviewStatus
from collation.models import PersonalDataFlag
from tests.collation.conftest import REPORTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(manager, draft_review, ingest):
    return ingest(user=manager, review=draft_review, path=REPORTS / "scr_s1_001.pdf")


def _check_url(review):
    return reverse("collation:personal-data-check", args=[review.pk])


def _flag_url(flag):
    return reverse("collation:personal-data-flag", args=[flag.document.review_id, flag.pk])


def test_checking_starts_at_the_first_open_item_shown_in_its_page(client, manager, document):
    client.force_login(manager)
    response = client.get(_check_url(document.review))
    first = document.personal_data_flags.filter(status=FlagStatus.OPEN).order_by("page", "pk")[0]
    assert response.status_code == 302 and response["Location"] == _flag_url(first)
    page = client.get(_flag_url(first)).content.decode()
    total = document.personal_data_flags.count()
    assert f"<strong>{total}</strong> of {total} items left to check" in page
    assert "<mark>" in page and 'aria-keyshortcuts="r"' in page
    assert "personal_data_check.mjs" in page


def test_one_click_redacts_and_moves_on_to_the_next_item(client, manager, document):
    client.force_login(manager)
    first, second = document.personal_data_flags.filter(status=FlagStatus.OPEN)[:2]
    response = client.post(_flag_url(first), {"decision": "redact", "scope": "one"})
    first.refresh_from_db()
    assert first.status == FlagStatus.REDACT and first.resolved_by == manager
    assert response.status_code == 302 and response["Location"] == _flag_url(second)


def test_keeping_an_item_takes_a_reason_from_the_list_or_in_words(client, manager, document):
    client.force_login(manager)
    flag = document.personal_data_flags.filter(status=FlagStatus.OPEN).first()
    missing = client.post(_flag_url(flag), {"decision": "not_personal", "reason": "other"})
    assert missing.status_code == 400
    assert "Enter why it is not personal data" in missing.content.decode()
    response = client.post(
        _flag_url(flag),
        {"decision": "not_personal", "reason": "other", "other_reason": "A street, not a home"},
    )
    assert response.status_code == 302
    flag.refresh_from_db()
    assert (flag.status, flag.reason) == (FlagStatus.NOT_PERSONAL, "A street, not a home")


def test_every_occurrence_is_offered_and_decided_at_once(client, manager, document):
    client.force_login(manager)
    flag = document.personal_data_flags.filter(status=FlagStatus.OPEN, kind="name").first()
    text = flag.text
    PersonalDataFlag.objects.create(
        document=document, page=flag.page + 1, kind=flag.kind, text=text, context=text
    )
    page = client.get(_flag_url(flag)).content.decode()
    assert "Redact all" in page
    client.post(_flag_url(flag), {"decision": "redact", "scope": "all"})
    assert not document.personal_data_flags.filter(text=text, status=FlagStatus.OPEN).exists()


def test_the_decided_list_offers_undo_until_publication(client, manager, document):
    client.force_login(manager)
    flag = document.personal_data_flags.filter(status=FlagStatus.OPEN).first()
    client.post(_flag_url(flag), {"decision": "redact", "scope": "one"})
    page = client.get(_flag_url(flag)).content.decode()
    undo = reverse("collation:personal-data-undo", args=[document.review_id, flag.pk])
    assert undo in page
    assert client.post(undo).status_code == 302
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN


def test_a_manager_redacts_text_selected_on_a_page(client, manager, analyst, document):
    page_url = reverse("collation:document-page", args=[document.review_id, document.pk, 7])
    redact_url = reverse("collation:document-redact", args=[document.review_id, document.pk, 7])
    client.force_login(analyst)
    assert "Redact this text" not in client.get(page_url).content.decode()
    assert client.post(redact_url, {"text": "Kiln Way"}).status_code == 403
    client.force_login(manager)
    assert "Redact this text" in client.get(page_url).content.decode()
    refused = client.post(redact_url, {"text": "Nowhere Street"})
    assert refused.status_code == 400
    assert "is not on page 7" in refused.content.decode()
    assert client.post(redact_url, {"text": "Kiln Way"}).status_code == 302
    selected = document.personal_data_flags.get(source=FlagSource.SELECTED)
    assert (selected.page, selected.text, selected.status) == (7, "Kiln Way", FlagStatus.REDACT)


def test_withdrawing_asks_for_a_reason(client, manager, draft_review):
    draft_review.status, draft_review.published_at = ReviewStatus.PUBLISHED, draft_review.created_at
    draft_review.save()
    client.force_login(manager)
    url = reverse("collation:review-withdraw", args=[draft_review.pk])
    assert "Why are you withdrawing" in client.get(url).content.decode()
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400
    assert "Enter why you are withdrawing the review" in refused.content.decode()
    assert client.post(url, {"reason": "A name was left in"}).status_code == 302
    draft_review.refresh_from_db()
    assert draft_review.status == ReviewStatus.WITHDRAWN


# --- The API ---------------------------------------------------------------------


@pytest.fixture
def api(api_client, manager):
    api_client.force_authenticate(manager)
    return api_client


def test_the_api_decides_one_or_every_occurrence_and_undoes(api, document):
    flag = document.personal_data_flags.filter(status=FlagStatus.OPEN).first()
    url = f"/api/collation/flags/{flag.pk}/"
    refused = api.post(url + "decide/", {"decision": "not_personal"}, format="json")
    assert refused.status_code == 400 and "reason" in refused.json()
    decided = api.post(url + "decide/", {"decision": "redact", "scope": "all"}, format="json")
    assert decided.status_code == 200
    body = decided.json()
    assert body["decided"] >= 1 and body["flag"]["status"] == "redact"
    undone = api.post(url + "undo/")
    assert undone.status_code == 200 and undone.json()["status"] == "open"


def test_the_api_redacts_a_selection_and_reports_the_public_copy(api, document):
    url = f"/api/collation/documents/{document.pk}/"
    refused = api.post(url + "redactions/", {"page": 7, "text": "Nowhere"}, format="json")
    assert refused.status_code == 400
    created = api.post(url + "redactions/", {"page": 7, "text": "Kiln Way"}, format="json")
    assert created.status_code == 201 and created.json()["source"] == "selected"
    undone = api.post(f"/api/collation/flags/{created.json()['id']}/undo/")
    assert undone.status_code == 204
    state = api.get(url + "public-copy/").json()
    assert state["status"] == "not_started" and state["is_current"] is False


def test_the_api_withdraws_a_published_review_with_a_reason(api, draft_review):
    draft_review.status, draft_review.published_at = ReviewStatus.PUBLISHED, draft_review.created_at
    draft_review.save()
    url = f"/api/collation/reviews/{draft_review.pk}/withdraw/"
    assert api.post(url, {}, format="json").status_code == 400
    response = api.post(url, {"reason": "A name was left in"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
