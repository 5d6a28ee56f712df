"""Quality Markers: API addresses, one router for the app."""

from rest_framework.routers import SimpleRouter

app_name = "quality-markers-api"

router = SimpleRouter()

urlpatterns = router.urls
