"""A review's summary: drafted by extraction from verified codings and recommendations,
edited by analysts, shown on the review page, in search results and in the API."""

from html import unescape

import pytest
from auditlog.models import LogEntry
from django.contrib.postgres.search import SearchVector
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from collation.choices import CodingVerification
from collation.models import Coding, DocumentPage, PracticeIssue, Recommendation, Review
from collation.services.summaries import (
    RECOMMENDATION_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    first_sentence,
    summary_draft,
    summary_save,
)
from scr_platform.response_cache import public_version
from tests.collation.conftest import REPORTS
from tests.factories import DocumentFactory, ReviewFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGE_TEXT = "The health visitor did not pass on the referral about neglect to the school nurse."


@pytest.fixture
def coder(db):
    return UserFactory(username="coder", roles=["analyst"])


def _document(review, text=PAGE_TEXT):
    document = DocumentFactory(review=review, page_count=1)
    DocumentPage.objects.create(document=document, number=1, text=text)
    DocumentPage.objects.filter(document=document).update(
        search_vector=SearchVector("text", config="english")
    )
    return document


def _code(document, coder, code, *, verification=CodingVerification.AGREED, cause=None):
    issue = PracticeIssue.objects.get(code=code)
    verified = verification != CodingVerification.UNVERIFIED
    coding = Coding.objects.create(
        verified_by=UserFactory(roles=["analyst"]) if verified else None,
        verified_at=timezone.now() if verified else None,
        document=document,
        page=1,
        excerpt="did not pass on the referral",
        issue=issue,
        coder=coder,
        verification=verification,
    )
    if cause is not None:
        coding.causes.add(issue.causes.all()[cause])
    return coding


def _recommend(document, *texts):
    for position, text in enumerate(texts, start=1):
        Recommendation.objects.create(
            document=document, position=position, number=position, text=text, page=1
        )


@pytest.fixture
def published(board):
    review = ReviewFactory(board=board, publish=True, title="Serious Case Review: Child Q")
    return review, _document(review)


# --- Drafting -------------------------------------------------------------------------


def test_the_draft_lists_verified_issues_most_frequent_first_with_their_main_cause(
    published, coder
):
    review, document = published
    often, once = (
        PracticeIssue.objects.annotate(given=Count("causes"))
        .filter(given__gte=2)
        .order_by("-code")[:2]
    )
    _code(document, coder, once.code, cause=0)
    _code(document, coder, often.code, cause=0)
    _code(document, coder, often.code, cause=0)
    _code(document, coder, often.code, cause=1)
    draft = summary_draft(review=review)
    assert draft.text.startswith("Learning themes include: ")
    assert draft.theme_count == 2
    # Coded three times, then once; the cause given twice, not the one given once.
    assert draft.text.index(f"({often.code})") < draft.text.index(f"({once.code})")
    assert often.causes.all()[0].text.rstrip(".")[1:] in draft.text
    assert often.causes.all()[1].text.rstrip(".")[1:] not in draft.text
    assert once.causes.all()[0].text.rstrip(".")[1:] in draft.text


@pytest.mark.parametrize(
    "verification",
    [CodingVerification.UNVERIFIED, CodingVerification.DISAGREED],
)
def test_unverified_codings_never_feed_the_draft(published, coder, verification):
    review, document = published
    _code(document, coder, "A1")
    _code(document, coder, "G8", verification=verification)
    draft = summary_draft(review=review)
    assert "(A1)" in draft.text
    assert "(G8)" not in draft.text
    assert draft.theme_count == 1


def test_a_replaced_documents_codings_and_recommendations_feed_nothing(published, coder):
    review, document = published
    replacement = _document(review)
    document.superseded_by = replacement
    document.save(update_fields=["superseded_by"])
    _code(document, coder, "A1")
    _recommend(document, "The board should audit every referral.")
    assert summary_draft(review=review).text == ""


def test_only_three_themes_are_kept(published, coder):
    review, document = published
    for code in ("A1", "B2", "C1", "D1"):
        _code(document, coder, code)
    assert summary_draft(review=review).theme_count == 3


def test_recommendations_are_the_first_few_cut_to_a_sentence_without_repeats(published):
    review, document = published
    _recommend(
        document,
        "The board should ensure that referrals are acknowledged within a day. This will "
        "be audited each quarter.",
        "the   board should ensure that referrals are acknowledged within a day",
        "Health visitors should share concerns with school nurses",
        "Training on neglect must be offered to all GPs.",
        "A fifth recommendation that is not needed.",
    )
    draft = summary_draft(review=review)
    assert draft.recommendation_count == 3
    paragraph = draft.text.split("\n\n")[-1]
    assert paragraph == (
        "Recommendations include: The board should ensure that referrals are acknowledged "
        "within a day. Health visitors should share concerns with school nurses. Training on "
        "neglect must be offered to all GPs."
    )
    assert "audited each quarter" not in draft.text
    assert "fifth" not in draft.text


