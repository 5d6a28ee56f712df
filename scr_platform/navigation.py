"""The service navigation: each app registers its items, shown by role.

Apps call ``register`` from their ``AppConfig.ready()``, so the header never
imports an app and a new capability adds its own link.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.urls import get_script_prefix, reverse

from scr_platform.accounts.permissions import has_role


@dataclass(frozen=True)
class NavItem:
    """One link in the service navigation.

    ``roles`` empty and ``signed_in`` false: shown to everyone, the public too.
    ``signed_in``: shown to anyone signed in. ``roles``: shown to holders of
    any of them (administrators see everything). ``condition``: a further test
    of the user, for links that only make sense to some (e.g. "Your board").
    """

    label: str
    url_name: str
    roles: tuple = ()
    signed_in: bool = False
    order: int = 50
    condition: Callable | None = None


_registry: list[NavItem] = []


def register(*items: NavItem) -> None:
    """Add items to the navigation; registering the same item twice is harmless."""
    for item in items:
        if item not in _registry:
            _registry.append(item)
    _registry.sort(key=lambda item: item.order)


def items_for(user, current_path: str) -> list[dict]:
    """The links this user may follow, the current one marked."""
    signed_in = getattr(user, "is_authenticated", False)
    links = []
    for item in _registry:
        if item.roles and not (signed_in and has_role(user, item.roles)):
            continue
        if item.signed_in and not signed_in:
            continue
        if item.condition is not None and not (signed_in and item.condition(user)):
            continue
        href = _href(item.url_name, get_script_prefix())
        current = current_path == href or (href != "/" and current_path.startswith(href))
        links.append({"label": item.label, "href": href, "current": current})
    return links


@lru_cache(maxsize=256)
def _href(url_name: str, script_prefix: str) -> str:
    # The header's links never change while the process runs (for a prefix), and
    # reversing a dozen of them on every signed-in page cost more than the page's data.
    return reverse(url_name)


def navigation(request) -> dict:
    """Context processor: ``service_navigation`` for the header."""
    # Error pages render this too, and a request refused before AuthenticationMiddleware
    # (a disallowed host, a NUL byte) has no user: it is the public's navigation then.
    return {"service_navigation": items_for(getattr(request, "user", None), request.path)}
