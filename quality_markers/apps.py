from django.apps import AppConfig


class QualityMarkersConfig(AppConfig):
    """Quality Marker self-assessments for reviews (capability 3)."""

    name = "quality_markers"
    verbose_name = "Quality Markers"