def test_a_draft_reviews_recommendations_wait_for_publication(board, coder):
    # Until published, its personal data may not all be decided and struck from them.
    draft = ReviewFactory(board=board)
    document = _document(draft)
    _code(document, coder, "A1")
    _recommend(document, "Jane Doe's school should audit every referral.")
    text = summary_draft(review=draft).text
    assert "(A1)" in text
    assert "Recommendations include" not in text and "Jane Doe" not in text


def test_personal_data_redacted_later_is_struck_from_the_summary_too(
    manager, analyst, draft_review, ingest, check_all, django_capture_on_commit_callbacks
):
    from collation.choices import FlagStatus
    from collation.services.personal_data import flag_decide

    document = ingest(user=manager, review=draft_review, path=REPORTS / "scr_s1_001.pdf")
    flag = document.personal_data_flags.filter(status=FlagStatus.OPEN, kind="name").first()
    summary_save(
        user=analyst,
        review=draft_review,
        text=f"Learning themes include: what {flag.text} told the school.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        flag_decide(user=manager, flag=flag, decision=FlagStatus.REDACT)
    check_all(user=manager, review=draft_review)
    draft_review.refresh_from_db()
    assert flag.text not in draft_review.summary
    assert draft_review.summary == "Learning themes include: what [redacted] told the school."


@pytest.mark.parametrize(
    "written",
    [
        "Recommendation 3: Audit every referral.",
        "Recommendation 3 - Audit every referral. Report to the board.",
        "3. Audit every referral",
        "(b) Audit every referral.",
        "  Audit   every\nreferral.",
    ],
)
def test_a_recommendation_loses_its_numbering(written):
    assert first_sentence(written) == "Audit every referral."


def test_a_long_recommendation_is_cut_at_a_word():
    sentence = first_sentence("Agencies should " + "work together closely " * 30)
    assert len(sentence) <= RECOMMENDATION_MAX_LENGTH + 1
    assert sentence.endswith("…")
    assert sentence[:-1].rsplit(" ", 1)[1] in {"work", "together", "closely"}  # a whole word


def test_a_review_with_nothing_verified_and_no_recommendations_drafts_nothing(published, coder):
    review, document = published
    _code(document, coder, "A1", verification=CodingVerification.UNVERIFIED)
    draft = summary_draft(review=review)
    assert (draft.text, draft.theme_count, draft.recommendation_count) == ("", 0, 0)


# --- Saving -------------------------------------------------------------------------


def test_saving_records_who_and_when_and_tidies_spaces(published, analyst):
    review, _ = published
    summary_save(
        user=analyst,
        review=review,
        text="  Learning themes include:   neglect.\r\n\r\n\r\nRecommendations include: audit. ",
        drafted=True,
    )
    review.refresh_from_db()
    assert review.summary == "Learning themes include: neglect.\n\nRecommendations include: audit."
    assert review.summary_paragraphs == [
        "Learning themes include: neglect.",
        "Recommendations include: audit.",
    ]
    assert review.summary_edited_by == analyst
    assert review.summary_drafted_at == review.summary_edited_at


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   \n ", "Enter the review's summary"),
        ("x" * (SUMMARY_MAX_LENGTH + 1), "Summary must be 2,000 characters or fewer"),
    ],
)
def test_an_empty_or_too_long_summary_is_refused_with_a_clear_message(
    client, published, analyst, text, message
):
    review, _ = published
    client.force_login(analyst)
    url = reverse("collation:review-summary", args=[review.pk])
    response = client.post(url, {"action": "save", "summary": text})
    assert response.status_code == 400
    content = unescape(response.content.decode())
    assert "There is a problem" in content
    assert message in content
    review.refresh_from_db()
    assert review.summary == ""
    assert review.summary_edited_at is None


def test_saving_through_the_page_is_audited_to_the_analyst(client, published, analyst):
    review, _ = published
    client.force_login(analyst)
    client.post(
        reverse("collation:review-summary", args=[review.pk]),
        {"action": "save", "summary": "Learning themes include: neglect."},
    )
    entry = LogEntry.objects.get_for_object(review).latest("timestamp")
    assert entry.actor == analyst
    assert entry.changes_dict["summary"] == ["", "Learning themes include: neglect."]


