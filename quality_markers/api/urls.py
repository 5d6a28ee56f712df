"""Quality Markers: API addresses, one router for the app."""

from rest_framework.routers import SimpleRouter

from . import views

app_name = "quality-markers-api"

router = SimpleRouter()
router.register("frameworks", views.FrameworkViewSet, basename="framework")
router.register("assessments", views.AssessmentViewSet, basename="assessment")
router.register("feedback", views.MarkerFeedbackViewSet, basename="feedback")

urlpatterns = router.urls
