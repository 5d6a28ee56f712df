"""Every address the platform answers, read from the URL resolver itself.

Walking ``get_resolver()`` (rather than listing URLs by hand) is what makes a
new page without a rule in ``expectations.py`` fail the permission matrix.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Django admin's own pages are Django's; only its index is checked (it must
# refuse everyone but administrators). Static files and uploads are no route.
ADMIN_INDEX = "admin:index"


@dataclass(frozen=True)
class Route:
    """One URL pattern: its key in the expectation table and how to build it."""

    key: str  # "namespace:name", or the pattern itself when the route is unnamed
    pattern: str  # the full pattern, for messages
    app: str  # the table it belongs in: an app namespace, or "site"
    params: tuple[str, ...]  # path parameters to fill
    is_api: bool

    def __str__(self) -> str:
        return f"{self.key}  ({self.pattern})"


def _pattern_text(entry) -> str:
    text = str(entry.pattern)
    # DRF routers use regexes: show them the way path() routes read.
    text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", text)
    return text.replace("^", "").replace("$", "").replace("\\.", ".")


def _walk(resolver: URLResolver, prefix: str, namespaces: tuple[str, ...]):
    for entry in resolver.url_patterns:
        pattern = prefix + _pattern_text(entry)
        if isinstance(entry, URLResolver):
            space = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from _walk(entry, pattern, space)
        elif isinstance(entry, URLPattern):
            yield entry, pattern, namespaces


def all_routes() -> list[Route]:
    """Every routed pattern (admin internals apart), in resolver order."""
    routes = []
    for entry, pattern, namespaces in _walk(get_resolver(), "/", ()):
        name = ":".join((*namespaces, entry.name)) if entry.name else None
        if namespaces[:1] == ("admin",) and name != ADMIN_INDEX:
            continue
        key = name or pattern
        is_api = pattern.startswith("/api/")
        app = namespaces[-1] if namespaces else "site"
        params = tuple(re.findall(r"<(?:\w+:)?(\w+)>", pattern))
        routes.append(Route(key=key, pattern=pattern, app=app, params=params, is_api=is_api))
    return routes
