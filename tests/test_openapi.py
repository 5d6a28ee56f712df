import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_schema_generates_with_no_warnings_or_errors(tmp_path, capsys):
    output = tmp_path / "schema.yml"
    # --fail-on-warn turns any drf-spectacular warning into a failure.
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(output))
    assert output.read_text().startswith("openapi: 3")
    captured = capsys.readouterr()
    assert "Warning" not in captured.err and "Error" not in captured.err


def test_the_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/accounts/boards/" in schema.json()["paths"]
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    # Swagger UI comes from the local sidecar package, never a CDN.
    assert b"/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs.content
    assert b"cdn" not in docs.content.lower()
    redoc = client.get("/api/redoc/")
    assert redoc.status_code == 200
    assert b"fonts.googleapis" not in redoc.content
