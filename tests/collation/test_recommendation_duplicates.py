"""Duplicate and near-duplicate recommendations: the detector, its accuracy, and where they show."""

import pytest
from django.urls import reverse

from collation.analysis.recommendation_duplicates import (
    CHOSEN_METHOD,
    CHOSEN_THRESHOLD,
    RecommendationText,
    duplicate_groups,
    duplicates_find,
    normalise,
    pair_scores,
)
from collation.models import Recommendation, Review
from collation.selectors.recommendation_duplicates import (
    published_duplicate_groups,
    review_duplicate_warnings,
)
from tests.collation.recommendation_pairs import (
    TARGET_PRECISION,
    TARGET_RECALL,
    labelled_pairs,
    score_method,
)
from tests.factories import DocumentFactory, ReviewFactory

NEGLECT = "The LSCB should seek assurance that all agencies have embedded the neglect toolkit."
NEGLECT_AGAIN = (
    "Recommendation 4: The LSCB must seek assurance that all agencies have embedded the "
    "neglect toolkit"
)
SAFE_SLEEP = (
    "The safeguarding partnership should promote safe sleep advice to all parents of babies."
)
SAFE_SLEEP_CLOSE = (
    "The Safeguarding Partnership should promote safe sleeping advice to parents of babies."
)
THRESHOLDS_DOC = "The LSCB should seek assurance that agencies understand the threshold document."
SECRET_DRAFT = (
    "Health visitors should weigh babies at each contact where there are concerns about neglect."
)


def item(key, text):
    return RecommendationText(key, text)


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("Recommendation 3: The LSCB should audit plans.", "lscb audit plans"),
        ("(b) Schools must refer children.", "schools refer children"),
        ("ii) Police should share notes", "police share notes"),
        ("4.2 Children's social care should act.", "children s social care act"),
        ("", ""),
    ],
)
def test_normalising_removes_numbering_punctuation_and_shared_words(written, normalised):
    assert normalise(written) == normalised


def test_a_reworded_recommendation_is_found_within_a_report():
    pairs = duplicates_find([item(1, NEGLECT), item(2, SAFE_SLEEP), item(3, NEGLECT_AGAIN)])
    assert [(pair.first.key, pair.second.key) for pair in pairs] == [(1, 3)]
    assert pairs[0].is_repeat


def test_a_close_but_reworded_one_is_not_called_a_repeat():
    (pair,) = duplicates_find([item(1, SAFE_SLEEP), item(2, SAFE_SLEEP_CLOSE)])
    assert not pair.is_repeat


def test_candidates_are_compared_with_other_reports_but_those_not_with_each_other():
    against = [
        item(10, SAFE_SLEEP_CLOSE),
        item(11, SAFE_SLEEP),
        item(12, THRESHOLDS_DOC),
    ]
    pairs = duplicates_find([item(1, SAFE_SLEEP)], against)
    # 10 and 11 are near-duplicates of each other too, but that is not the candidate's business.
    assert sorted(pair.second.key for pair in pairs) == [10, 11]
    assert all(pair.first.key == 1 for pair in pairs)


def test_same_topic_different_action_is_not_a_duplicate():
    assert duplicates_find([item(1, NEGLECT), item(2, THRESHOLDS_DOC)]) == []


def test_the_threshold_decides_near_duplicates():
    candidates = [item(1, SAFE_SLEEP), item(2, SAFE_SLEEP_CLOSE)]
    assert duplicates_find(candidates, threshold=CHOSEN_THRESHOLD)
    assert duplicates_find(candidates, threshold=100) == []


def test_nothing_to_compare_finds_nothing():
    assert duplicates_find([]) == []
    assert duplicates_find([item(1, NEGLECT)]) == []
    assert duplicates_find([item(1, "Recommendation 1:"), item(2, "(a)")]) == []


def test_chained_pairs_make_one_group():
    a, b, c, d = (
        item(n, text) for n, text in enumerate([NEGLECT, NEGLECT_AGAIN, NEGLECT, THRESHOLDS_DOC])
    )
    groups = duplicate_groups(duplicates_find([a, b, c, d]))
    assert len(groups) == 1 and {member.key for member in groups[0]} == {0, 1, 2}


def test_the_labelled_set_is_large_enough_and_balanced():
    pairs = labelled_pairs()
    assert len(pairs) >= 60
    assert 0.3 < sum(pair["duplicate"] for pair in pairs) / len(pairs) < 0.7


def test_the_prefilter_loses_no_pair_the_scorer_would_find_on_the_labelled_set():
    pairs = labelled_pairs()
    texts = [text for pair in pairs for text in (pair["a"], pair["b"])]
    items = [item(index, text) for index, text in enumerate(texts)]
    found = {(pair.first.key, pair.second.key) for pair in duplicates_find(items)}
    scores = pair_scores([(pair["a"], pair["b"]) for pair in pairs])
    called = {
        (2 * index, 2 * index + 1)
        for index, score in enumerate(scores)
        if score >= CHOSEN_THRESHOLD
    }
    assert called and called <= found


def test_the_chosen_method_meets_the_accuracy_target_on_the_labelled_set():
    score = score_method(CHOSEN_METHOD, [CHOSEN_THRESHOLD])[0]
    assert score.precision >= TARGET_PRECISION, score
    assert score.recall >= TARGET_RECALL, score


