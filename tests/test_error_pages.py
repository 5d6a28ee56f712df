"""Defect 2: nobody meets Django's debug pages. With DEBUG on (``make run``) errors get the
same GOV.UK pages as in production, and a form sent without its CSRF token gets one too."""

import pytest
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404
from django.test import Client
from django.urls import path

from scr_platform import urls as project_urls
from scr_platform.accounts.choices import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _raise(exception):
    def view(request):
        raise exception

    return view


urlpatterns = [
    *project_urls.urlpatterns,
    path("test-404/", _raise(Http404("secret detail"))),
    # A refusal's own message is written for the user and shown (the 403 page says why);
    # a refusal without one must not show anything of Django's.
    path("test-403/", _raise(PermissionDenied())),
    path("test-400/", _raise(BadRequest("secret detail"))),
    path("test-500/", _raise(RuntimeError("secret detail"))),
]

handler400 = project_urls.handler400
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500

DJANGO_DEBUG_PAGE_MARKS = ("Using the URLconf", "Traceback", "secret detail", "technical")


@pytest.fixture
def debug_client(settings):
    settings.DEBUG = True
    return Client(raise_request_exception=False)


def _govuk_page(response, status: int, heading: str) -> None:
    assert response.status_code == status
    content = response.content.decode()
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in content
    assert "govuk-template" in content
    for mark in DJANGO_DEBUG_PAGE_MARKS:
        assert mark not in content


@pytest.mark.parametrize("path", ["/no-such-page/", "/reviews/999999/", "/%00/"])
def test_a_bad_address_gets_the_gov_uk_404_page_with_debug_on(debug_client, path):
    _govuk_page(debug_client.get(path), 404, "Page not found")


@pytest.mark.urls("tests.test_error_pages")
@pytest.mark.parametrize(
    ("path", "status", "heading"),
    [
        ("/test-404/", 404, "Page not found"),
        ("/test-403/", 403, "You cannot use this page"),
        ("/test-400/", 400, "Sorry, there is a problem with your request"),
        ("/test-500/", 500, "Sorry, there is a problem with the service"),
    ],
)
@pytest.mark.parametrize("debug", [True, False], ids=["debug", "production"])
def test_errors_raised_by_a_view_get_gov_uk_pages_in_every_profile(
    settings, path, status, heading, debug
):
    settings.DEBUG = debug
    _govuk_page(Client(raise_request_exception=False).get(path), status, heading)


@pytest.mark.urls("tests.test_error_pages")
def test_a_server_error_is_still_logged_with_its_traceback(debug_client, caplog):
    debug_client.get("/test-500/")
    assert any(record.exc_info and record.levelname == "ERROR" for record in caplog.records)


def test_a_query_with_a_nul_byte_and_a_foreign_host_get_the_400_page(debug_client, settings):
    heading = "Sorry, there is a problem with your request"
    _govuk_page(debug_client.get("/reviews/?q=a%00b"), 400, heading)
    settings.ALLOWED_HOSTS = ["localhost"]
    _govuk_page(debug_client.get("/", HTTP_HOST="attacker.example"), 400, heading)


def test_a_missing_slash_is_still_redirected(debug_client):
    response = debug_client.get("/reviews")
    assert response.status_code == 301
    assert response["Location"] == "/reviews/"


def test_the_api_still_answers_its_errors_in_json(debug_client):
    debug_client.force_login(UserFactory(roles=[Role.ADMINISTRATOR]))
    response = debug_client.get("/api/collation/reviews/999999/", HTTP_ACCEPT="application/json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_a_form_sent_without_its_csrf_token_gets_a_gov_uk_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "someone", "password": "x"})
    _govuk_page(response, 403, "Sorry, your form could not be sent")
    assert "Nothing you entered has been saved" in response.content.decode()
