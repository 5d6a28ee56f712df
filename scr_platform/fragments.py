"""Pages that answer a filter in place: the whole page, or just the part that changed.

A filter form with ``hx-get`` asks for the page again with an ``HX-Request``
header; the view then sends only the region the form targets (a partial
template), and htmx swaps it in and pushes the address, so the back button and
shared links work. Everything else gets the whole page: a browser without
JavaScript, a shared link, and htmx restoring history it has not kept
(``HX-History-Restore-Request``), which swaps in the whole body.

The same address thus has two bodies, so every such response says
``Vary: HX-Request`` (no browser or proxy serves one for the other), and the
public response cache keys on ``wants_fragment`` too.
"""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers

VARY_HEADER = "HX-Request"


def wants_fragment(request) -> bool:
    """True when htmx asks for the region a filter form targets, not a whole page."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def vary_on_fragment(response):
    """Say that the body depends on whether htmx asked for it."""
    patch_vary_headers(response, [VARY_HEADER])
    return response


def render_page_or_fragment(request, page: str, fragment: str, context: dict, *, status=200):
    """Render ``fragment`` for htmx's in-place requests, ``page`` (which includes it) otherwise."""
    template = fragment if wants_fragment(request) else page
    return vary_on_fragment(render(request, template, context, status=status))
