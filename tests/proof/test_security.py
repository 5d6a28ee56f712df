"""Security, proven on real responses: headers and CSP, the production profile's
HSTS, HTTPS and cookies, sign-in lockout and API throttles (uploads: test_uploads.py;
secrets: test_secrets.py).

``manage.py check --deploy`` in the production profile is proven by
``tests/test_settings_profiles.py`` (no warnings at all); it is not repeated here.
"""

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse
from rest_framework.settings import api_settings
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from scr_platform import settings as production_settings
from tests.factories import TEST_PASSWORD, UserFactory

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "tests" / "fixtures" / "samples"


# --- Headers and the content security policy ---------------------------------------

# The API's two documentation pages relax style-src (Swagger UI and ReDoc style
# their widgets inline); scripts stay self and hashed only everywhere.
DOCS_PAGES = {"/api/docs/", "/api/redoc/"}


def _policy(response) -> dict[str, list[str]]:
    header = response.getheader("Content-Security-Policy")
    assert header, "no Content-Security-Policy header"
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def _pages(world) -> list[str]:
    published = world.published
    document = world.published_document
    return [
        "/",
        reverse("accounts:login"),
        reverse("collation:review-list"),
        published.get_absolute_url(),
        reverse("collation:search") + "?q=neglect",
        reverse("collation:trend-grid"),
        reverse("collation:trend-issue", kwargs={"code": world.issue.code}),
        reverse("collation:briefing-list"),
        world.briefing.get_absolute_url(),
        reverse(
            "collation:document-page",
            kwargs={"pk": published.pk, "document_pk": document.pk, "number": 1},
        ),
        reverse("quality_markers:framework"),
        reverse("quality_markers:national"),
        reverse("masterclasses:directory"),
        world.dev.public_profile.get_absolute_url(),
        reverse("masterclasses:catalogue"),
        world.dev.topic.get_absolute_url(),
        "/api/docs/",
        "/api/redoc/",
        "/no-such-page/",  # the 404 page is a page too
    ]


def test_every_page_carries_the_security_headers_and_a_hash_only_script_policy(world, visitor):
    for path in _pages(world):
        response = visitor.get(path)
        assert response.status in (200, 404), (path, response.status)
        where = f"on {path}"
        assert response.getheader("X-Content-Type-Options") == "nosniff", where
        assert response.getheader("Referrer-Policy") == "same-origin", where
        assert response.getheader("X-Frame-Options") == "DENY", where
        assert response.getheader("Cross-Origin-Opener-Policy") == "same-origin", where
        policy = _policy(response)
        assert policy["frame-ancestors"] == ["'none'"], where
        assert policy["object-src"] == ["'none'"], where
        assert policy["default-src"] == ["'self'"], where
        scripts = policy["script-src"]
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, where
        # No nonce: a page is the same bytes for everyone, so it can be cached whole.
        assert not [value for value in scripts if value.startswith("'nonce-")], where
        if path not in DOCS_PAGES:
            assert "'unsafe-inline'" not in policy.get("style-src", []), where
        # Every inline script's hash is in the policy; every other script is ours.
        for tag, body in re.findall(r"(<script\b[^>]*>)(.*?)</script>", response.text, re.S):
            if "src=" in tag:
                source = re.search(r'src="([^"]+)"', tag).group(1)
                # Same origin only (Swagger UI's split view serves its own script).
                assert source.startswith("/") and not source.startswith("//"), (
                    f"{where}: script from {source}"
                )
            else:
                digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
                assert f"'sha256-{digest}'" in scripts, f"{where}: inline script not hashed"


def test_the_policy_allows_the_site_and_the_page_s_one_inline_script(visitor, db):
    # The hash in settings is the hash of the script base.html really has.
    page = visitor.get("/")
    [body] = re.findall(r"<script>(.*?)</script>", page.text, re.S)
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    assert _policy(page)["script-src"] == ["'self'", f"'sha256-{digest}'"]


def test_json_and_files_are_served_with_nosniff_and_their_real_type(world, visitor):
    api = visitor.get("/api/collation/reviews/")
    assert api.getheader("Content-Type") == "application/json"
    assert api.getheader("X-Content-Type-Options") == "nosniff"
    document = world.published_document
    pdf = visitor.get(document.get_file_url())
    assert pdf.status == 200
    assert pdf.getheader("Content-Type") == "application/pdf"
    assert pdf.getheader("X-Content-Type-Options") == "nosniff"
    assert pdf.getheader("Content-Disposition") == 'inline; filename="child-p.pdf"'
    assert pdf.getheader("Content-Security-Policy"), "a file is covered by the policy too"


# --- The production profile: HTTPS only, HSTS, cookies ------------------------------

