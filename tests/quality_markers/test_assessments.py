"""Assessments: who may make them, drafts, submission, versions, comparison."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from quality_markers.choices import AssessmentStatus, Point, Rating
from quality_markers.models import Assessment, MarkerRating
from quality_markers.selectors import assessment_markers, assessments_compare, framework_current
from quality_markers.services import (
    assessment_submit,
    framework_new_version,
    rating_save,
)

pytestmark = pytest.mark.django_db


def test_a_lead_reviewer_starts_a_draft_against_the_current_version(review, reviewer, start):
    assessment = start(reviewer, review)
    assert assessment.status == AssessmentStatus.DRAFT
    assert assessment.framework == framework_current()


def test_the_same_point_cannot_be_started_twice_by_the_same_person(review, reviewer, start):
    start(reviewer, review)
    with pytest.raises(ValidationError, match="already started"):
        start(reviewer, review)
    assert Assessment.objects.count() == 1


@pytest.mark.parametrize("who", ["other_manager", "analyst", "alliance_member"])
def test_only_the_board_the_lead_reviewer_and_administrators_assess(review, start, request, who):
    with pytest.raises(PermissionDenied):
        start(request.getfixturevalue(who), review)
    assert not Assessment.objects.exists()


def test_a_reviewer_who_does_not_lead_the_review_cannot_assess_it(review, start):
    from scr_platform.accounts.choices import Role
    from tests.factories import UserFactory

    stranger = UserFactory(username="another-reviewer", roles=[Role.LEAD_REVIEWER])
    with pytest.raises(PermissionDenied):
        start(stranger, review)


def test_setting_up_shows_the_setting_up_markers_first(review, manager, start):
    assessment = start(manager, review, point=Point.SETTING_UP)
    markers = assessment_markers(assessment=assessment)
    assert {row.marker.stage for row in markers.first} == {"Setting up"}
    assert len(markers.first) + len(markers.others) == 18
    retrospective = start(manager, review, point=Point.RETROSPECTIVE)
    assert len(assessment_markers(assessment=retrospective).first) == 18


def test_markers_for_another_audience_wait_until_asked_for(review, reviewer, start):
    framework_current().markers.filter(number=2).update(audiences=["chair"])
    markers = assessment_markers(assessment=start(reviewer, review))
    assert 2 not in [row.marker.number for row in markers.first]
    assert [row.marker.number for row in markers.others] == [2]


def test_a_bad_rating_is_refused_and_nothing_is_saved(review, reviewer, start):
    assessment = start(reviewer, review)
    marker = assessment.framework.markers.get(number=1)
    with pytest.raises(ValidationError, match="Choose whether the marker was met"):
        rating_save(user=reviewer, assessment=assessment, marker=marker, rating="excellent")
    assert not MarkerRating.objects.exists()


def test_a_marker_from_another_version_is_refused(review, reviewer, start):
    assessment = start(reviewer, review)
    other = framework_new_version(framework=assessment.framework).markers.get(number=1)
    with pytest.raises(ValidationError, match="another version"):
        rating_save(user=reviewer, assessment=assessment, marker=other, rating=Rating.MET)


def test_submitting_needs_every_marker_shown_first(review, reviewer, start, fill):
    assessment = start(reviewer, review, point=Point.SETTING_UP)
    first = assessment_markers(assessment=assessment).first
    rating_save(user=reviewer, assessment=assessment, marker=first[0].marker, rating=Rating.MET)
    with pytest.raises(ValidationError, match=first[1].marker.title):
        assessment_submit(user=reviewer, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.is_draft and assessment.submitted_at is None
    fill(assessment)
    assert assessment.status == AssessmentStatus.SUBMITTED and assessment.submitted_at


def test_a_submitted_assessment_is_a_record_no_one_changes(review, reviewer, start, fill):
    assessment = fill(start(reviewer, review, point=Point.SETTING_UP))
    marker = assessment.framework.markers.get(number=1)
    with pytest.raises(PermissionDenied):
        rating_save(user=reviewer, assessment=assessment, marker=marker, rating=Rating.NOT_MET)
    with pytest.raises(PermissionDenied):
        assessment_submit(user=reviewer, assessment=assessment)
    assert assessment.ratings.get(marker=marker).rating == Rating.MET


def test_only_the_author_edits_a_draft(review, reviewer, manager, start):
    assessment = start(reviewer, review)
    marker = assessment.framework.markers.get(number=1)
    with pytest.raises(PermissionDenied):
        rating_save(user=manager, assessment=assessment, marker=marker, rating=Rating.MET)


def test_a_new_version_never_rewrites_past_assessments(client, review, reviewer, start, fill):
    old = fill(start(reviewer, review, point=Point.SETTING_UP))
    new_version = framework_new_version(framework=old.framework)
    new_version.markers.filter(number=1).update(title="Referral and notification")
    new_version.published_at = timezone.now()
    new_version.save()

    assert old.ratings.get(marker__number=1).marker.title == "Referral"
    client.force_login(reviewer)
    page = client.get(reverse("quality_markers:assessment-summary", args=[old.pk]))
    assert "1. Referral</th>" in page.content.decode()
    assert "Referral and notification" not in page.content.decode()

    later = start(reviewer, review, point=Point.RETROSPECTIVE)
    assert later.framework == new_version
    assert later.framework.markers.get(number=1).title == "Referral and notification"


def test_two_points_compare_marker_by_marker(review, reviewer, start, fill):
    before = fill(start(reviewer, review, point=Point.SETTING_UP), ratings=(Rating.NOT_MET,))
    after = fill(start(reviewer, review, point=Point.RETROSPECTIVE), ratings=(Rating.MET,))
    rows = assessments_compare(left=before, right=after)
    assert len(rows) == 18
    first = rows[0]
    assert (first.left.rating, first.right.rating, first.changed) == (
        Rating.NOT_MET,
        Rating.MET,
        True,
    )
    # A marker only looked at afterwards is a change from "not answered".
    last = rows[-1]
    assert last.left is None and last.right.rating == Rating.MET and last.changed
