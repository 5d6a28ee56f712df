"""The assessment pages for each role, the public included; drafts surviving sign-out."""

import pytest
from django.urls import reverse

from quality_markers.choices import Audience, Point, Rating
from quality_markers.models import Assessment, BoardSharing, MarkerFeedback
from scr_platform.accounts.choices import Role
from scr_platform.disclosure import hidden_reason
from tests.factories import ReviewFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["manager", "reviewer", "other_manager", "analyst", "alliance_member", "administrator"]


@pytest.fixture
def draft(review, reviewer, start):
    return start(reviewer, review, point=Point.SETTING_UP)


@pytest.mark.parametrize(
    "who, status",
    [
        ("reviewer", 200),  # the author and the review's lead reviewer
        ("manager", 200),  # the review's board
        ("administrator", 200),
        ("other_manager", 404),  # another board: not even its existence
        ("analyst", 404),
        ("alliance_member", 404),
    ],
)
@pytest.mark.parametrize("page_name", ["assessment", "assessment-summary"])
def test_who_sees_an_assessment(client, draft, request, who, status, page_name):
    client.force_login(request.getfixturevalue(who))
    assert (
        client.get(reverse(f"quality_markers:{page_name}", args=[draft.pk])).status_code == status
    )


@pytest.mark.parametrize("page_name", ["assessment", "assessment-summary", "assessment-submit"])
def test_the_public_is_asked_to_sign_in(client, draft, page_name):
    response = client.get(reverse(f"quality_markers:{page_name}", args=[draft.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "who, status",
    [
        ("reviewer", 200),
        ("manager", 403),  # sees it, but only its author answers it
        ("administrator", 403),
        ("other_manager", 404),
        ("analyst", 404),
    ],
)
def test_only_the_author_answers_a_draft(client, draft, request, who, status):
    client.force_login(request.getfixturevalue(who))
    url = reverse("quality_markers:rating", args=[draft.pk, 1])
    assert client.get(url).status_code == status
    assert client.post(url, {"rating": Rating.MET}).status_code in (status, 302)
    assert draft.ratings.exists() == (status == 200)


@pytest.mark.parametrize(
    "who, status",
    [
        ("reviewer", 200),
        ("manager", 200),
        ("administrator", 200),
        ("analyst", 403),
        ("alliance_member", 403),
    ],
)
def test_the_assessment_list_is_for_reviewers_and_boards(client, request, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("quality_markers:assessment-list")).status_code == status
    assert client.get(reverse("quality_markers:assessment-start")).status_code == status


def test_the_list_shows_only_what_each_may_see(client, draft, other_manager):
    client.force_login(other_manager)
    assert (
        "NS-2026-01" not in client.get(reverse("quality_markers:assessment-list")).content.decode()
    )


def test_a_lead_reviewer_starts_and_answers_through_the_pages(client, review, reviewer):
    client.force_login(reviewer)
    response = client.post(
        reverse("quality_markers:assessment-start"),
        {"review": review.pk, "point": Point.SETTING_UP, "audience": Audience.LEAD_REVIEWER},
    )
    assessment = Assessment.objects.get()
    assert response.url == reverse("quality_markers:assessment", args=[assessment.pk])
    response = client.post(
        reverse("quality_markers:rating", args=[assessment.pk, 1]),
        {"rating": Rating.PARTLY_MET, "evidence": "Minutes of 3 May", "continue": ""},
    )
    # Save and continue goes to the next marker shown first.
    assert response.url == reverse("quality_markers:rating", args=[assessment.pk, 2])
    assert assessment.ratings.get().evidence == "Minutes of 3 May"


def test_the_start_form_explains_each_mistake(client, review, reviewer, other_board):

    elsewhere = ReviewFactory(board=other_board)
    client.force_login(reviewer)
    response = client.post(reverse("quality_markers:assessment-start"), {"review": elsewhere.pk})
    content = response.content.decode()
    assert "Choose one of the reviews you lead or your board holds." in content
    assert "Choose when in the review this assessment is made." in content
    assert "Choose whose perspective this assessment is made from." in content
    assert not Assessment.objects.exists()


def test_a_rating_left_out_is_named_and_nothing_saved(client, draft, reviewer):
    client.force_login(reviewer)
    response = client.post(
        reverse("quality_markers:rating", args=[draft.pk, 1]), {"evidence": "Some"}
    )
    assert response.status_code == 200
    assert "Choose whether the marker was met." in response.content.decode()
    assert not draft.ratings.exists()


def test_a_half_finished_draft_survives_signing_out(client, draft, reviewer):
    client.force_login(reviewer)
    client.post(
        reverse("quality_markers:rating", args=[draft.pk, 1]),
        {"rating": Rating.NOT_MET, "hindered": "Late referral", "later": ""},
    )
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("quality_markers:assessment", args=[draft.pk])).status_code == 302

    client.force_login(reviewer)
    page = client.get(reverse("quality_markers:assessment", args=[draft.pk])).content.decode()
    assert "Not met" in page and "Draft" in page
    form = client.get(reverse("quality_markers:rating", args=[draft.pk, 1])).content.decode()
    assert "Late referral" in form


def test_submitting_too_early_lists_what_is_missing(client, draft, reviewer):
    client.force_login(reviewer)
    response = client.post(reverse("quality_markers:assessment-submit", args=[draft.pk]))
    assert response.status_code == 200
    assert "Answer every marker for this point before submitting" in response.content.decode()
    draft.refresh_from_db()
    assert draft.is_draft


def test_submitting_leads_to_the_summary(client, draft, reviewer, fill):
    fill(draft, submit=False)
    client.force_login(reviewer)
    response = client.post(reverse("quality_markers:assessment-submit", args=[draft.pk]))
    assert response.url == reverse("quality_markers:assessment-summary", args=[draft.pk])
    draft.refresh_from_db()
    assert not draft.is_draft


def test_comparing_needs_two_of_the_same_review(client, review, reviewer, start, board):

    first = start(reviewer, review, point=Point.SETTING_UP)
    second = start(reviewer, review, point=Point.RETROSPECTIVE)
    other = start(reviewer, ReviewFactory(board=board, lead_reviewer=reviewer))
    client.force_login(reviewer)
    url = reverse("quality_markers:assessment-compare")
    page = client.get(url, {"left": second.pk, "right": first.pk})
    assert page.status_code == 200
    content = page.content.decode()
    # The earlier point is on the left whichever way round they were asked for.
    assert content.index("Setting up the review") < content.index("Looking back")
    refused = client.get(url, {"left": first.pk, "right": other.pk}, follow=True)
    assert "only compare assessments of the same review" in refused.content.decode()
    assert client.get(url, {"left": "x"}).status_code == 404


@pytest.mark.parametrize(
    "who, status",
    [("manager", 200), ("administrator", 200), ("other_manager", 403), ("reviewer", 403)],
)
def test_the_board_summary_is_the_boards(client, board, request, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("quality_markers:board", args=[board.pk])).status_code == status


def test_a_manager_chooses_to_share_and_the_national_page_counts_it(
    client, board, manager, review, reviewer, start, fill
):
    fill(start(reviewer, review, point=Point.SETTING_UP), ratings=(Rating.NOT_MET,))
    national = reverse("quality_markers:national")
    assert "No board has shared" in client.get(national).content.decode()

    client.force_login(manager)
    url = reverse("quality_markers:board", args=[board.pk])
    refused = client.post(url, {})
    assert "Choose whether to share your board" in refused.content.decode()
    assert not BoardSharing.objects.exists()
    client.post(url, {"shares_nationally": "yes"})
    client.logout()

    content = client.get(national).content.decode()
    # One board's one assessment: every figure would be that board's own.
    assert hidden_reason() in content
    assert "From 1 submitted assessment" not in content and "Not met" not in content
    assert board.name not in content and review.reference not in content


def _row(content: str, after: str, number: int) -> str:
    """The table row of marker ``number`` in the first table after the text ``after``."""
    table = content.split(after, 1)[1]
    head = f'<th scope="row" class="govuk-table__header">{number}. '
    return table.split(head, 1)[1].split("</tr>", 1)[0]


def test_the_national_page_hides_each_thin_figure_and_says_why(client, shared):
    shared(boards=3, per_board=2, point=Point.SETTING_UP)  # markers 1-5: 3 boards, 6
    shared(boards=1, per_board=1, point=Point.DURING)  # markers 6-13: 1 board, 1
    content = client.get(reverse("quality_markers:national")).content.decode()
    assert "From 7 submitted assessments of 7 reviews by 4 boards." in content
    referral = _row(content, "Every marker", 1)  # rated not met in all six
    assert ">6</td>" in referral and hidden_reason() not in referral
    sixth = _row(content, "Every marker", 6)
    assert hidden_reason() in sixth and "govuk-table__cell--numeric" not in sixth
    most_often = content.split("Markers most often not met", 1)[1].split("</table>", 1)[0]
    assert ">1. " in most_often and ">6. " not in most_often


def test_no_shown_marker_not_met_does_not_claim_none_was(client, shared):
    shared(boards=3, per_board=2, point=Point.SETTING_UP, ratings=(Rating.MET,))
    shared(boards=1, per_board=1, point=Point.DURING, ratings=(Rating.NOT_MET,))
    content = client.get(reverse("quality_markers:national")).content.decode()
    assert "None of the markers shown has been rated not met." in content
    assert "No marker has been rated not met." not in content


def test_another_board_cannot_change_the_sharing(client, board, other_manager):
    client.force_login(other_manager)
    url = reverse("quality_markers:board", args=[board.pk])
    assert client.post(url, {"shares_nationally": "yes"}).status_code == 403
    assert not BoardSharing.objects.exists()


def test_the_public_reads_the_national_summary_but_not_a_boards(client, board):
    assert client.get(reverse("quality_markers:national")).status_code == 200
    response = client.get(reverse("quality_markers:board", args=[board.pk]))
    assert response.status_code == 302


@pytest.mark.parametrize("who", ["reviewer", "analyst", "alliance_member", "manager"])
def test_anyone_signed_in_can_comment_on_a_marker(client, request, who):
    from quality_markers.selectors import framework_current

    marker = framework_current().markers.get(number=3)
    client.force_login(request.getfixturevalue(who))
    url = reverse("quality_markers:marker-feedback", args=[marker.pk])
    response = client.post(url, {"usefulness": "quite", "comment": "Prompts need examples."})
    assert response.status_code == 302
    assert MarkerFeedback.objects.get().marker == marker


def test_feedback_needs_a_rating_and_a_comment_and_a_sign_in(client, reviewer):
    from quality_markers.selectors import framework_current

    marker = framework_current().markers.get(number=3)
    url = reverse("quality_markers:marker-feedback", args=[marker.pk])
    assert client.get(url).status_code == 302
    client.force_login(reviewer)
    content = client.post(url, {"comment": "  "}).content.decode()
    assert "Choose how useful the marker is." in content
    assert "Enter your comment on the marker." in content
    assert not MarkerFeedback.objects.exists()


def test_administrators_read_feedback_when_revising(client, administrator, reviewer):
    from quality_markers.selectors import framework_current
    from quality_markers.services import marker_feedback_create

    framework = framework_current()
    marker_feedback_create(
        user=reviewer,
        marker=framework.markers.get(number=3),
        usefulness="not_very",
        comment="Unclear who decides",
    )
    client.force_login(administrator)
    page = client.get(reverse("admin:quality_markers_framework_change", args=[framework.pk]))
    assert "Unclear who decides" in page.content.decode()


def test_the_assessment_list_makes_a_fixed_number_of_queries(
    client, board, manager, reviewer, start, django_assert_max_num_queries
):

    for number in range(5):
        start(manager, ReviewFactory(board=board, lead_reviewer=reviewer, reference=f"R{number}"))
    client.force_login(manager)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("quality_markers:assessment-list")).status_code == 200


