"""Alliance: API addresses, one router for the app."""

from rest_framework.routers import SimpleRouter

from . import summits, views

app_name = "alliance-api"

router = SimpleRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("representatives", views.RepresentativeViewSet, basename="representative")
router.register("working-groups", views.WorkingGroupViewSet, basename="working-group")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("actions", views.ActionViewSet, basename="action")
router.register("good-practice", views.GoodPracticeViewSet, basename="good-practice")
router.register("summit-rounds", summits.SummitRoundViewSet, basename="summit-round")
router.register("contributions", summits.ContributionViewSet, basename="contribution")

urlpatterns = router.urls
