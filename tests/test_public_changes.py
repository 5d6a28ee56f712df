"""scr_platform/public_changes.py: writes from any path move the public version; private
writes never do."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from collation.choices import JobStatus
from collation.models import Coding, PracticeIssue, ProcessingJob, Review
from scr_platform import public_changes
from scr_platform.response_cache import PUBLIC_VERSION_KEY, public_version
from tests.factories import DocumentFactory, ReviewFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def version_moves(django_capture_on_commit_callbacks):
    """Run a write and say whether it moved the public version (after it committed)."""

    def run(write) -> bool:
        before = public_version()
        with django_capture_on_commit_callbacks(execute=True):
            write()
        return cache.get(PUBLIC_VERSION_KEY) != before

    return run


def test_the_models_public_pages_show_are_registered():
    names = {model._meta.label for model in public_changes.registered_models()}
    assert {
        "collation.Review",
        "collation.ReviewDocument",
        "collation.Coding",
        "collation.PracticeIssue",
        "collation.Briefing",
        "accounts.Board",
        "accounts.User",
        "alliance.Action",
        "alliance.Organisation",
    } <= names
    # Private records are not: their writes never flush public pages.
    assert not {"collation.ProcessingJob", "collation.PersonalDataFlag"} & names


def test_a_board_renamed_in_django_admin_shows_at_once_on_the_cached_review_page(
    client, board, django_capture_on_commit_callbacks
):
    review = ReviewFactory(board=board, publish=True)
    url = review.get_absolute_url()
    assert board.name in client.get(url).content.decode()
    assert board.name in client.get(url).content.decode()  # now from the cache
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    change = reverse("admin:accounts_board_change", args=[board.pk])
    form = client.get(change).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["name"] = "Eastshire Safeguarding Children Partnership"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    content = client.get(url).content.decode()
    assert "Eastshire Safeguarding Children Partnership" in content


def test_publishing_and_withdrawing_move_the_version_and_a_drafts_edits_do_not(
    version_moves, board
):
    draft = ReviewFactory(board=board)
    assert not version_moves(lambda: Review.objects.filter(pk=draft.pk).first().save())
    draft.status = "published"
    draft.published_at = draft.created_at
    assert version_moves(draft.save)
    draft.status, draft.withdrawn_at, draft.withdrawal_reason = (
        "withdrawn",
        draft.created_at,
        "A name was left in",
    )
    assert version_moves(draft.save)  # it was public before the write
    draft.title = "Corrected while withdrawn"
    assert not version_moves(draft.save)


def test_processing_progress_never_moves_the_version(version_moves, board):
    document = DocumentFactory(review=ReviewFactory(board=board, publish=True))
    job = ProcessingJob.objects.create(document=document, progress_total=10)

    def progress():
        job.status, job.progress_current = JobStatus.EXTRACTING, 5
        job.save()

    assert not version_moves(progress)


def test_a_coding_moves_the_version_only_on_a_published_review(version_moves, board, analyst):
    issue = PracticeIssue.objects.get(code="C7")
    draft_document = DocumentFactory(review=ReviewFactory(board=board))
    published_document = DocumentFactory(review=ReviewFactory(board=board, publish=True))

    def code(document):
        return lambda: Coding.objects.create(
            document=document, page=1, excerpt="x", issue=issue, coder=analyst
        )

    assert not version_moves(code(draft_document))
    assert version_moves(code(published_document))


def test_signing_in_does_not_move_the_version(version_moves, client, manager):
    from tests.factories import TEST_PASSWORD

    def sign_in():
        credentials = {"username": manager.username, "password": TEST_PASSWORD}
        assert client.post(reverse("accounts:login"), credentials).status_code == 302

    assert not version_moves(sign_in)


def test_a_model_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="already registered"):
        public_changes.register(Review)
