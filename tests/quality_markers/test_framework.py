"""The Quality Markers framework: loaded from the reference data, public, versioned."""

import pytest
from django.urls import reverse

from quality_markers.models import Framework, Marker
from quality_markers.selectors import framework_current, markers_by_stage
from quality_markers.services import framework_new_version

pytestmark = pytest.mark.django_db


def test_version_1_holds_the_18_markers_in_three_stages():
    framework = framework_current()
    assert framework.version == 1 and framework.markers.count() == 18
    stages = markers_by_stage(framework=framework)
    assert [stage for stage, _ in stages] == ["Setting up", "Running the review", "Outputs"]
    assert stages[0][1][0].title == "Referral"


def test_the_public_reads_the_markers(client):
    content = client.get(reverse("quality_markers:framework")).content.decode()
    assert "1. Referral" in content and "Setting up" in content


def test_an_audience_sees_its_markers_and_those_for_everyone(client):
    framework = framework_current()
    Marker.objects.filter(framework=framework, number=1).update(audiences=["chair"])
    for_reviewers = markers_by_stage(framework=framework, audience="lead_reviewer")
    assert sum(len(markers) for _, markers in for_reviewers) == 17
    page = client.get(reverse("quality_markers:framework"), {"audience": "chair"})
    assert "1. Referral" in page.content.decode()
    # An unknown audience shows everything rather than failing.
    assert client.get(reverse("quality_markers:framework"), {"audience": "x"}).status_code == 200


def test_a_new_version_is_a_draft_copy_and_never_changes_the_old_wording():
    old = framework_current()
    draft = framework_new_version(framework=old)
    assert (draft.version, draft.published_at, draft.markers.count()) == (2, None, 18)
    draft.markers.filter(number=1).update(title="Referral and notification")
    assert framework_current() == old  # unpublished drafts are not current
    assert old.markers.get(number=1).title == "Referral"
    assert Framework.objects.count() == 2
