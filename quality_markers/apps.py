from django.apps import AppConfig
from django.db.models.signals import post_migrate


class QualityMarkersConfig(AppConfig):
    """Quality Marker self-assessments for reviews (capability 3)."""

    name = "quality_markers"
    verbose_name = "Quality Markers"

    def ready(self) -> None:
        from scr_platform.demo import DemoProvider
        from scr_platform.demo import register as register_demo
        from scr_platform.navigation import NavItem, register

        from .dashboard import register_dashboard
        from .demo import quality_markers_demo_seed

        register(NavItem("Quality Markers", "quality_markers:framework", order=28))
        register_demo(DemoProvider("Quality Markers", quality_markers_demo_seed, order=60))
        register_dashboard()
        post_migrate.connect(_load_framework, sender=self)


def _load_framework(using="default", **kwargs) -> None:
    # After every migrate, and after a test flush, which empties every table.
    from .reference_data import framework_load

    framework_load(using=using)
