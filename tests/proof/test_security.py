"""Security, proven on real responses: headers and CSP, the production profile's
HSTS, HTTPS and cookies, sign-in lockout, API throttles, uploads, and secrets.

``manage.py check --deploy`` in the production profile is proven by
``tests/test_settings_profiles.py`` (no warnings at all); it is not repeated here.
"""

import base64
import hashlib
import http.client
import json
import os
import re
import subprocess
import sys
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import Resolver404, resolve, reverse
from rest_framework.settings import api_settings
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from collation.models import ReviewDocument
from scr_platform import settings as production_settings
from tests.factories import TEST_PASSWORD, UserFactory

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "tests" / "fixtures" / "samples"


# --- Talking to the live server over real HTTP ----------------------------------


class Browser:
    """A minimal HTTP client with cookies and no redirect following, for the live server."""

    def __init__(self, base_url: str):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None, headers=None):
        connection_ = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        connection_.request(method, path, body=body, headers=headers)
        response = connection_.getresponse()
        response.text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection_.close()
        return response

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post_form(self, path: str, data: dict):
        """POST a form as a browser would: the CSRF token from the page, then the form."""
        page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token, f"no CSRF token on {path}"
        return self.request("POST", path, {**data, "csrfmiddlewaretoken": token.group(1)})


@pytest.fixture
def visitor(live_server):
    """A visitor of the live server (pytest-playwright owns the name 'browser')."""
    return Browser(live_server.url)


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


# --- Uploads ----------------------------------------------------------------------------


def test_uploads_live_outside_anything_served_as_static(settings):
    media = Path(settings.MEDIA_ROOT).resolve()
    for served in [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)]:
        served = served.resolve()
        assert not media.is_relative_to(served), f"{media} is inside {served}"
    assert not getattr(settings, "WHITENOISE_ROOT", None)
    with pytest.raises(Resolver404):
        resolve(settings.MEDIA_URL + "reviews/1/file.pdf")


def test_a_stored_file_is_not_reachable_under_media_url(world, client):
    # Through the project's own stack (Django's live server adds a media handler
    # of its own for tests, so it would prove nothing here).
    stored = world.published_document.file.name
    assert stored.startswith(f"reviews/{world.published.pk}/") and stored.endswith(".pdf")
    assert (Path(settings.MEDIA_ROOT) / stored).is_file()
    assert client.get(settings.MEDIA_URL + stored).status_code == 404


HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_IMAGE = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


def _stored_files() -> set[Path]:
    return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}


@pytest.mark.parametrize(
    ("filename", "content"),
    [("report.html", HTML_PAGE), ("report.svg", SVG_IMAGE), ("report.pdf", HTML_PAGE)],
)
def test_html_and_svg_uploads_are_refused_and_nothing_is_stored(world, filename, content):
    client = APIClient()
    client.force_authenticate(world.users["manager"])
    before = ReviewDocument.objects.count()
    files_before = _stored_files()
    response = client.post(
        f"/api/collation/reviews/{world.draft.pk}/upload/",
        {"kind": "overview_report", "files": [SimpleUploadedFile(filename, content)]},
        format="multipart",
    )
    assert response.status_code == 400
    [outcome] = response.json()
    assert outcome["accepted"] is False
    assert outcome["code"] == "not_a_pdf"
    assert outcome["message"], "the uploader is told why"
    assert ReviewDocument.objects.count() == before
    assert _stored_files() == files_before