PRODUCTION_PROBE = """
import json, django
django.setup()
from django.test import Client
from django.urls import Resolver404, resolve

client = Client()
out = {}
plain = client.get("/reviews/")
out["plain"] = [plain.status_code, plain.get("Location", "")]
health = client.get("/healthz")
out["healthz_over_http"] = health.status_code
secure = client.get("/healthz", secure=True)
out["hsts"] = secure.get("Strict-Transport-Security", "")
signed_in = client.post(
    "/accounts/login/", {"username": "probe", "password": "%(password)s"}, secure=True
)
out["sign_in"] = signed_in.status_code
out["cookies"] = {
    name: {"secure": bool(m["secure"]), "httponly": bool(m["httponly"]), "samesite": m["samesite"]}
    for name, m in signed_in.cookies.items()
}
try:
    resolve("/media/reviews/1/file.pdf")
    out["media_routed"] = True
except Resolver404:
    out["media_routed"] = False
print(json.dumps(out))
"""


@pytest.mark.django_db(transaction=True)
def test_the_production_profile_forces_https_hsts_and_secure_cookies():
    # The probe runs the production settings against this test's database; its
    # default password hashers do not read the suite's fast MD5 hashes.
    password = "a-long-probe-password-for-production"
    user = UserFactory(username="probe")
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(password, hasher.salt())
    user.save()
    database = connection.settings_dict
    environment = {
        **{
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
        },
        "DJANGO_SETTINGS_MODULE": "scr_platform.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "a-long-random-production-key-" + "q7" * 30,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
            f"/{database['NAME']}"
        ),
    }
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE % {"password": password}],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])

    assert probe["plain"] == [301, "https://testserver/reviews/"]
    # Load balancers poll the health check over plain HTTP.
    assert probe["healthz_over_http"] == 200
    assert probe["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert probe["sign_in"] == 302
    for name in ("sessionid", "csrftoken"):
        assert probe["cookies"][name] == {"secure": True, "httponly": True, "samesite": "Lax"}
    # Uploads are never served from MEDIA_URL: no route exists for it.
    assert probe["media_routed"] is False


# --- Sign-in lockout (django-axes) --------------------------------------------------


def test_sign_in_locks_out_after_repeated_failures_through_either_sign_in_page(visitor, db):
    UserFactory(username="target")
    UserFactory(username="bystander")
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    # Failures count together whichever sign-in page they come through; the one
    # that reaches the limit is already answered with the lockout.
    for attempt in range(1, limit + 1):
        page = reverse("accounts:login") if attempt % 2 else reverse("admin:login")
        failed = visitor.post_form(page, {"username": "target", "password": "wrong-guess-1"})
        assert failed.status == (429 if attempt == limit else 200), f"attempt {attempt}"
    # Now even the right password is refused, with a clear message.
    locked = visitor.post_form(
        reverse("accounts:login"), {"username": "target", "password": TEST_PASSWORD}
    )
    assert locked.status == 429
    assert "Sign in is paused for this account" in locked.text
    assert "too many attempts to sign in with the wrong password" in locked.text
    assert "sessionid" not in visitor.cookies
    # The lock is on that account from that address, not on everyone from it.
    other = visitor.post_form(
        reverse("accounts:login"), {"username": "bystander", "password": TEST_PASSWORD}
    )
    assert other.status == 302
    assert "sessionid" in visitor.cookies


# --- API throttles ---------------------------------------------------------------------


def test_production_configures_anonymous_and_user_api_throttles():
    configured = production_settings.REST_FRAMEWORK
    assert configured["DEFAULT_THROTTLE_CLASSES"] == [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ]
    for scope in ("anon", "user"):
        rate = configured["DEFAULT_THROTTLE_RATES"][scope]
        # parse_rate reads nothing from the instance; __init__ would want a scope.
        requests, seconds = object.__new__(SimpleRateThrottle).parse_rate(rate)
        assert requests > 0 and seconds == 60, f"{scope}: {rate}"


@pytest.fixture
def production_throttles(monkeypatch):
    """The production throttle classes, at rates small enough to reach in a test.

    The test settings switch throttles off (APIView reads them once, at import),
    so they are put back here.
    """
    from django.utils.module_loading import import_string

    classes = [
        import_string(path)
        for path in production_settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]
    ]
    monkeypatch.setattr(APIView, "throttle_classes", classes)
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "5/min"})
    assert api_settings.DEFAULT_THROTTLE_CLASSES == []  # the suite's own setting, untouched


def test_the_api_throttles_anonymous_clients(production_throttles, db):
    client = APIClient(REMOTE_ADDR="203.0.113.9")
    statuses = [client.get("/api/collation/stages/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/collation/stages/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["detail"].startswith("Request was throttled.")
    # Another address has its own allowance.
    assert APIClient(REMOTE_ADDR="203.0.113.10").get("/api/collation/stages/").status_code == 200


def test_the_api_throttles_each_signed_in_user_separately(production_throttles, analyst, manager):
    client = APIClient()
    client.force_authenticate(analyst)
    statuses = [client.get("/api/accounts/me/").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    other = APIClient()
    other.force_authenticate(manager)
    assert other.get("/api/accounts/me/").status_code == 200