def test_a_lead_reviewer_account_can_be_named_on_a_review(client, manager, board):

    review = ReviewFactory(board=board)
    UserFactory(username="lead", first_name="Lee", last_name="Lead", roles=[Role.LEAD_REVIEWER])
    client.force_login(manager)
    form = client.get(reverse("collation:review-edit", args=[review.pk])).content.decode()
    assert "Lee Lead" in form


def test_an_error_on_a_radio_group_links_to_its_first_option(client, draft, reviewer):
    client.force_login(reviewer)
    content = client.post(reverse("quality_markers:rating", args=[draft.pk, 1]), {}).content
    assert 'href="#id_rating_0">Choose whether the marker was met.' in content.decode()
    assert 'id="id_rating_0"' in content.decode()


def test_read_only_pages_refuse_a_post_with_405(client, reviewer, assessment):
    client.force_login(reviewer)
    for url in [
        reverse("quality_markers:framework"),
        reverse("quality_markers:national"),
        reverse("quality_markers:assessment-list"),
        reverse("quality_markers:assessment", args=[assessment.pk]),
        reverse("quality_markers:assessment-summary", args=[assessment.pk]),
        reverse("quality_markers:assessment-compare")
        + f"?left={assessment.pk}&right={assessment.pk}",
    ]:
        assert client.post(url).status_code == 405, url
        assert client.get(url).status_code == 200, url


def test_the_public_is_still_sent_to_sign_in_first(client, assessment):
    url = reverse("quality_markers:assessment", args=[assessment.pk])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
