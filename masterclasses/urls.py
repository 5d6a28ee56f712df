"""Reviewer development: page addresses (/reviewers/, /masterclasses/, /cpd/)."""

from django.urls import path

from .views import allocation, catalogue, cpd, directory, feedback

app_name = "masterclasses"

urlpatterns = [
    # The directory.
    path("reviewers/", directory.directory_view, name="directory"),
    path("reviewers/your-profile/", directory.ProfileEditView.as_view(), name="profile-edit"),
    path("reviewers/<int:pk>/", directory.reviewer_detail_view, name="reviewer-detail"),
    # The public catalogue, applications and places.
    path("masterclasses/", catalogue.catalogue_view, name="catalogue"),
    path("masterclasses/topics/<slug:slug>/", catalogue.topic_detail_view, name="topic-detail"),
    path("masterclasses/yours/", catalogue.YourMasterclassesView.as_view(), name="yours"),
    path("masterclasses/rounds/<int:pk>/apply/", catalogue.ApplyView.as_view(), name="apply"),
    path(
        "masterclasses/places/<int:pk>/withdraw/",
        catalogue.PlaceWithdrawView.as_view(),
        name="place-withdraw",
    ),
    path(
        "masterclasses/sessions/<int:pk>/feedback/",
        feedback.FeedbackView.as_view(),
        name="feedback",
    ),
    # Administrators.
    path("masterclasses/rounds/", allocation.RoundListView.as_view(), name="round-list"),
    path(
        "masterclasses/rounds/<int:pk>/", allocation.RoundDetailView.as_view(), name="round-detail"
    ),
    path(
        "masterclasses/rounds/<int:pk>/close/",
        allocation.RoundCloseView.as_view(),
        name="round-close",
    ),
    path("masterclasses/runs/<int:pk>/", allocation.RunDetailView.as_view(), name="run-detail"),
    path(
        "masterclasses/sessions/<int:pk>/attendance/",
        allocation.AttendanceView.as_view(),
        name="attendance",
    ),
    path(
        "masterclasses/feedback/",
        allocation.FeedbackSummaryView.as_view(),
        name="feedback-summary",
    ),
    # CPD log.
    path("cpd/", cpd.CpdLogView.as_view(), name="cpd-log"),
    path("cpd/new/", cpd.CpdEditView.as_view(), name="cpd-new"),
    path("cpd/<int:pk>/edit/", cpd.CpdEditView.as_view(), name="cpd-edit"),
    path("cpd/<int:pk>/delete/", cpd.CpdDeleteView.as_view(), name="cpd-delete"),
    path("cpd/<int:year>/", cpd.CpdSummaryView.as_view(), name="cpd-summary"),
    path("cpd/<int:year>.csv", cpd.CpdSummaryCsvView.as_view(), name="cpd-summary-csv"),
]
