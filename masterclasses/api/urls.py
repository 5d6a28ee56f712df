"""Reviewer development: API addresses, one router for the app."""

from rest_framework.routers import SimpleRouter

from . import views

app_name = "masterclasses-api"

router = SimpleRouter()
router.register("reviewers", views.ProfileViewSet, basename="reviewer")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("reading", views.ReadingItemViewSet, basename="reading")
router.register("rounds", views.RoundViewSet, basename="round")
router.register("sessions", views.SessionViewSet, basename="session")
router.register("applications", views.ApplicationViewSet, basename="application")
router.register("runs", views.RunViewSet, basename="run")
router.register("places", views.PlaceViewSet, basename="place")
router.register("feedback", views.FeedbackViewSet, basename="feedback")
router.register("cpd", views.CpdActivityViewSet, basename="cpd")

urlpatterns = router.urls
