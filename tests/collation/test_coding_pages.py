"""The coding pages: analysts only, typed or selected passages, own codings only."""

import pytest
from django.urls import reverse

from collation.models import Coding, DocumentPage, PracticeIssue
from tests.collation.conftest import REPORTS
from tests.factories import DocumentFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSAGE = "Officers attended 137 Kiln Way"


@pytest.fixture
def document(manager, draft_review, ingest):
    return ingest(user=manager, review=draft_review, path=REPORTS / "scr_s1_001.pdf")


def page_url(document, number=7):
    return reverse("collation:coding-page", args=[document.review_id, document.pk, number])


def test_an_analyst_codes_a_typed_passage_without_javascript(client, analyst, document):
    client.force_login(analyst)
    c5 = PracticeIssue.objects.get(code="C5")
    cause = c5.causes.first()
    response = client.post(
        page_url(document), {"excerpt": PASSAGE, "issue": c5.pk, "causes": [cause.pk]}
    )
    assert response.status_code == 302 and response.url == page_url(document)
    coding = Coding.objects.get()
    assert (coding.page, coding.issue, coding.coder) == (7, c5, analyst)
    page = client.get(page_url(document)).content.decode()
    assert "Passage coded to C5." in page and "Your codings on this page" in page


def test_a_passage_not_on_the_page_is_refused_with_a_message(client, analyst, document):
    client.force_login(analyst)
    c5 = PracticeIssue.objects.get(code="C5")
    response = client.post(page_url(document, 6), {"excerpt": PASSAGE, "issue": c5.pk})
    assert response.status_code == 400
    assert "This passage is not on page 6" in response.content.decode()
    assert not Coding.objects.exists()


def test_missing_answers_are_named(client, analyst, document):
    client.force_login(analyst)
    content = client.post(page_url(document), {}).content.decode()
    assert "Select or paste the passage that shows the issue" in content
    assert "Choose the practice issue the passage shows" in content


@pytest.mark.parametrize("who", ["manager", "reviewer", "alliance_member"])
def test_other_roles_cannot_code(who, request, client, document):
    client.force_login(request.getfixturevalue(who))
    assert client.get(page_url(document)).status_code == 403


def test_the_public_is_sent_to_sign_in(client, document):
    assert client.get(page_url(document)).status_code == 302


def test_codings_are_changed_and_removed_only_by_their_coder(client, analyst, document):
    c5 = PracticeIssue.objects.get(code="C5")
    coding = Coding.objects.create(
        document=document, page=7, excerpt=PASSAGE, issue=c5, coder=analyst
    )
    edit = reverse("collation:coding-edit", args=[coding.pk])
    client.force_login(UserFactory(roles=["analyst"]))
    assert client.get(edit).status_code == 403
    client.force_login(analyst)
    response = client.post(edit, {"excerpt": PASSAGE, "issue": c5.pk, "note": "Checked"})
    assert response.status_code == 302
    assert Coding.objects.get().note == "Checked"
    client.post(edit, {"delete": "1"})
    assert not Coding.objects.exists()


def test_the_review_page_offers_coding_to_analysts_only(client, analyst, manager, document):
    client.force_login(analyst)
    assert page_url(document, 1) in client.get(document.review.get_absolute_url()).content.decode()
    client.force_login(manager)
    assert (
        page_url(document, 1) not in client.get(document.review.get_absolute_url()).content.decode()
    )


@pytest.fixture
def coding(draft_review, analyst):
    document = DocumentFactory(review=draft_review)
    DocumentPage.objects.create(
        document=document, number=1, text="The health visitor did not share the concern."
    )
    issue = PracticeIssue.objects.order_by("code").first()
    return Coding.objects.create(
        document=document, page=1, excerpt="did not share", issue=issue, coder=analyst
    )


def test_an_administrator_by_role_corrects_an_analysts_coding(client, administrator, coding):
    assert not administrator.is_superuser
    url = reverse("collation:coding-edit", args=[coding.pk])
    client.force_login(administrator)
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"excerpt": "did not share the concern", "issue": coding.issue.pk, "note": "Wider"}
    )
    assert response.status_code == 302
    coding.refresh_from_db()
    assert (coding.excerpt, coding.note) == ("did not share the concern", "Wider")
    assert coding.coder.username == "analyst", "the coding stays the analyst's"


def test_another_analyst_still_cannot_change_it(client, coding):
    client.force_login(UserFactory(username="analyst-2", roles=["analyst"]))
    assert client.get(reverse("collation:coding-edit", args=[coding.pk])).status_code == 403
