"""The public trend grid and issue pages, their downloads, caching and query counts."""

from datetime import date

import pytest
from django.urls import reverse

from collation.models import PracticeIssue
from collation.services.reviews import review_publish
from collation.services.trends import review_issues_rebuild
from tests.collation.test_trends import review_showing
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coder(db):
    return UserFactory(username="coder", roles=["analyst"])


@pytest.fixture
def data(board, coder):
    published = review_showing(
        ["C1", "G2"], published_on=date(2016, 3, 1), board=board, coder=coder
    )
    draft = review_showing(
        ["C1", "D4"], published_on=date(2016, 3, 2), board=board, coder=coder, publish=False
    )
    review_issues_rebuild()
    return published, draft


def test_the_grid_shows_every_stage_and_issue_with_figures(client, data):
    response = client.get(reverse("collation:trend-grid"))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count('class="app-trend-grid__stage"') == 7
    assert content.count('class="app-trend-grid__issue app-share-band') == 44
    assert "1 published review." in content
    assert reverse("collation:trend-issue", args=["C1"]) in content


def test_drafts_never_count_in_public_figures(client, data):
    figures = client.get(reverse("collation:trend-grid-json")).json()
    issues = {i["code"]: i for stage in figures["stages"] for i in stage["issues"]}
    assert figures["published_reviews"] == 1
    assert (issues["C1"]["count"], issues["D4"]["count"]) == (1, 0)
    page = client.get(reverse("collation:trend-issue", args=["D4"])).content.decode()
    assert "None yet." in page


def test_the_csv_has_a_row_per_issue(client, data):
    response = client.get(reverse("collation:trend-grid-csv"), {"period": "2016"})
    lines = response.content.decode().strip().splitlines()
    assert response["Content-Disposition"].endswith('trend-grid-2016.csv"')
    assert len(lines) == 45
    assert lines[1].startswith("2016,A,A1,")


def test_a_bad_period_is_a_clear_error_everywhere(client, db):
    page = client.get(reverse("collation:trend-grid"), {"period": "2016-Q7"})
    assert page.status_code == 400 and "quarters Q1–Q4" in page.content.decode()
    assert client.get(reverse("collation:trend-grid-json"), {"period": "soon"}).status_code == 400
    assert client.get(reverse("collation:trend-grid-csv"), {"period": "soon"}).status_code == 400


def test_the_grid_reflects_a_new_publication_at_once_despite_the_cache(
    client, data, manager, django_capture_on_commit_callbacks
):
    _, draft = data
    before = client.get(reverse("collation:trend-grid-json")).json()  # now cached
    assert before["published_reviews"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        review_publish(user=manager, review=draft)
    after = client.get(reverse("collation:trend-grid-json")).json()
    issues = {i["code"]: i for stage in after["stages"] for i in stage["issues"]}
    assert after["published_reviews"] == 2
    assert issues["D4"]["count"] == 1


def test_the_issue_page_shows_causes_counts_excerpts_and_reviews(client, data):
    published, _ = data
    response = client.get(reverse("collation:trend-issue", args=["c1"]))
    content = response.content.decode()
    assert response.status_code == 200
    issue = PracticeIssue.objects.get(code="C1")
    assert issue.title.replace("'", "&#x27;") in content
    for cause in issue.causes.all():
        assert cause.text.capitalize().replace("'", "&#x27;")[:30] in content
    assert published.title in content
    assert "2016" in content


def test_an_unknown_issue_is_404(client, db):
    assert client.get(reverse("collation:trend-issue", args=["Z9"])).status_code == 404


def test_grid_and_issue_pages_make_a_fixed_number_of_queries(
    client, board, coder, django_assert_max_num_queries
):
    from django.core.cache import cache

    def counted(url):
        cache.clear()
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    review_showing(["C1"], published_on=date(2016, 1, 1), board=board, coder=coder)
    review_issues_rebuild()
    small = [
        counted(reverse("collation:trend-grid")),
        counted(reverse("collation:trend-issue", args=["C1"])),
    ]
    for day in range(2, 25):
        review_showing(
            ["C1", "A2", "G3"], published_on=date(2016, 1, day), board=board, coder=coder
        )
    review_issues_rebuild()
    large = [
        counted(reverse("collation:trend-grid")),
        counted(reverse("collation:trend-issue", args=["C1"])),
    ]
    assert small == large


def test_correcting_a_published_review_moves_the_figures_at_once(
    client, data, manager, django_capture_on_commit_callbacks
):
    from collation.services.reviews import review_update

    published, _ = data
    assert (
        client.get(reverse("collation:trend-grid-json"), {"period": "2016"}).json()[
            "published_reviews"
        ]
        == 1
    )
    with django_capture_on_commit_callbacks(execute=True):
        review_update(user=manager, review=published, publication_date=date(2017, 1, 5))
    moved = client.get(reverse("collation:trend-grid-json"), {"period": "2016"}).json()
    assert moved["published_reviews"] == 0


def test_signed_in_people_get_their_own_header_around_the_grid_kept_for_everyone(
    client, data, manager, coder, django_capture_on_commit_callbacks
):
    """The grid and its filters are kept as one public fragment: a signed-in page reuses
    it without a query for the figures or the form, keeps its own navigation, and moves on
    with the public version at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("collation:trend-grid")
    client.force_login(coder)
    first = client.get(url, {"period": "2016"}).content.decode()
    with CaptureQueriesContext(connection) as again:
        second = client.get(url, {"period": "2016"}).content.decode()

    def grid(page: str) -> str:
        return page[page.index("<h1") : page.index("</main>")]

    assert grid(second) == grid(first) and "Verify codings" in second  # their own header
    assert not [q for q in again.captured_queries if "collation_" in q["sql"]]
    client.force_login(manager)
    theirs = client.get(url, {"period": "2016"}).content.decode()
    assert "Verify codings" not in theirs and "Register a review" in theirs
    assert grid(theirs) == grid(first)
    assert "csrfmiddlewaretoken" not in grid(first) and "coder" not in grid(first)

    _, draft = data
    with django_capture_on_commit_callbacks(execute=True):
        review_publish(user=manager, review=draft)
    review_issues_rebuild()
    after = client.get(url, {"period": "2016"}).content.decode()
    assert "2 published reviews" in after and "1 published review" in first


def test_a_bad_period_signed_in_is_an_error_and_is_not_kept(client, coder):
    client.force_login(coder)
    page = client.get(reverse("collation:trend-grid"), {"period": "2016-Q7"})
    assert page.status_code == 400 and "quarters Q1–Q4" in page.content.decode()
    assert page.content.decode().count("<title>Error: ") == 1
    again = client.get(reverse("collation:trend-grid"), {"period": "2016-Q7"})
    assert again.status_code == 400