def test_a_pdf_named_as_html_is_stored_and_served_only_as_a_pdf(world, visitor):
    client = APIClient()
    client.force_authenticate(world.users["manager"])
    with (SAMPLES / "bad" / "valid_report.pdf").open("rb") as stream:
        upload = SimpleUploadedFile("report.html", stream.read())
    response = client.post(
        f"/api/collation/reviews/{world.draft.pk}/upload/",
        {"kind": "overview_report", "files": [upload]},
        format="multipart",
    )
    assert response.status_code == 202, response.content
    document = ReviewDocument.objects.get(pk=response.json()[0]["document"])
    # Stored under a random name of our choosing, never the uploader's.
    assert re.fullmatch(rf"reviews/{world.draft.pk}/[0-9a-f]{{32}}\.pdf", document.file.name)
    # Served through the view, for those who may see the draft, only ever as a PDF.
    assert visitor.get(document.get_file_url()).status == 404  # the public
    signed_in = visitor.post_form(
        reverse("accounts:login"), {"username": "manager", "password": TEST_PASSWORD}
    )
    assert signed_in.status == 302
    served = visitor.get(document.get_file_url())
    assert served.status == 200
    assert served.getheader("Content-Type") == "application/pdf"
    assert served.getheader("X-Content-Type-Options") == "nosniff"
    # Offered under the uploader's name, but as what it is: never saved as a web page.
    assert served.getheader("Content-Disposition") == 'inline; filename="report.pdf"'
    assert served.getheader("Cache-Control") == "private, no-store"  # a draft's file


# --- No secrets in the repository ------------------------------------------------------

# Built from pieces so this file does not match itself.
SECRET_PATTERNS = {
    "private key": re.compile("-----BEGIN ([A-Z]+ )?" + "PRIVATE KEY-----"),
    "AWS access key id": re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b"),
    "AWS secret access key": re.compile(r"aws_secret_access_key\s*[=:]\s*\S{20,}", re.I),
    "SECRET_KEY literal": re.compile(r"""\bSECRET_KEY\s*=\s*["'][^"']+["']"""),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "Slack token": re.compile(r"\bxox[baprs]-[A-Za-z0-9-]{10,}\b"),
}


def _key(value: str) -> str:
    # Written in two pieces so that this file does not match itself.
    return "SECRET_KEY" + f' = "{value}"'


# Where a match is deliberate: (path, pattern) -> the only text it may match there.
ALLOWED = {
    # Benchmarks' keys for the throwaway local servers they start.
    ("bench/trends.py", "SECRET_KEY literal"): _key(
        "bench-trends-not-a-real-secret-key-0123456789abcdefghijklmnop"
    ),
    ("bench/load.py", "SECRET_KEY literal"): _key(
        "bench-load-not-a-real-secret-key-0123456789abcdefghijklmnop"
    ),
    # The system tests' key for the private stack they start (its first piece).
    ("tests/system/_stack.py", "SECRET_KEY literal"): _key("system-tests-only-not-a-real-secret-"),
    # Only ever used with DEBUG on (the production profile refuses to start without a key).
    ("scr_platform/settings.py", "SECRET_KEY literal"): _key(
        "local-development-only-key-not-for-any-deployment"
    ),
}


def _tracked_files() -> list[str]:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60
        )
    except (OSError, subprocess.CalledProcessError) as error:
        pytest.skip(f"not a git work tree ({error}): nothing tracked to scan")
    return [name for name in listed.stdout.decode().split("\0") if name]


def test_no_secrets_are_tracked_in_the_repository():
    found = []
    files = _tracked_files()
    for name in files:
        base = Path(name).name
        if base == ".env" or (base.startswith(".env.") and base != ".env.example"):
            found.append(f"{name}: an environment file (keep it out of git)")
        if base.endswith((".pem", ".key", ".p12", ".pfx")) or base in ("id_rsa", "id_ed25519"):
            found.append(f"{name}: a key file")
        path = ROOT / name
        if name.startswith(("node_modules/", "static/dist/")) or not path.is_file():
            continue
        if path.stat().st_size > 2_000_000:
            continue  # sample PDFs and the like
        text = path.read_bytes().decode("utf-8", "ignore")
        for label, pattern in SECRET_PATTERNS.items():
            for match in pattern.finditer(text):
                if ALLOWED.get((name, label)) == match.group(0):
                    continue
                if name == "scr_platform/settings_test.py" and label == "SECRET_KEY literal":
                    continue
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{name}:{line}: {label}")
    assert len(files) > 50, "git ls-files listed too few files to be this repository"
    assert not found, "Possible secrets in tracked files:\n" + "\n".join(found)
