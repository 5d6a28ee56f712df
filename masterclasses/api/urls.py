"""Reviewer development: API addresses, one router for the app."""

from rest_framework.routers import SimpleRouter

app_name = "masterclasses-api"

router = SimpleRouter()

urlpatterns = router.urls
