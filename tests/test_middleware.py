"""Malformed requests get a GOV.UK 400 or 404, never a 500: NUL bytes, bad hosts, bad encoding.

The whole-service sweep (every route × every NUL position) is in
``tests/proof/test_malformed_requests.py``; these are the cases by name.
"""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from collation.models import PracticeIssue
from scr_platform import views
from scr_platform.accounts.choices import Role
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NOT_FOUND = "Page not found"
BAD_REQUEST = "Sorry, there is a problem with your request"


@pytest.fixture(params=["anonymous", "signed in"])
def visitor(request, db):
    client = Client(raise_request_exception=False)
    if request.param == "signed in":
        client.force_login(UserFactory(username="admin", roles=[Role.ADMINISTRATOR]))
    return client


def _page(response, status: int, heading: str) -> str:
    assert response.status_code == status, (response.status_code, response.content[:300])
    content = response.content.decode()
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in content
    assert "govuk-service-navigation" in content  # the full GOV.UK page, not a bare message
    return content


@pytest.mark.parametrize(
    "path",
    [
        "/api/accounts/boards/%00/",
        "/api/accounts/boards/abc%00/",
        "/trends/issues/%00/",
        "/trends/issues/C1%00/",
        "/briefings/%00/",
        "/%00/",
        "/reviews/%00",
        "/admin/collation/review/%00/change/",
    ],
)
def test_a_nul_byte_in_the_address_is_page_not_found(visitor, path):
    _page(visitor.get(path), 404, NOT_FOUND)
    assert visitor.post(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/search/?q=%00",
        "/reviews/?q=a%00b",
        "/reviews/?%00=1",
        "/api/collation/reviews/?q=%00",
        "/api/accounts/boards/?search=%00",
        "/trends/?period=2016%00",
        "/admin/collation/review/?q=%00",
        "/accounts/login/?next=/%00",
    ],
)
def test_a_nul_byte_in_the_query_is_a_bad_request(visitor, path):
    _page(visitor.get(path), 400, BAD_REQUEST)
    assert visitor.post(path).status_code == 400


def test_the_same_addresses_without_the_nul_still_work(client):
    PracticeIssue.objects.get(code="C1")
    assert client.get("/trends/issues/C1/").status_code == 200
    assert client.get("/search/", {"q": "neglect"}).status_code == 200
    assert client.get("/api/accounts/boards/").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/trends/issues/%ff/",
        "/trends/issues/%E0%A4%A/",
        "/trends/issues/%c0%80/",  # an over-long NUL, not valid UTF-8
        "/api/accounts/boards/%ff%fe/",
        "/%/",
        "/search/?q=%ff%fe",
        "/search/?q=%",
        "/search/?q=%c0%80",
        "/api/collation/reviews/?q=%E0%A4%A",
    ],
)
def test_bad_percent_encoding_is_never_a_server_error(visitor, path):
    assert visitor.get(path).status_code in (200, 400, 404)


@pytest.mark.parametrize(
    "cookie",
    [
        'sessionid="abcdefgh\\000ijkl"',  # quoted: the escape becomes a NUL once parsed
        "sessionid=abcdefgh\x00ijkl",
        "csrftoken=abc\x00",
        "other\x00=1",
    ],
)
def test_a_nul_in_a_cookie_is_a_bad_request(cookie, db):
    client = Client(raise_request_exception=False)
    _page(client.get("/reviews/", HTTP_COOKIE=cookie), 400, BAD_REQUEST)


@pytest.mark.parametrize("header", ["HTTP_USER_AGENT", "HTTP_REFERER", "HTTP_X_FORWARDED_FOR"])
def test_a_nul_in_a_header_is_a_bad_request(header, db):
    client = Client(raise_request_exception=False)
    _page(client.get("/reviews/", **{header: "a\x00b"}), 400, BAD_REQUEST)
    response = client.post(
        reverse("accounts:login"), {"username": "x", "password": "y"}, **{header: "a\x00b"}
    )
    assert response.status_code == 400


def test_a_nul_in_a_sign_in_form_is_a_form_error(client, db):
    UserFactory(username="someone")
    response = client.post(
        reverse("accounts:login"), {"username": "some\x00one", "password": TEST_PASSWORD}
    )
    assert response.status_code == 200
    assert "Null characters are not allowed" in response.content.decode()


# --- a host that is not ours --------------------------------------------------------------------


@pytest.fixture(params=[True, False], ids=["https redirect on", "https redirect off"])
def production_hosts(request, settings):
    """The production profile's host check (the test settings allow any host)."""
    settings.ALLOWED_HOSTS = ["scr.example.gov.uk"]
    settings.SECURE_SSL_REDIRECT = request.param
    return settings


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/"),
        ("get", "/reviews"),  # CommonMiddleware's slash redirect asks for the host
        ("get", "/reviews/"),
        ("get", "/trends/issues/C1/"),
        ("get", "/api/accounts/boards/"),
        ("get", "/no-such-page/"),
        ("post", "/accounts/login/"),
    ],
)
def test_a_host_that_is_not_ours_is_a_bad_request_with_the_govuk_page(
    production_hosts, method, path
):
    client = Client(raise_request_exception=False)
    response = getattr(client, method)(path, HTTP_HOST="evil.example", secure=False)
    _page(response, 400, BAD_REQUEST)
    assert "evil.example" not in response.content.decode()


def test_our_own_host_is_served(production_hosts):
    client = Client(raise_request_exception=False)
    response = client.get("/reviews/", HTTP_HOST="scr.example.gov.uk", secure=True)
    assert response.status_code == 200


# --- error pages render before authentication has run -------------------------------------------


@pytest.mark.parametrize(
    "handler, status, heading",
    [
        (views.bad_request, 400, BAD_REQUEST),
        (views.permission_denied, 403, "You cannot use this page"),
        (views.page_not_found, 404, NOT_FOUND),
        (views.server_error, 500, "Sorry, there is a problem with the service"),
    ],
)
def test_error_pages_render_for_a_request_without_user_or_session(handler, status, heading, db):
    request = RequestFactory().get("/anything/")
    assert not hasattr(request, "user") and not hasattr(request, "session")
    response = handler(request) if handler is views.server_error else handler(request, None)
    _page(response, status, heading)
    assert "Sign in" in response.content.decode()
