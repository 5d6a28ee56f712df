"""Collation: API addresses, one router for the app."""

from rest_framework.routers import SimpleRouter

app_name = "collation-api"

router = SimpleRouter()

urlpatterns = router.urls
