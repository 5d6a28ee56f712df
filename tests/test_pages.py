"""Site-wide pages: errors, security headers, static assets."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import path

from scr_platform import urls as project_urls

pytestmark = pytest.mark.django_db


def failing_view(request):
    raise RuntimeError("boom")


urlpatterns = [*project_urls.urlpatterns, path("test-500/", failing_view)]
handler500 = project_urls.handler500


def test_an_unknown_address_gets_the_gov_uk_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"govuk-template" in response.content


@pytest.mark.urls("tests.test_pages")
def test_a_server_error_gets_the_gov_uk_500_page():
    client = Client(raise_request_exception=False)
    response = client.get("/test-500/")
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content


def test_pages_carry_a_content_security_policy_with_the_inline_script_s_hash(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert f"script-src 'self' {settings.BASE_INLINE_SCRIPT_HASH}" in policy
    assert "nonce" not in policy
    assert b"<script>document.body.className" in response.content
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_gov_uk_frontend_assets_are_served_locally(client):
    for asset in (
        "/static/application.css",
        "/static/application.mjs",
        "/static/vendor/govuk-frontend.min.js",
        "/static/govuk/assets/images/favicon.svg",
    ):
        response = client.get(asset)
        assert response.status_code == 200, asset
        b"".join(response.streaming_content)
