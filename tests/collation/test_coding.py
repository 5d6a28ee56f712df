"""Coding: analysts link passages to practice issues; every rule has a clear message."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from collation.models import Cause, Coding, PracticeIssue, ReviewIssue
from collation.services.coding import coding_create, coding_delete, coding_update
from collation.services.verification import coding_verify
from tests.collation.conftest import REPORTS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSAGE = "Officers attended 137 Kiln Way"


@pytest.fixture
def document(manager, draft_review, ingest):
    return ingest(user=manager, review=draft_review, path=REPORTS / "scr_s1_001.pdf")


@pytest.fixture
def c5():
    return PracticeIssue.objects.get(code="C5")


def test_an_analyst_codes_a_passage_and_the_trend_rows_follow(
    analyst, document, c5, django_capture_on_commit_callbacks
):
    cause = c5.causes.first()
    with django_capture_on_commit_callbacks(execute=True):
        coding = coding_create(
            user=analyst,
            document=document,
            page=7,
            excerpt=f"  {PASSAGE}\n",
            issue=c5,
            causes=[cause],
            note="Police knew of the address",
        )
    assert coding.excerpt == PASSAGE and coding.coder == analyst
    assert list(coding.causes.all()) == [cause]
    # It counts once a second analyst has verified it.
    assert not ReviewIssue.objects.filter(review=document.review, issue=c5).exists()
    with django_capture_on_commit_callbacks(execute=True):
        coding_verify(
            user=UserFactory(username="second", roles=["analyst"]), coding=coding, agrees=True
        )
    assert ReviewIssue.objects.get(review=document.review, issue=c5).codings == 1


def test_a_passage_may_wrap_differently_from_the_page(analyst, document, c5):
    coding_create(
        user=analyst,
        document=document,
        page=7,
        excerpt="Officers attended 137 Kiln Way,\nBrookside",
        issue=c5,
    )


@pytest.mark.parametrize(
    ("page_number", "excerpt", "field", "message"),
    [
        (99, PASSAGE, "page", "Enter a page between 1 and 18."),
        (7, "   ", "excerpt", "Select or paste the passage"),
        (6, PASSAGE, "excerpt", "This passage is not on page 6."),
    ],
)
def test_each_bad_coding_gets_its_own_message(
    analyst, document, c5, page_number, excerpt, field, message
):
    with pytest.raises(ValidationError) as error:
        coding_create(user=analyst, document=document, page=page_number, excerpt=excerpt, issue=c5)
    assert message in error.value.message_dict[field][0]
    assert not Coding.objects.exists()


def test_causes_must_belong_to_the_issue(analyst, document, c5):
    other = Cause.objects.exclude(issue=c5).first()
    with pytest.raises(ValidationError) as error:
        coding_create(
            user=analyst, document=document, page=7, excerpt=PASSAGE, issue=c5, causes=[other]
        )
    assert "Choose causes listed under C5" in error.value.message_dict["causes"][0]


def test_a_retired_issue_takes_no_new_codings(analyst, document, c5):
    from django.utils import timezone

    c5.retired_at = timezone.now()
    c5.save()
    with pytest.raises(ValidationError) as error:
        coding_create(user=analyst, document=document, page=7, excerpt=PASSAGE, issue=c5)
    assert "retired" in error.value.message_dict["issue"][0]


@pytest.mark.parametrize("who", ["manager", "reviewer", "alliance_member"])
def test_only_analysts_code(who, request, document, c5):
    with pytest.raises(PermissionDenied):
        coding_create(
            user=request.getfixturevalue(who), document=document, page=7, excerpt=PASSAGE, issue=c5
        )


def test_codings_are_their_coders_own(analyst, document, c5, administrator):
    coding = coding_create(user=analyst, document=document, page=7, excerpt=PASSAGE, issue=c5)
    colleague = UserFactory(roles=["analyst"])
    with pytest.raises(PermissionDenied):
        coding_update(user=colleague, coding=coding, note="mine now")
    with pytest.raises(PermissionDenied):
        coding_delete(user=colleague, coding=coding)
    coding_update(user=analyst, coding=coding, note="Checked twice")
    assert Coding.objects.get().note == "Checked twice"
    coding_delete(user=administrator, coding=coding)
    assert not Coding.objects.exists()


def test_an_invalid_edit_changes_nothing(analyst, document, c5):
    coding = coding_create(user=analyst, document=document, page=7, excerpt=PASSAGE, issue=c5)
    with pytest.raises(ValidationError):
        coding_update(user=analyst, coding=coding, page=3)
    coding.refresh_from_db()
    assert coding.page == 7