# --- The page -------------------------------------------------------------------------


def test_the_page_starts_from_a_draft_and_drafting_again_saves_nothing(
    client, published, analyst, coder
):
    review, document = published
    _code(document, coder, "C1")
    client.force_login(analyst)
    url = reverse("collation:review-summary", args=[review.pk])
    page = client.get(url).content.decode()
    assert "Learning themes include:" in page
    assert "Nothing is saved yet" in page
    assert "maxlength" not in page  # a pasted text is never cut short unnoticed
    summary_save(user=analyst, review=review, text="Written by hand.")
    page = client.get(url).content.decode()
    assert "Written by hand." in page
    response = client.post(url, {"action": "draft", "summary": "Written by hand."})
    assert response.status_code == 200
    assert "Learning themes include:" in response.content.decode()
    review.refresh_from_db()
    assert review.summary == "Written by hand."


def test_drafting_with_nothing_to_draft_from_keeps_the_text_and_says_why(
    client, published, analyst
):
    review, _ = published
    client.force_login(analyst)
    url = reverse("collation:review-summary", args=[review.pk])
    response = client.post(url, {"action": "draft", "summary": "My own words."})
    content = response.content.decode()
    assert "There is nothing to draft from yet" in content
    assert "My own words." in content


def test_an_analyst_saves_and_the_review_page_shows_it(client, published, analyst):
    review, _ = published
    client.force_login(analyst)
    response = client.post(
        reverse("collation:review-summary", args=[review.pk]),
        {"action": "save", "summary": "Learning themes include: neglect.", "drafted": "True"},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.summary_drafted_at is not None
    client.logout()
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Learning themes include: neglect." in page
    assert "Change the summary" not in page


@pytest.mark.parametrize("role", ["lscb_manager", "lead_reviewer", "alliance_member"])
def test_people_who_do_not_code_cannot_change_a_summary(client, published, role):
    review, _ = published
    client.force_login(UserFactory(username="someone", roles=[role], board=review.board))
    url = reverse("collation:review-summary", args=[review.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "save", "summary": "Mine."}).status_code == 403
    review.refresh_from_db()
    assert review.summary == ""


def test_the_public_is_sent_to_sign_in(client, published):
    review, _ = published
    url = reverse("collation:review-summary", args=[review.pk])
    response = client.post(url, {"action": "save", "summary": "Mine."})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    review.refresh_from_db()
    assert review.summary == ""


def test_a_drafts_summary_shows_only_to_those_who_see_drafts(client, board, manager, analyst):
    draft = ReviewFactory(board=board, title="Serious Case Review: Child D")
    summary_save(user=analyst, review=draft, text="Learning themes include: secret.")
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(manager)
    assert (
        "Learning themes include: secret." in client.get(draft.get_absolute_url()).content.decode()
    )


# --- Where it shows -------------------------------------------------------------------


def test_editing_a_published_summary_updates_the_cached_public_page(
    client, published, analyst, django_capture_on_commit_callbacks
):
    review, _ = published
    url = review.get_absolute_url()
    for _ in range(2):  # rendered, then served from the cache
        assert "Learning themes include" not in client.get(url).content.decode()
    before = public_version()
    with django_capture_on_commit_callbacks(execute=True):
        summary_save(user=analyst, review=review, text="Learning themes include: neglect.")
    assert public_version() != before
    assert "Learning themes include: neglect." in client.get(url).content.decode()


def test_search_results_show_each_reports_summary(client, board, published, analyst):
    review, _ = published
    summary_save(user=analyst, review=review, text="Learning themes include: neglect.")
    unsummarised = ReviewFactory(board=board, publish=True, title="Serious Case Review: Child U")
    _document(unsummarised)
    content = client.get(reverse("collation:search") + "?q=neglect").content.decode()
    assert review.title in content and unsummarised.title in content
    assert content.count("Learning themes include: neglect.") == 1


def test_the_api_shows_the_summary_and_never_takes_it_from_a_client(
    api_client, published, analyst, administrator
):
    review, _ = published
    summary_save(user=analyst, review=review, text="Learning themes include: neglect.")
    url = reverse("collation-api:review-detail", args=[review.pk])
    assert api_client.get(url).json()["summary"] == "Learning themes include: neglect."
    api_client.force_authenticate(administrator)
    response = api_client.patch(url, {"summary": "Changed through the API."}, format="json")
    assert response.status_code == 200
    assert Review.objects.get(pk=review.pk).summary == "Learning themes include: neglect."
