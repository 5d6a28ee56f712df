"""Version 1 of the framework, from data/quality_markers.json (never retyped).

Loaded by the migration that made the tables and after every migrate or
test-database flush, only if no version 1 exists: revisions are new
versions made in the app, never overwritten here. Only version 1's
description of where it comes from is kept in step with the file, so a
correction to its wording reaches databases made before it.
"""

from django.apps import apps as global_apps
from django.utils import timezone

from scr_platform.reference import quality_markers


def framework_load(apps=global_apps, using: str = "default") -> None:
    Framework = apps.get_model("quality_markers", "Framework")
    Marker = apps.get_model("quality_markers", "Marker")
    data = quality_markers()
    framework, created = Framework.objects.using(using).get_or_create(
        version=1, defaults={"source": data["source"], "published_at": timezone.now()}
    )
    if not created and framework.source != data["source"]:
        framework.source = data["source"]
        framework.save(update_fields=["source"])
    if created:
        Marker.objects.using(using).bulk_create(
            Marker(
                framework=framework,
                number=marker["number"],
                stage=marker["stage"],
                title=marker["title"],
                statement=marker["statement"],
            )
            for marker in data["markers"]
        )
