"""Malformed requests on every route: a NUL byte in each path segment and in the query, as
the public and signed in, answer the GOV.UK 404 or 400, never a 500; and over real HTTP, a
host that is not ours and bad percent-encoding do the same.

Routes and their parameters come from the permission matrix (``routes.py`` and the first
check of each route in ``expectations.py``), so a new route is swept without being listed.
"""

import http.client
from urllib.parse import urlsplit

from django.test import Client
from django.urls import reverse

from .conftest import FIGURES
from .expectations import EXPECTATIONS
from .routes import Route, all_routes
from .world import World

NUL = "%00"
NOT_FOUND = "Page not found"
BAD_REQUEST = "Sorry, there is a problem with your request"
# The query variants: a NUL in a value, in a name, and in a value among good ones.
QUERIES = ("?q=%00", "?%00=1", "?page=1&period=2016%00&q=a")
SUBJECTS = ("public", "admin")


def _address(route: Route, world: World) -> str:
    if route.key.startswith("/"):
        return route.key
    checks = EXPECTATIONS[route.app][route.key]
    params = checks[0].params(world) if checks else {}
    return reverse(route.key, kwargs={name: params[name] for name in route.params})


def nul_paths(address: str) -> list[str]:
    """The address with each segment replaced by a NUL, and with a NUL after it."""
    segments = address.split("/")
    paths = []
    for index, segment in enumerate(segments):
        if not segment:
            continue
        for changed in (NUL, segment + NUL):
            paths.append("/".join([*segments[:index], changed, *segments[index + 1 :]]))
    return paths


def test_nul_paths_cover_every_segment():
    assert nul_paths("/trends/issues/C1/") == [
        "/%00/issues/C1/",
        "/trends%00/issues/C1/",
        "/trends/%00/C1/",
        "/trends/issues%00/C1/",
        "/trends/issues/%00/",
        "/trends/issues/C1%00/",
    ]
    assert nul_paths("/healthz") == ["/%00", "/healthz%00"]


def _client(world: World, subject: str) -> Client:
    client = Client(raise_request_exception=False)
    if world.users[subject] is not None:
        client.force_login(world.users[subject])
    return client


def _verdict(response, status: int, heading: str) -> str | None:
    if response.status_code != status:
        return f"{response.status_code} (expected {status})"
    if f">{heading}</h1>" not in response.content.decode():
        return f"{status} without the GOV.UK page"
    return None


def test_a_nul_byte_anywhere_in_any_address_is_a_404_or_400_for_everyone(world):
    routes = all_routes()
    failures, probes = [], 0
    for subject in SUBJECTS:
        client = _client(world, subject)
        for route in routes:
            address = _address(route, world)
            cases = [("get", path, 404, NOT_FOUND) for path in nul_paths(address)]
            # POST too for the query: forms and filters read it on both.
            cases += [
                (method, address + query, 400, BAD_REQUEST)
                for query in QUERIES
                for method in ("get", "post")
            ]
            for method, url, status, heading in cases:
                probes += 1
                problem = _verdict(getattr(client, method)(url), status, heading)
                if problem:
                    failures.append(f"{subject} {method.upper()} {url}: {problem}")
    FIGURES["nul_routes"] = len(routes)
    FIGURES["nul_probes"] = probes
    assert probes > len(routes) * len(SUBJECTS) * (2 + 2 * len(QUERIES))
    assert not failures, f"{len(failures)} of {probes} probes:\n" + "\n".join(failures[:50])


# --- Over real HTTP: what the WSGI server decodes, and the host check ------------------------


def _raw(live_server, path: str, host: str | None = None):
    """A request with the path sent exactly as given (no client re-encoding it)."""
    parts = urlsplit(live_server.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
    connection.putheader("Host", host or parts.netloc)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, body


# Each over the live server (a flush after each test costs seconds: so one test per kind).
REAL_HTTP = [
    ("/trends/issues/%00/", 404),
    ("/api/accounts/boards/%00/", 404),
    ("/trends/issues/C1%00/", 404),
    ("/search/?q=%00", 400),
    ("/api/collation/reviews/?q=a%00", 400),
    ("/trends/issues/%ff/", 404),
    ("/trends/issues/%c0%80/", 404),  # an over-long NUL: not UTF-8, so not a NUL
    ("/reviews/%E0%A4%A/", 404),
    ("/search/?q=%ff%fe%", 200),
]
HOST_PATHS = ["/", "/reviews", "/reviews/", "/api/accounts/boards/", "/no-such-page/"]


def test_over_real_http_nul_and_bad_encoding_are_never_a_server_error(db, live_server):
    failures = []
    for path, status in REAL_HTTP:
        got, body = _raw(live_server, path)
        if got != status or "govuk-template" not in body:
            failures.append(f"{path}: {got} (expected {status}) {body[:200]}")
    assert not failures, "\n".join(failures)


def test_a_host_that_is_not_ours_gets_the_govuk_400(db, live_server, settings):
    settings.ALLOWED_HOSTS = ["scr.example.gov.uk"]  # the production profile's check
    failures = []
    for https_redirect in (True, False):
        settings.SECURE_SSL_REDIRECT = https_redirect
        for path in HOST_PATHS:
            status, body = _raw(live_server, path, host="evil.example")
            FIGURES["host_probes"] += 1
            if status != 400 or f">{BAD_REQUEST}</h1>" not in body or "evil.example" in body:
                failures.append(f"redirect {https_redirect} {path}: {status} {body[:200]}")
    assert not failures, "\n".join(failures)
