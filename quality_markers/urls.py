"""Quality Markers: page addresses."""

app_name = "quality_markers"

urlpatterns: list = []
