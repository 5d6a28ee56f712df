"""collation/visibility.py: a replaced document, a withdrawn review and a document held back
for checking are seen only by those who may see the review's drafts — through every page,
cached page, API route, export, search and excerpt."""

import pytest
from django.core import mail
from django.urls import reverse

from collation.analysis.personal_data import PersonalDataFinding, PersonalDataKind
from collation.choices import FlagStatus
from collation.models import PracticeIssue
from collation.services import personal_data_recheck
from collation.services.coding import coding_create
from collation.services.ingestion import document_replace
from collation.services.personal_data import flag_decide
from collation.services.reviews import review_publish, review_withdraw
from collation.services.verification import coding_verify
from tests.collation.conftest import BAD, REPORTS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PHRASE = "Kiln Way"  # page 7 of scr_s1_001.pdf
EXCERPT = "Kiln Way"


@pytest.fixture
def document(manager, draft_review, ingest):
    return ingest(user=manager, review=draft_review, path=REPORTS / "scr_s1_001.pdf")


@pytest.fixture
def coded(document, analyst, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the trend refresh runs
        coding = coding_create(
            user=analyst,
            document=document,
            page=7,
            excerpt=EXCERPT,
            issue=PracticeIssue.objects.get(code="C7"),
            causes=[],
        )
        # Verified by a second analyst, as a coding must be before it counts publicly.
        return coding_verify(user=UserFactory(roles=["analyst"]), coding=coding, agrees=True)


def _public_urls(review, document):
    return {
        "file": reverse("collation:document-file", args=[review.pk, document.pk]),
        "page": reverse("collation:document-page", args=[review.pk, document.pk, 7]),
        "api document": f"/api/collation/documents/{document.pk}/",
        "api pages": f"/api/collation/documents/{document.pk}/pages/",
    }


def _publish(manager, review, check_all):
    check_all(user=manager, review=review)
    return review_publish(user=manager, review=review)


def _searched(client, phrase=PHRASE) -> int:
    return client.get("/api/collation/search/", {"q": f'"{phrase}"'}).json()["count"]


# --- A replaced document -------------------------------------------------------


def test_a_replaced_document_is_never_public_once_the_review_is_published(
    client,
    manager,
    analyst,
    draft_review,
    document,
    coded,
    check_all,
    django_capture_on_commit_callbacks,
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        (BAD / "valid_report.pdf").open("rb") as stream,
    ):
        replacement = document_replace(
            user=manager, document=document, stream=stream, filename="corrected.pdf"
        )
    _publish(manager, draft_review, check_all)
    old = _public_urls(draft_review, document)
    new = _public_urls(draft_review, replacement)

    # The public: the corrected copy only.
    for name, url in old.items():
        assert client.get(url).status_code == 404, name
    assert client.get(new["file"]).status_code == 200
    detail = client.get(draft_review.get_absolute_url()).content.decode()
    assert "Replaced" not in detail and old["file"] not in detail
    api = client.get(f"/api/collation/reviews/{draft_review.pk}/").json()
    assert [d["id"] for d in api["documents"]] == [replacement.pk]
    listed = client.get("/api/collation/documents/", {"review": draft_review.pk}).json()
    assert [d["id"] for d in listed["results"]] == [replacement.pk]
    assert _searched(client) == 0
    issue = client.get(reverse("collation:trend-issue", args=["C7"])).content.decode()
    assert EXCERPT not in issue

    # Those who may see the review's drafts still see what was replaced.
    for user in (manager, analyst):
        client.force_login(user)
        assert client.get(old["page"]).status_code == 200
        assert "Replaced" in client.get(draft_review.get_absolute_url()).content.decode()


# --- A withdrawn review --------------------------------------------------------


def test_withdrawing_takes_a_review_off_every_public_path_at_once(
    client,
    manager,
    analyst,
    draft_review,
    document,
    coded,
    check_all,
    django_capture_on_commit_callbacks,
):
    _publish(manager, draft_review, check_all)
    urls = {
        **_public_urls(draft_review, document),
        "review": draft_review.get_absolute_url(),
        "api review": f"/api/collation/reviews/{draft_review.pk}/",
    }
    grid = reverse("collation:trend-grid-json")
    for _ in range(2):  # rendered, then served from the cache
        for name, url in urls.items():
            assert client.get(url).status_code == 200, name
        assert draft_review.title in client.get(reverse("collation:review-list")).content.decode()
    assert _searched(client) >= 1
    before = _c7(client.get(grid).json())
    assert before["count"] == 1

    with django_capture_on_commit_callbacks(execute=True):
        review_withdraw(user=manager, review=draft_review, reason="A name was left in")

    for name, url in urls.items():
        assert client.get(url).status_code == 404, name
    assert draft_review.title not in client.get(reverse("collation:review-list")).content.decode()
    export = client.get(reverse("collation:review-export"))
    assert draft_review.title not in b"".join(export.streaming_content).decode()
    assert _searched(client) == 0
    assert _c7(client.get(grid).json())["count"] == 0
    assert EXCERPT not in client.get(reverse("collation:trend-issue", args=["C7"])).content.decode()
    api_list = client.get("/api/collation/reviews/").json()
    assert draft_review.pk not in [r["id"] for r in api_list["results"]]

    # Its board and the national team still see it, withdrawn, with the reason.
    client.force_login(manager)
    page = client.get(draft_review.get_absolute_url()).content.decode()
    assert "Withdrawn" in page and "A name was left in" in page
    client.force_login(analyst)
    assert client.get(urls["page"]).status_code == 200


def _c7(grid: dict) -> dict:
    for stage in grid["stages"]:
        for issue in stage["issues"]:
            if issue["code"] == "C7":
                return issue
    raise AssertionError("C7 is not in the grid")


def test_a_withdrawn_review_can_be_published_again(manager, draft_review, document, check_all):
    _publish(manager, draft_review, check_all)
    review_withdraw(user=manager, review=draft_review, reason="Checking a name")
    review = review_publish(user=manager, review=draft_review)
    assert review.is_published and review.withdrawal_reason == ""


# --- A document held back while new findings are checked ---------------------------


@pytest.fixture
def improved_detector(monkeypatch):
    """A detector that now also finds "Kiln Way" on page 7, under a new version."""
    found = personal_data_recheck.personal_data_find

    def find(pages, *, board_name):
        pages = list(pages)
        text = dict(pages)[7]
        start = text.index("Kiln Way")
        extra = PersonalDataFinding(
            kind=PersonalDataKind.ADDRESS,
            text="Kiln Way",
            page=7,
            start=start,
            end=start + len("Kiln Way"),
            context="at Kiln Way",
        )
        return [*found(pages, board_name=board_name), extra]

    monkeypatch.setattr(personal_data_recheck, "personal_data_find", find)
    monkeypatch.setattr(personal_data_recheck, "DETECTOR_VERSION", "next")


def test_a_new_finding_holds_a_published_document_back_until_it_is_redacted(
    client,
    manager,
    draft_review,
    document,
    check_all,
    improved_detector,
    django_capture_on_commit_callbacks,
):
    manager.email = "manager@northshire.example.org"
    manager.save()
    _publish(manager, draft_review, check_all)
    urls = _public_urls(draft_review, document)
    assert client.get(urls["page"]).status_code == 200
    assert _searched(client) >= 1

    with django_capture_on_commit_callbacks(execute=True):
        outcomes = personal_data_recheck.documents_recheck()
    assert [(o.document_id, o.new_flags, o.withheld) for o in outcomes] == [(document.pk, 1, True)]
    for name, url in urls.items():
        assert client.get(url).status_code == 404, name
    assert _searched(client) == 0
    assert "being checked" in client.get(draft_review.get_absolute_url()).content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [manager.email]
    assert "personal-data" in mail.outbox[0].body

    # Nothing waits for a second run: the same version is not checked again.
    assert personal_data_recheck.documents_recheck() == []

    new_flag = document.personal_data_flags.get(status=FlagStatus.OPEN)
    with django_capture_on_commit_callbacks(execute=True):
        flag_decide(user=manager, flag=new_flag, decision=FlagStatus.REDACT)
    document.refresh_from_db()
    assert document.withheld_at is None
    assert client.get(urls["page"]).status_code == 200
    assert "Kiln Way" not in client.get(urls["page"]).content.decode()
    assert _searched(client) == 0


def test_a_decision_on_a_published_document_hides_it_until_its_copy_is_made_again(
    client,
    manager,
    draft_review,
    document,
    check_all,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    from collation import tasks
    from collation.services.personal_data import redaction_select
    from collation.services.redaction import public_copy_make

    _publish(manager, draft_review, check_all)
    url = _public_urls(draft_review, document)["page"]
    assert "Kiln Way" in client.get(url).content.decode()
    sent = []
    monkeypatch.setattr(tasks.make_public_copy, "delay", sent.append)  # the worker is busy
    with django_capture_on_commit_callbacks(execute=True):
        redaction_select(user=manager, document=document, page=7, text="Kiln Way")
    assert sent == [document.pk]
    assert client.get(url).status_code == 404  # the old copy lacks the new redaction
    public_copy_make(document_id=document.pk)  # the worker gets to it
    response = client.get(url)
    assert response.status_code == 200 and "Kiln Way" not in response.content.decode()


def test_the_recheck_command_reports_what_it_found(
    manager, draft_review, document, check_all, improved_detector
):
    from io import StringIO

    from django.core.management import call_command

    _publish(manager, draft_review, check_all)
    out = StringIO()
    call_command("recheck_personal_data", stdout=out)
    assert "1 new possible personal data item(s) and held it back" in out.getvalue()
    assert "Checked 1 document(s) with detector version next: 1 new item(s)" in out.getvalue()
    out = StringIO()
    call_command("recheck_personal_data", stdout=out)  # nothing new under the same version
    assert "Checked 0 document(s)" in out.getvalue()
