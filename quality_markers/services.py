"""Quality Markers: writes."""

from django.db import transaction
from django.db.models import Max

from .models import Framework


@transaction.atomic
def framework_new_version(*, framework: Framework) -> Framework:
    """Start the next version as an unpublished copy of ``framework``, to be revised."""
    latest = Framework.objects.aggregate(latest=Max("version"))["latest"] or 0
    draft = Framework.objects.create(
        version=latest + 1, title=framework.title, source=framework.source
    )
    for marker in framework.markers.all():
        marker.pk = None
        marker.framework = draft
        marker.save()
    return draft
