"""Every public route reads reviews and documents through the one rule.

``collation.visibility`` says what the public may see. If that rule says
"nothing", then no page, API route, export, feed, search or excerpt may show
anything of the world's published review: any route that still does wrote its
own rule, and would go on showing what the rule hides (a withdrawn review, a
replaced document).
"""

import pytest
from django.core.cache import cache
from django.db.models import Q
from django.test import Client

from collation import visibility

from .expectations import EXPECTATIONS
from .rows import OK
from .test_permission_matrix import _declared_routes, _url


def _nothing(*args, via: str = "", **kwargs) -> Q:
    return Q(**{f"{via}pk__isnull": True})


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


@pytest.fixture
def secrets(world):
    """What only the published review's pages should show."""
    document = world.published_document
    return {
        "title": world.published.title,
        "page text": document.pages.get(number=1).text,
        "recommendation": world.published_recommendation.text,
        "excerpt": world.coding.excerpt,
        "file name": document.original_filename,
    }


def test_with_the_public_rule_hiding_everything_no_public_route_shows_a_review(
    world, secrets, monkeypatch
):
    client = Client()
    pages = [
        (route, check)
        for app in EXPECTATIONS
        for route, checks in _declared_routes(app)
        for check in checks
        if check.get["public"] is OK
    ]

    def shown() -> dict[str, list[str]]:
        found = {}
        for route, check in pages:
            url = _url(route, check, world)
            query = check.query(world) if callable(check.query) else check.query
            body = _body(client.get(url, query))
            found[url] = [name for name, text in secrets.items() if text in body]
        return found

    assert len([url for url, names in shown().items() if names]) >= 8  # something to hide
    monkeypatch.setattr(visibility, "review_public_q", _nothing)
    monkeypatch.setattr(visibility, "document_public_q", _nothing)
    cache.clear()  # pages stored under the real rule
    leaks = [f"{url}: {', '.join(names)}" for url, names in shown().items() if names]
    assert not leaks, "routes with a visibility rule of their own:\n" + "\n".join(leaks)
