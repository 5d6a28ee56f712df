"""Analysts keep the taxonomy in the app; nothing is deleted, everything is audited."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from collation.models import Cause, PracticeIssue, Stage
from collation.services.taxonomy import issue_retire, issue_save, stage_save

pytestmark = pytest.mark.django_db


def test_an_analyst_adds_an_issue_with_causes(analyst):
    stage = Stage.objects.get(code="C")
    issue = issue_save(
        user=analyst,
        code="c9",
        stage=stage,
        title="Referrals lost in transit",
        causes=["no acknowledgement", "", "email only"],
    )
    assert issue.code == "C9"
    assert list(stage.issues.values_list("code", flat=True))[-1] == "C9"  # last in its column
    assert list(issue.causes.values_list("text", flat=True)) == ["no acknowledgement", "email only"]
    assert LogEntry.objects.get_for_object(issue).filter(action=LogEntry.Action.CREATE).exists()


def test_removing_a_cause_retires_it_and_keeps_the_rest(analyst):
    issue = PracticeIssue.objects.get(code="C1")
    before = list(issue.causes.values_list("text", flat=True))
    issue_save(
        user=analyst,
        issue=issue,
        code="C1",
        stage=issue.stage,
        title=issue.title,
        causes=[*before[1:], "a new cause"],
    )
    assert Cause.objects.get(issue=issue, text=before[0]).retired_at is not None
    assert issue.causes.filter(retired_at__isnull=True).count() == len(before)


@pytest.mark.parametrize(
    ("code", "stage", "field", "message"),
    [
        ("X", "C", "code", "Enter a code like C9"),
        ("D9", "C", "code", "starting C"),
        ("C1", "C", "code", "There is already an issue C1."),
    ],
)
def test_bad_issues_get_their_own_message(analyst, code, stage, field, message):
    with pytest.raises(ValidationError) as error:
        issue_save(
            user=analyst, code=code, stage=Stage.objects.get(code=stage), title="T", causes=[]
        )
    assert message in error.value.message_dict[field][0]


def test_retiring_keeps_the_issue_and_hides_it_from_the_grid(analyst, client):
    issue = issue_retire(user=analyst, issue=PracticeIssue.objects.get(code="A1"))
    assert issue.is_retired and PracticeIssue.objects.filter(code="A1").exists()
    content = client.get(reverse("collation:trend-grid")).content.decode()
    assert reverse("collation:trend-issue", args=["A1"]) not in content
    issue_retire(user=analyst, issue=issue, retire=False)
    assert not PracticeIssue.objects.get(code="A1").is_retired


def test_a_new_stage_becomes_a_column(analyst):
    stage = stage_save(user=analyst, code="h", title="Learning and improvement")
    assert (stage.code, stage.position) == ("H", 8)
    with pytest.raises(ValidationError):
        stage_save(user=analyst, code="H", title="Again")


@pytest.mark.parametrize("who", ["manager", "reviewer", "alliance_member"])
def test_only_analysts_keep_the_taxonomy(who, request, client):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        stage_save(user=user, code="H", title="No")
    client.force_login(user)
    assert client.get(reverse("collation:taxonomy")).status_code == 403


def test_the_pages_add_and_change_issues(client, analyst):
    client.force_login(analyst)
    assert client.get(reverse("collation:taxonomy")).status_code == 200
    stage = Stage.objects.get(code="G")
    response = client.post(
        reverse("collation:taxonomy-issue-new"),
        {"stage": stage.pk, "code": "G9", "title": "Handover notes missing", "causes": "x\ny"},
    )
    assert response.status_code == 302
    added = PracticeIssue.objects.get(code="G9")
    assert added.causes.count() == 2
    # Made through a page, the change is traced to the analyst.
    assert LogEntry.objects.get_for_object(added).get().actor == analyst
    bad = client.post(
        reverse("collation:taxonomy-issue-new"), {"stage": stage.pk, "code": "", "title": ""}
    )
    assert bad.status_code == 400 and "There is a problem" in bad.content.decode()
    client.post(reverse("collation:taxonomy-issue-edit", args=["G9"]), {"retire": "1"})
    assert PracticeIssue.objects.get(code="G9").is_retired