def recommend(review, *texts, start=1):
    document = review.documents.first() or DocumentFactory(review=review)
    for number, text in enumerate(texts, start=start):
        Recommendation.objects.create(
            document=document, position=number, number=number, text=text, page=1
        )
    return review


@pytest.fixture
def published_elsewhere(other_board):
    review = ReviewFactory(board=other_board, title="Serious Case Review: Child Q", publish=True)
    return recommend(review, THRESHOLDS_DOC, SAFE_SLEEP_CLOSE)


@pytest.fixture
def draft_elsewhere(other_board):
    review = ReviewFactory(board=other_board, title="Southshire draft: Child Z")
    return recommend(review, SECRET_DRAFT)


@pytest.fixture
def draft(board):
    review = ReviewFactory(board=board, title="Northshire draft: Child N")
    return recommend(
        review,
        "Schools should ensure designated safeguarding leads receive supervision.",
        NEGLECT,
        SECRET_DRAFT,
        NEGLECT_AGAIN,
        SAFE_SLEEP,
    )


@pytest.mark.django_db
def test_warnings_name_repeats_within_the_report_and_published_reviews_only(
    draft, published_elsewhere, draft_elsewhere
):
    messages = [warning.message for warning in review_duplicate_warnings(review=draft)]
    assert messages == [
        "Recommendation 4 repeats recommendation 2 of this report",
        "Recommendation 5 is close to recommendation 2 of Serious Case Review: Child Q",
    ]


@pytest.mark.django_db
def test_the_publish_page_shows_the_warnings_without_blocking(
    client, manager, draft, published_elsewhere, draft_elsewhere
):
    client.force_login(manager)
    url = reverse("collation:review-publish", args=[draft.pk])
    content = client.get(url).content.decode()
    assert "Recommendation 4 repeats recommendation 2 of this report" in content
    assert (
        "Recommendation 5 is close to recommendation 2 of Serious Case Review: Child Q" in content
    )
    assert "You can still publish" in content
    # Recommendation 3 matches only the other board's draft: neither it nor its title shows.
    assert "Southshire draft" not in content and "Recommendation 3" not in content
    assert client.post(url).status_code == 302
    assert Review.objects.get(pk=draft.pk).status == "published"


@pytest.mark.django_db
def test_the_publish_page_has_no_warning_when_nothing_repeats(client, manager, board):
    review = recommend(ReviewFactory(board=board), NEGLECT, SAFE_SLEEP)
    client.force_login(manager)
    content = client.get(reverse("collation:review-publish", args=[review.pk])).content.decode()
    assert "duplicate-recommendations" not in content


@pytest.mark.django_db
def test_the_analysis_groups_near_duplicates_of_published_reviews_only(
    board, published_elsewhere, draft_elsewhere
):
    recommend(
        ReviewFactory(board=board, title="Serious Case Review: Child P", publish=True),
        SAFE_SLEEP,
        SECRET_DRAFT,
    )
    groups = published_duplicate_groups()
    assert [[(r.document.review.title, r.number) for r in group] for group in groups] == [
        [("Serious Case Review: Child P", 1), ("Serious Case Review: Child Q", 2)]
    ]


@pytest.mark.django_db
def test_the_analysis_page_lists_the_groups_and_no_draft(
    client, board, published_elsewhere, draft_elsewhere
):
    recommend(
        ReviewFactory(board=board, title="Serious Case Review: Child P", publish=True), SAFE_SLEEP
    )
    recommend(ReviewFactory(board=board, title="Northshire draft two"), SAFE_SLEEP)
    content = client.get(reverse("collation:recommendation-analysis")).content.decode()
    section = content[content.index('id="duplicates"') :]
    assert "Serious Case Review: Child P</a>, recommendation 1" in section
    assert "Serious Case Review: Child Q</a>, recommendation 2" in section
    assert "Northshire draft two" not in content and "Southshire draft" not in content


@pytest.mark.django_db
def test_the_analysis_page_says_when_none_are_found(client):
    content = client.get(reverse("collation:recommendation-analysis")).content.decode()
    assert "None found." in content


@pytest.mark.django_db
def test_the_cached_analysis_page_follows_a_publication(
    client, manager, draft, published_elsewhere, django_capture_on_commit_callbacks
):
    url = reverse("collation:recommendation-analysis")
    assert "None found." in client.get(url).content.decode()
    client.force_login(manager)
    # Inside the test's transaction nothing commits: run the version bump as a commit would.
    with django_capture_on_commit_callbacks(execute=True):
        publish = client.post(reverse("collation:review-publish", args=[draft.pk]))
    assert publish.status_code == 302
    client.logout()
    section = client.get(url).content.decode().split('id="duplicates"')[1]
    assert "Northshire draft: Child N</a>, recommendation 5" in section
    assert "Serious Case Review: Child Q</a>, recommendation 2" in section


@pytest.mark.django_db
def test_a_refused_publication_still_shows_the_warnings_and_changes_nothing(client, manager, draft):
    draft.documents.update(status="processing")
    client.force_login(manager)
    response = client.post(reverse("collation:review-publish", args=[draft.pk]))
    content = response.content.decode()
    assert response.status_code == 400
    assert "is still being processed" in content
    assert "Recommendation 4 repeats recommendation 2 of this report" in content
    assert Review.objects.get(pk=draft.pk).status == "draft"
