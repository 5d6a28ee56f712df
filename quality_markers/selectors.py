"""Quality Markers: reads."""

from itertools import groupby

from django.db.models import QuerySet

from .models import Framework, Marker


def framework_current() -> Framework | None:
    """The newest published version of the framework."""
    return Framework.objects.exclude(published_at=None).order_by("-version").first()


def markers_by_stage(*, framework: Framework, audience: str = "") -> list[tuple[str, list[Marker]]]:
    """The framework's markers grouped by stage, in order; optionally for one audience."""
    markers: QuerySet[Marker] | list[Marker] = framework.markers.order_by("number")
    if audience:
        # Markers that name no audience are for everyone.
        markers = [m for m in markers if not m.audiences or audience in m.audiences]
    return [(stage, list(group)) for stage, group in groupby(markers, key=lambda m: m.stage)]
