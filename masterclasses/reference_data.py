"""The four LiPP masterclass topics, from data/reference.json (never retyped).

Loaded by the migration that made the tables and again after every migrate or
test-database flush (post_migrate), creating only the topics that are missing:
an administrator's descriptions and reading lists are never overwritten.
"""

from django.apps import apps as global_apps
from django.utils.text import slugify

from scr_platform.reference import reference


def topics_load(apps=global_apps, using: str = "default") -> None:
    """Create any missing masterclass topic (title and summary)."""
    Topic = apps.get_model("masterclasses", "Topic")
    for position, topic in enumerate(reference()["masterclass_topics"], start=1):
        Topic.objects.using(using).get_or_create(
            title=topic["title"],
            defaults={
                "slug": slugify(topic["title"]),
                "summary": topic["summary"],
                "position": position,
            },
        )
