"""Whole public pages kept in the cache, and the version of what the public can see.

The public pages people read most (the trend grid, search, the review list, a
review, a page of a report, a practice issue, briefings) cost 15–100 ms each
to render and are the same for every member of the public until something
they show changes. ``public_response_cache`` keeps each one whole, made under
the *public version*; every write that changes anything the public can see
calls ``public_changed()``, which moves the version on once it commits, and
from then on every stored page is out of date at once.

Whole-response cache
--------------------

A view's rendered response is kept whole, per view, path and query string as
sent (pages echo it: the filter fields, the download and page links),
together with the public version it was made under. A hit costs one cache
round trip (the version and the response in one MGET) and no query, form or
template. Correctness:

- Never stale: a stored response is served only while its version is still
  the current one. Its maker read the version before any data, and every
  change the public could see bumps the version after its transaction
  commits, so a response is never stored under a version older than its data.
  Entries also expire after ``CACHE_SECONDS`` (10 minutes), a backstop for a
  change made outside the services (the admin, a shell) that forgot to bump.
- Only the public's page is cached: the header's service navigation differs
  for signed-in people, and a pending message (e.g. "You have signed out")
  must be shown, so those requests render as usual. Views whose output is the
  same for everyone (the CSV and JSON downloads) say ``everyone=True`` and
  are cached for all.
- Nothing personal is stored: a response is kept only if rendering it set no
  cookie, did not modify the session and did not use the CSRF token (the
  public pages' only forms are GET forms; forms with a token are shown to
  signed-in people only). Only the body, its content type and the view's own
  headers (Content-Disposition) are kept; every other header (Vary: Cookie,
  CSP, security headers) is added by the middleware on each response, exactly
  as for a rendered one.
- Whole page or in-place region: a filter form's htmx request
  (``fragments.wants_fragment``) is stored under its own key, and every
  response says ``Vary: HX-Request``, so neither is served for the other.
- Served as stored: no page carries a per-request value. The one inline
  script (base.html) is allowed by its hash in the content security policy,
  not by a nonce, so a stored body is as valid as a fresh one.
- Signed-in people get a fresh page, but its public part can still be kept:
  ``public_fragment`` stores the rendered HTML of the part of a page that is
  the same for everyone (e.g. the trend grid and its filter form) under the
  same version and rules, and the page around it (the header's navigation,
  messages) is rendered for each person. A fragment must not use anything of
  the person's: no user, no CSRF token, no message.
- Kept near: a value made for a version never goes stale, so each process
  also keeps the newest few in memory (``versioned_in_process``) and skips
  the round trip to Redis for them; the version itself is still read from
  Redis once per request, so a change made anywhere is seen at once.
- Bounded: only queries made of the view's own parameters, each once and
  each at most ``MAX_VALUE_LENGTH`` characters, are stored, and only 200
  responses, so made-up parameters cannot fill the cache; a path and query
  has one entry, overwritten under a new version. Free text (a search) can
  still make many entries, so bodies are compressed (HTML shrinks about
  eight-fold) and every entry expires: the space used is bounded by how many
  pages the workers can render in ``CACHE_SECONDS`` (a miss costs the asker a
  full render), a few hundred megabytes at the very worst.
"""

import hashlib
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import wraps
from urllib.parse import urlencode

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

from .fragments import VARY_HEADER, vary_on_fragment, wants_fragment

CACHE_SECONDS = 10 * 60
MAX_VALUE_LENGTH = 200

# Cached pages and figures carry this version; any change the public could see
# moves it on (after its transaction commits), so nothing stale is served.
PUBLIC_VERSION_KEY = "public-version"


def public_changed() -> None:
    """Invalidate every cached public page and figure (after the transaction commits)."""

    def bump():
        try:
            cache.incr(PUBLIC_VERSION_KEY)
        except ValueError:  # not set yet (or evicted): any new value invalidates
            cache.set(PUBLIC_VERSION_KEY, time.time_ns(), timeout=None)

    transaction.on_commit(bump)


