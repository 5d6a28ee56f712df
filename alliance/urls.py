"""Alliance: page addresses, under /alliance/ and /summits/ (stable addresses)."""

from django.urls import path
from django.views.decorators.http import require_GET

from .views import actions, feeds, good_practice, groups, meetings, practitioners, summits

app_name = "alliance"

urlpatterns = [
    path("alliance/", actions.action_list_view, name="action-list"),
    path("alliance/overdue/", actions.OverdueListView.as_view(), name="action-overdue"),
    path("alliance/updates.atom", require_GET(feeds.ActionUpdatesFeed()), name="updates-feed"),
    path("alliance/updates.csv", feeds.updates_csv_view, name="updates-csv"),
    path(
        "alliance/issues/<str:code>/updates.atom",
        # Feeds answer any method unless told: a POST is refused, as on every read-only page.
        require_GET(feeds.IssueUpdatesFeed()),
        name="issue-updates-feed",
    ),
    path("alliance/actions/new/", actions.ActionCreateView.as_view(), name="action-create"),
    path("alliance/actions/<int:pk>/", actions.action_detail_view, name="action-detail"),
    path("alliance/actions/<int:pk>/edit/", actions.ActionEditView.as_view(), name="action-edit"),
    path(
        "alliance/actions/<int:pk>/progress/",
        actions.ProgressUpdateView.as_view(),
        name="action-progress",
    ),
    path(
        "alliance/actions/<int:pk>/evidence/",
        actions.ImpactEvidenceView.as_view(),
        name="action-evidence",
    ),
    path(
        "alliance/actions/<int:pk>/publish/",
        actions.ActionPublishView.as_view(),
        name="action-publish",
    ),
    path("alliance/members/", groups.organisation_list_view, name="organisation-list"),
    path(
        "alliance/members/<slug:slug>/",
        groups.organisation_detail_view,
        name="organisation-detail",
    ),
    path("alliance/working-groups/", groups.working_group_list_view, name="working-group-list"),
    path(
        "alliance/working-groups/new/",
        groups.WorkingGroupEditView.as_view(),
        name="working-group-create",
    ),
    path(
        "alliance/working-groups/<slug:slug>/",
        groups.working_group_detail_view,
        name="working-group-detail",
    ),
    path(
        "alliance/working-groups/<slug:slug>/edit/",
        groups.WorkingGroupEditView.as_view(),
        name="working-group-edit",
    ),
    path("alliance/meetings/", meetings.MeetingListView.as_view(), name="meeting-list"),
    path("alliance/meetings/new/", meetings.MeetingEditView.as_view(), name="meeting-create"),
    path(
        "alliance/meetings/<int:pk>/", meetings.MeetingDetailView.as_view(), name="meeting-detail"
    ),
    path(
        "alliance/meetings/<int:pk>/edit/", meetings.MeetingEditView.as_view(), name="meeting-edit"
    ),
    path(
        "alliance/meetings/<int:pk>/decisions/new/",
        meetings.DecisionEditView.as_view(),
        name="decision-create",
    ),
    path(
        "alliance/meetings/<int:pk>/decisions/<int:decision_pk>/edit/",
        meetings.DecisionEditView.as_view(),
        name="decision-edit",
    ),
    path(
        "alliance/good-practice/",
        good_practice.good_practice_list_view,
        name="good-practice-list",
    ),
    path(
        "alliance/good-practice/new/",
        good_practice.GoodPracticeEditView.as_view(),
        name="good-practice-create",
    ),
    path(
        "alliance/good-practice/<int:pk>/",
        good_practice.good_practice_detail_view,
        name="good-practice-detail",
    ),
    path(
        "alliance/good-practice/<int:pk>/edit/",
        good_practice.GoodPracticeEditView.as_view(),
        name="good-practice-edit",
    ),
    # Digital summits: practitioners' voice on practice issues.
    path("summits/", summits.summit_list_view, name="summit-list"),
    path("summits/new/", summits.SummitOpenView.as_view(), name="summit-create"),
    path("summits/mine/", summits.MyContributionsView.as_view(), name="summit-mine"),
    path("summits/moderation/", summits.ModerationQueueView.as_view(), name="summit-moderation"),
    path("summits/<int:pk>/", summits.summit_detail_view, name="summit-detail"),
    path(
        "summits/<int:pk>/contribute/", summits.ContributeView.as_view(), name="summit-contribute"
    ),
    path("summits/<int:pk>/summary/", summits.SummitSummaryView.as_view(), name="summit-summary"),
    path("summits/<int:pk>/advance/", summits.SummitAdvanceView.as_view(), name="summit-advance"),
    path(
        "summits/contributions/<int:pk>/withdraw/",
        summits.WithdrawView.as_view(),
        name="contribution-withdraw",
    ),
    path(
        "summits/contributions/<int:pk>/report/",
        summits.ReportView.as_view(),
        name="contribution-report",
    ),
    path(
        "summits/contributions/<int:pk>/approve/",
        summits.ApproveView.as_view(),
        name="contribution-approve",
    ),
    path(
        "summits/contributions/<int:pk>/reject/",
        summits.RejectView.as_view(),
        name="contribution-reject",
    ),
    path("summits/register/", practitioners.RegisterView.as_view(), name="practitioner-register"),
    path(
        "summits/register/check-email/",
        practitioners.check_email_view,
        name="practitioner-check-email",
    ),
    path("summits/verify/", practitioners.ResendView.as_view(), name="practitioner-resend"),
    path(
        "summits/verify/<str:token>/",
        practitioners.verify_view,
        name="practitioner-verify",
    ),
]
