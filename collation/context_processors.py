"""Template context every page shares: whether the figures include synthetic demo reviews."""

from django.core.cache import cache

from scr_platform.response_cache import (
    CACHE_SECONDS,
    request_public_version,
    versioned_in_process,
)

from .models import Review


def demo_data(request) -> dict:
    """The number of published synthetic reviews (0 on a real service), for the demo banner.

    Read once per public version: creating or removing synthetic reviews moves it on
    (``services.demo_history``), so the banner appears and goes with them.
    """
    version = request_public_version(request)
    key = f"synthetic-review-count:{version}"
    count = versioned_in_process(
        key,
        version,
        lambda: cache.get_or_set(
            key, lambda: Review.objects.public().filter(is_synthetic=True).count(), CACHE_SECONDS
        ),
    )
    return {"synthetic_review_count": count or 0}