def public_version() -> int:
    """The current version of everything the public can see, for cache keys."""
    version = cache.get(PUBLIC_VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(PUBLIC_VERSION_KEY, version, timeout=None)
        version = cache.get(PUBLIC_VERSION_KEY, version)
    return version


def request_public_version(request) -> int:
    """The public version this request renders under, read once per request."""
    version = getattr(request, "public_version", None)
    if version is None:
        version = request.public_version = public_version()
    return version


_IN_PROCESS: OrderedDict[str, tuple[int, object]] = OrderedDict()
_IN_PROCESS_SIZE = 256
_IN_PROCESS_LOCK = threading.Lock()


def versioned_in_process(key: str, version: int, load: Callable[[], object]) -> object:
    """``load()``'s value for ``version``, kept in this process while the version holds.

    For values that are the same for everyone under a public version (a public
    fragment, a figure): they never go stale, so a process may keep its own
    copy. The newest ``_IN_PROCESS_SIZE`` are kept; None is never kept.
    """
    with _IN_PROCESS_LOCK:
        kept = _IN_PROCESS.get(key)
        if kept is not None and kept[0] == version:
            _IN_PROCESS.move_to_end(key)
            return kept[1]
    value = load()
    if value is not None:
        with _IN_PROCESS_LOCK:
            _IN_PROCESS[key] = (version, value)
            _IN_PROCESS.move_to_end(key)
            while len(_IN_PROCESS) > _IN_PROCESS_SIZE:
                _IN_PROCESS.popitem(last=False)
    return value


def is_public(request) -> bool:
    """Served the same to every member of the public: not signed in, no pending message."""
    return not request.user.is_authenticated and not len(get_messages(request))


def _response_key(kind: str, request, parameters: frozenset[str]) -> str | None:
    """The cache key for this path and query, or None if the query is not one we store."""
    items = sorted(request.GET.lists())
    if any(
        name not in parameters or len(values) != 1 or len(values[0]) > MAX_VALUE_LENGTH
        for name, values in items
    ):
        return None
    # Encoded, so "period=2016&region=x" and a period of "2016&region=x" differ.
    # Sorted: the order of parameters only changes the order they are echoed in
    # links, which mean the same either way.
    query = urlencode([(name, values[0]) for name, values in items])
    digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()[:40]
    return f"public-response:{kind}:{digest}"


def _lookup(key: str | None) -> tuple[int, HttpResponse | None]:
    """(the public version, the stored response if it is still current)."""
    if key is None:
        return public_version(), None
    found = cache.get_many([PUBLIC_VERSION_KEY, key])
    version = found.get(PUBLIC_VERSION_KEY)
    if version is None:  # never set, or evicted: a new version, so nothing stored is current
        return public_version(), None
    stored = found.get(key)
    if stored is None or stored[0] != version:
        return version, None
    # [:4]: entries stored while pages carried a nonce have a fifth item, unused.
    _, content_type, headers, compressed = stored[:4]
    response = HttpResponse(zlib.decompress(compressed), content_type=content_type)
    for name, value in headers:
        response[name] = value
    return version, response


def _varies_only_on_fragment(response) -> bool:
    """True unless the response varies on something the cache key does not hold."""
    varies = {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}
    return varies <= {VARY_HEADER.lower()}


def _keep(request, version: int, key: str, response, *, headers: Iterable[str]) -> None:
    """Store a freshly made response, if it is the same for everyone who asks."""
    if (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and _varies_only_on_fragment(response)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(getattr(request, "session", None), "modified", False)
    ):
        stored = (
            version,
            response["Content-Type"],
            [(name, response[name]) for name in headers if response.has_header(name)],
            zlib.compress(response.content, 6),
        )
        cache.set(key, stored, CACHE_SECONDS)


def public_fragment(
    kind: str,
    request,
    *,
    parameters: Iterable[str],
    make: Callable[[], str | None],
) -> str | None:
    """The public part of a page as HTML, from the cache while the public version holds.

    ``make()`` renders it, or returns None when it must not be kept (an invalid
    query: the caller renders the errors itself). Kept for queries made of
    ``parameters`` only, as whole responses are; ``kind`` names the fragment.
    """
    key = _response_key(f"fragment:{kind}", request, frozenset(parameters))
    if key is None:
        return make()
    # Read before any data (by public_response_cache, when the view has it).
    version = request_public_version(request)

    def load() -> str | None:
        stored = cache.get(key)
        if stored is not None and stored[0] == version:
            return zlib.decompress(stored[1]).decode()
        html = make()
        if html is not None:
            cache.set(key, (version, zlib.compress(html.encode(), 6)), CACHE_SECONDS)
        return html

    return versioned_in_process(key, version, load)


def public_response_cache(
    kind: str,
    *,
    parameters: Iterable[str] | Callable[[], Iterable[str]] = (),
    everyone: bool = False,
    headers: Iterable[str] = (),
):
    """Serve a GET view's response from the cache while nothing public has changed.

    ``kind`` names the view in the cache key; ``parameters`` are the query
    parameters its responses may be stored for (or a function giving them, read
    on first use, e.g. a filter set's fields); ``everyone`` caches it for
    signed-in people too (only for output that does not depend on who asks);
    ``headers`` are the view's own headers to keep (e.g. Content-Disposition).

    The wrapped view finds the version it is rendering under in
    ``request.public_version``, for caches of its own data.
    """
    headers = tuple(headers)
    allowed: list[frozenset[str]] = []

    def names() -> frozenset[str]:
        if not allowed:
            allowed.append(frozenset(parameters() if callable(parameters) else parameters))
        return allowed[0]

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            key = None
            if request.method in ("GET", "HEAD") and (everyone or is_public(request)):
                # The region htmx swaps in place and the whole page share an address.
                variant = f"{kind}:fragment" if wants_fragment(request) else kind
                key = _response_key(variant, request, names())
            # The version is read before any data: see "Whole-response cache".
            version, response = _lookup(key)
            if response is not None:
                return vary_on_fragment(response)
            request.public_version = version
            response = view(request, *args, **kwargs)
            if key is not None:
                _keep(request, version, key, response, headers=headers)
            # After _keep, which stores no response that varies: this one varies
            # only on what its key already says.
            return vary_on_fragment(response)

        return wrapped

    return decorator
