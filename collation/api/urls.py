"""Collation: API addresses, one router for the app."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

app_name = "collation-api"

router = SimpleRouter()
router.register("reviews", views.ReviewViewSet, basename="review")
router.register("documents", views.DocumentViewSet, basename="document")
router.register("jobs", views.JobViewSet, basename="job")
router.register("recommendations", views.RecommendationViewSet, basename="recommendation")
router.register("flags", views.FlagViewSet, basename="flag")
router.register("stages", views.StageViewSet, basename="stage")
router.register("issues", views.PracticeIssueViewSet, basename="issue")
router.register("codings", views.CodingViewSet, basename="coding")
router.register("suggestions", views.SuggestionViewSet, basename="suggestion")
router.register("verifications", views.VerificationViewSet, basename="verification")
router.register("follows", views.FollowViewSet, basename="follow")
router.register("local-issues", views.LocalIssueViewSet, basename="local-issue")
router.register("local-actions", views.LocalActionViewSet, basename="local-action")
router.register(
    "recommendation-outcomes",
    views.RecommendationOutcomeViewSet,
    basename="recommendation-outcome",
)
router.register("briefing-audiences", views.BriefingAudienceViewSet, basename="briefing-audience")
router.register("training-packs", views.TrainingPackViewSet, basename="training-pack")

urlpatterns = [
    path("search/", views.SearchView.as_view(), name="search"),
    path("trends/", views.TrendGridView.as_view(), name="trends"),
    path("trends/local/", views.LocalNationalView.as_view(), name="local-national"),
    path(
        "trends/recommendation-outcomes/",
        views.OutcomeRatesView.as_view(),
        name="recommendation-outcome-rates",
    ),
    path("local-sharing/<slug:slug>/", views.LocalSharingView.as_view(), name="local-sharing"),
    path("overview/", views.OverviewView.as_view(), name="overview"),
    *router.urls,
]
