import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_says_redis_is_not_configured_on_the_embedded_default(client, settings):
    settings.REDIS_URL = ""
    assert client.get("/healthz").json()["checks"]["redis"] == "not configured"


def test_healthz_checks_redis_when_configured(client, settings):
    settings.REDIS_URL = settings.TEST_REDIS_URL
    body = client.get("/healthz").json()
    assert body == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}


def test_healthz_is_503_when_redis_is_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["redis"].startswith("error: ")
