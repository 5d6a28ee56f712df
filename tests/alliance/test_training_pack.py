"""The Alliance's panels on an issue's page and in its printed training pack (their
``pack_template`` in alliance/apps.py): each capped, so a pack at its fullest still prints
on four A4 pages however much the Alliance records."""

from datetime import date

import pypdfium2 as pdfium
import pytest
from django.urls import reverse

from alliance.selectors.actions import ISSUE_PAGE_ACTIONS
from alliance.services import good_practice_save, progress_update_create
from collation.models import Coding, PracticeIssue
from collation.printing import chromium_path
from collation.services.learning import training_pack_publish, training_pack_save
from collation.services.trends import review_issues_rebuild
from tests.collation.test_trends import review_showing

from .conftest import issues

pytestmark = pytest.mark.django_db

MORE = 4


@pytest.fixture
def busy_alliance(member, make_action):
    """More published actions on C1 than the panel shows, each with a long latest update,
    and more good practice than it shows, each long."""
    for n in range(ISSUE_PAGE_ACTIONS + MORE):
        action = make_action(
            codes=("C1",),
            publish=True,
            title=f"Action {n}: referral pathways agreed with every partner agency in the area",
        )
        progress_update_create(
            user=member, action=action, text="Training delivered to referrers. " * 20
        )
    for n in range(8):
        good_practice_save(
            user=member,
            title=f"Example {n}: a referral tracker shared by children's social care and schools",
            what_worked="Referrers hear back within two days, so nothing waits unseen. " * 12,
            where="Northshire",
            issues=issues("C1"),
        )


def test_the_issue_page_lists_the_first_actions_and_says_how_many_more(client, busy_alliance):
    page = client.get(reverse("collation:trend-issue", args=["C1"])).content.decode()
    assert page.count("referral pathways agreed with every partner agency") == ISSUE_PAGE_ACTIONS
    assert f"All {ISSUE_PAGE_ACTIONS + MORE} of the Alliance's actions on C1 ({MORE} more)" in page


@pytest.mark.skipif(chromium_path() is None, reason="Chromium is not installed")
def test_a_full_pack_prints_on_four_a4_pages_with_the_alliance_at_its_busiest(
    client, board, analyst, busy_alliance
):
    reviews = [
        review_showing(["C1"], published_on=date(2016, month, 1), board=board, coder=analyst)
        for month in (3, 4, 8, 9)
    ]
    review_issues_rebuild()
    Coding.objects.update(excerpt=" ".join(["The referral was sent but not acknowledged."] * 12))
    long_text = " ".join(["Practitioners discussed what the referral meant and who held it."] * 30)
    pack = training_pack_save(
        user=analyst,
        issue=PracticeIssue.objects.get(code="C1"),
        introduction=long_text[:2000],
        questions="\n".join(
            f"Question {n}: " + "does this happen here, and how do we know? " * 6 for n in range(8)
        ),
        trainer_notes=long_text[:2000],
        excerpts=Coding.objects.filter(document__review__in=reviews),
    )
    training_pack_publish(user=analyst, pack=pack)
    page = client.get(reverse("collation:training-pack", args=["C1"])).content.decode()
    # A line each for the first three actions and examples, and how many more.
    assert page.count("referral pathways agreed with every partner agency") == 3
    assert f"And {ISSUE_PAGE_ACTIONS + MORE - 3} more: see the Alliance's actions on C1" in page
    assert page.count("a referral tracker shared by") == 3
    assert "And 5 more examples on C1" in page
    response = client.get(reverse("collation:training-pack-pdf", args=["C1"]))
    assert response.status_code == 200
    assert 1 <= len(pdfium.PdfDocument(response.content)) <= 4
