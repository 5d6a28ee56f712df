"""Quality Markers: page addresses."""

from django.urls import path

from . import views

app_name = "quality_markers"

urlpatterns = [path("quality-markers/", views.framework_view, name="framework")]
