"""Template context every page shares: whether the figures include synthetic demo reviews."""

from django.core.cache import cache

from scr_platform.response_cache import CACHE_SECONDS, public_version

from .models import Review


def demo_data(request) -> dict:
    """The number of published synthetic reviews (0 on a real service), for the demo banner.

    Read once per public version: creating or removing synthetic reviews moves it on
    (``services.demo_history``), so the banner appears and goes with them.
    """
    count = cache.get_or_set(
        f"synthetic-review-count:{public_version()}",
        lambda: Review.objects.public().filter(is_synthetic=True).count(),
        CACHE_SECONDS,
    )
    return {"synthetic_review_count": count or 0}
