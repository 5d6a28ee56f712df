"""Uploads, proven on real responses: stored outside anything served, HTML and SVG
refused, a PDF served only as a PDF."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve, reverse
from rest_framework.test import APIClient

from collation.models import ReviewDocument
from tests.factories import TEST_PASSWORD

SAMPLES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "samples"


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
