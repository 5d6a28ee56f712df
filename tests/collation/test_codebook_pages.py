"""The codebook's pages (``views/codebook.py``): downloads and the analysts' import."""

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collation.models import PracticeIssue
from scr_platform.accounts.choices import Role
from tests.collation.codebook_files import (
    Q,
    as_csv,
    export_rows,
    export_text,
    qdc_tree,
    state,
)

pytestmark = pytest.mark.django_db


# --- pages --------------------------------------------------------------------------------


def test_anyone_downloads_the_csv(client):
    response = client.get(reverse("collation:codebook-csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="scr-practice-issues-codebook.csv"'
    )
    assert response.content.decode("utf-8") == export_text()
    assert client.post(reverse("collation:codebook-csv")).status_code == 405


def test_anyone_downloads_the_qdc(client):
    response = client.get(reverse("collation:codebook-qdc"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert response["Content-Disposition"].endswith('.qdc"')
    assert qdc_tree(response.content).tag == f"{Q}CodeBook"


def test_the_public_is_sent_to_sign_in(client):
    url = reverse("collation:codebook-import")
    before = state()
    for response in (
        client.get(url),
        client.post(url, {"file": SimpleUploadedFile("c.csv", export_text().encode())}),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert state() == before


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.LSCB_MANAGER, 403),
        (Role.LEAD_REVIEWER, 403),
        (Role.ALLIANCE_MEMBER, 403),
        (Role.ANALYST, 200),
        (Role.ADMINISTRATOR, 200),
    ],
)
def test_the_import_page_is_for_analysts_and_administrators(client, user_for_role, role, status):
    client.force_login(user_for_role(role))
    url = reverse("collation:codebook-import")
    response = client.get(url)
    assert response.status_code == status
    if status == 403:
        upload = SimpleUploadedFile("c.csv", export_text().encode())
        assert client.post(url, {"file": upload}).status_code == 403
    else:
        content = response.content.decode()
        assert "Import the codebook" in content
        assert 'enctype="multipart/form-data"' in content
        assert 'class="govuk-file-upload"' in content
        assert reverse("collation:codebook-csv") in content
        assert reverse("collation:codebook-qdc") in content


def test_an_upload_imports_and_shows_the_counts(client, analyst):
    client.force_login(analyst)
    rows = export_rows()
    for row in rows:
        if row["issue_code"] == "G2":
            row["issue_title"] = "Renamed on the page"
    upload = SimpleUploadedFile("codebook.csv", as_csv(rows), content_type="text/csv")
    url = reverse("collation:codebook-import")
    response = client.post(url, {"file": upload}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    content = response.content.decode()
    assert "govuk-notification-banner--success" in content
    assert "The codebook has been imported." in content
    assert "Issues: 0 created, 1 updated, 43 unchanged." in content
    g2 = PracticeIssue.objects.get(code="G2")
    assert g2.title == "Renamed on the page"
    entry = LogEntry.objects.get_for_object(g2).latest("timestamp")
    assert entry.actor == analyst


def test_an_unchanged_upload_says_so(client, administrator):
    client.force_login(administrator)
    upload = SimpleUploadedFile("codebook.csv", export_text().encode())
    response = client.post(reverse("collation:codebook-import"), {"file": upload}, follow=True)
    assert "nothing changed" in response.content.decode()


def test_a_bad_upload_shows_the_rows_in_the_error_summary(client, analyst):
    client.force_login(analyst)
    rows = export_rows()
    rows[2]["issue_code"] = "B1"
    rows[4]["retired"] = "sometimes"
    before = state()
    upload = SimpleUploadedFile("codebook.csv", as_csv(rows))
    response = client.post(reverse("collation:codebook-import"), {"file": upload})
    assert response.status_code == 400
    content = response.content.decode()
    assert "<title>Error: Import the codebook" in content
    assert "There is a problem" in content
    assert '<a href="#id_file">Row 4: issue B1 cannot be in stage A' in content
    assert '<a href="#id_file">Row 6: retired must be yes or no, not “sometimes”.' in content
    assert "govuk-file-upload--error" in content
    assert state() == before


def test_an_upload_without_a_file_asks_for_one(client, analyst):
    client.force_login(analyst)
    response = client.post(reverse("collation:codebook-import"), {})
    assert response.status_code == 400
    assert '<a href="#id_file">Select a CSV file</a>' in response.content.decode()
