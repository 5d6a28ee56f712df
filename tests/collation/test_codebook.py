"""The codebook: CSV and REFI-QDA exports, the CSV import, and their pages."""

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from collation.models import Cause, PracticeIssue, Stage
from collation.services.codebook import (
    COLUMNS,
    QDC_NAMESPACE,
    codebook_csv,
    codebook_import_csv,
    codebook_qdc,
)
from scr_platform.accounts.choices import Role
from scr_platform.reference import a3_grid

pytestmark = pytest.mark.django_db

Q = f"{{{QDC_NAMESPACE}}}"
GUID = re.compile(r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}")
GRID = a3_grid()
GRID_ISSUES = {issue["code"]: issue for issue in GRID["issues"]}


# --- helpers -----------------------------------------------------------------------


def export_text() -> str:
    buffer = io.StringIO(newline="")
    codebook_csv(buffer)
    return buffer.getvalue()


def export_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(export_text(), newline="")))


def as_csv(rows: list[dict[str, str]], columns=COLUMNS) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def run_import(user, data: bytes):
    return codebook_import_csv(user=user, stream=io.BytesIO(data))


def state():
    """Everything an import could change, and the audit log's length."""
    return (
        list(Stage.objects.order_by("pk").values_list("code", "title", "position")),
        list(
            PracticeIssue.objects.order_by("pk").values_list(
                "code", "stage_id", "title", "why_unclear", "position", "retired_at"
            )
        ),
        list(
            Cause.objects.order_by("pk").values_list("issue_id", "text", "position", "retired_at")
        ),
        LogEntry.objects.count(),
    )


def counts(summary):
    return {
        kind: (c.created, c.updated, c.unchanged)
        for kind, c in (
            ("stages", summary.stages),
            ("issues", summary.issues),
            ("causes", summary.causes),
        )
    }


def qdc_tree(data: bytes | None = None) -> ET.Element:
    return ET.fromstring(data if data is not None else codebook_qdc())


def retire_some():
    """A1 retired; every cause of B1 retired (B1 itself not); one cause of C1 retired."""
    now = timezone.now()
    PracticeIssue.objects.filter(code="A1").update(retired_at=now)
    Cause.objects.filter(issue__code="B1").update(retired_at=now)
    cause = Cause.objects.filter(issue__code="C1").order_by("position").first()
    Cause.objects.filter(pk=cause.pk).update(retired_at=now)
    return cause


# --- CSV export ----------------------------------------------------------------------


def test_the_csv_has_every_stage_issue_and_cause_of_the_a3_grid():
    text = export_text()
    rows = export_rows()
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert len(rows) == sum(max(1, len(issue["why"])) for issue in GRID["issues"])  # 74
    assert {row["stage_code"] for row in rows} == {s["code"] for s in GRID["stages"]}
    assert len({row["stage_code"] for row in rows}) == 7
    assert {row["issue_code"] for row in rows} == set(GRID_ISSUES)
    assert len(GRID_ISSUES) == 44
    for code, issue in GRID_ISSUES.items():
        mine = [row for row in rows if row["issue_code"] == code]
        assert {row["issue_title"] for row in mine} == {issue["title"]}
        assert {row["stage_code"] for row in mine} == {issue["stage"]}
        assert [row["cause"] for row in mine] == (issue["why"] or [""])
        assert {row["why_unclear"] for row in mine} == {"yes" if issue["why_unclear"] else "no"}
    assert {row["retired"] for row in rows} == {"no"}
    first = rows[0]
    assert (first["stage_code"], first["issue_code"]) == ("A", "A1")
    assert first["stage_title"] == GRID["stages"][0]["title"]


def test_retired_issues_and_causes_are_in_the_csv_marked_retired():
    c1_cause = retire_some()
    rows = export_rows()
    a1 = [row for row in rows if row["issue_code"] == "A1"]
    assert a1 and {row["retired"] for row in a1} == {"yes"}
    b1 = [(row["cause"], row["retired"]) for row in rows if row["issue_code"] == "B1"]
    # B1 is active though all its causes are retired: a row without a cause says so.
    assert b1[0] == ("", "no")
    assert [r for _, r in b1[1:]] == ["yes", "yes"] and len(b1) == 3
    c1 = {row["cause"]: row["retired"] for row in rows if row["issue_code"] == "C1"}
    assert c1[c1_cause.text] == "yes"
    assert sorted(c1.values()) == ["no", "no", "yes"]


# --- REFI-QDA export ------------------------------------------------------------------


def test_the_qdc_is_a_refi_qda_codebook_with_stages_issues_and_causes():
    data = codebook_qdc()
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = qdc_tree(data)
    assert root.tag == f"{Q}CodeBook"
    assert root.get("origin") == "SCR Learning Platform"
    assert [child.tag for child in root] == [f"{Q}Codes"]
    stages = root.find(f"{Q}Codes").findall(f"{Q}Code")
    assert [s.get("name") for s in stages] == [s["code"] for s in GRID["stages"]]
    issues_seen, causes_seen = 0, 0
    for stage_element, stage in zip(stages, GRID["stages"], strict=True):
        assert stage_element.get("isCodable") == "false"
        assert stage_element.findtext(f"{Q}Description") == stage["title"]
        issues = stage_element.findall(f"{Q}Code")
        expected = [i for i in GRID["issues"] if i["stage"] == stage["code"]]
        assert [i.get("name") for i in issues] == [i["code"] for i in expected]
        for issue_element, issue in zip(issues, expected, strict=True):
            assert issue_element.get("isCodable") == "true"
            assert issue_element.findtext(f"{Q}Description") == issue["title"]
            causes = issue_element.findall(f"{Q}Code")
            assert [c.get("name") for c in causes] == issue["why"]
            assert all(c.get("isCodable") == "true" and not list(c) for c in causes)
            issues_seen += 1
            causes_seen += len(causes)
    assert (issues_seen, causes_seen) == (44, sum(len(i["why"]) for i in GRID["issues"]))


def test_the_qdc_follows_the_codebook_schema():
    """Codebook.xsd: guid, name, isCodable required; Description first; only Code below."""
    codes = list(qdc_tree().iter(f"{Q}Code"))
    assert len(codes) == 7 + 44 + 71
    for code in codes:
        assert set(code.attrib) == {"guid", "name", "isCodable"}
        assert GUID.fullmatch(code.get("guid"))
        assert code.get("name")
        assert code.get("isCodable") in {"true", "false"}
        tags = [child.tag for child in code]
        assert set(tags) <= {f"{Q}Description", f"{Q}Code"}
        assert f"{Q}Description" not in tags[1:]
    assert len({code.get("guid") for code in codes}) == len(codes)


def test_qdc_guids_are_the_same_in_every_export():
    def guids():
        return {c.get("name"): c.get("guid") for c in qdc_tree().iter(f"{Q}Code")}

    first, again = codebook_qdc(), codebook_qdc()
    assert first == again
    before = guids()
    # Another issue and new database ids change none of the existing GUIDs.
    stage = Stage.objects.get(code="A")
    PracticeIssue.objects.create(code="A20", stage=stage, title="New", position=20)
    after = guids()
    assert {name: after[name] for name in before} == before
    assert "A20" in after


def test_retired_codes_stay_in_the_qdc_but_cannot_be_coded():
    c1_cause = retire_some()
    codes = {c.get("name"): c for c in qdc_tree().iter(f"{Q}Code")}
    assert codes["A1"].get("isCodable") == "false"
    assert codes["A1"].findtext(f"{Q}Description").startswith("Retired.")
    assert codes["B1"].get("isCodable") == "true"
    assert codes[c1_cause.text].get("isCodable") == "false"
    a1_causes = codes["A1"].findall(f"{Q}Code")
    assert a1_causes and all(c.get("isCodable") == "false" for c in a1_causes)


# --- CSV import: round trip and changes ---------------------------------------------------


def test_a_round_trip_changes_nothing(analyst):
    before = state()
    summary = run_import(analyst, export_text().encode("utf-8"))
    assert counts(summary) == {
        "stages": (0, 0, 7),
        "issues": (0, 0, 44),
        "causes": (0, 0, 71),
    }
    assert not summary.changed
    assert state() == before


def test_a_round_trip_keeps_retirements_exactly(analyst):
    retire_some()
    before = state()
    summary = run_import(analyst, export_text().encode("utf-8"))
    assert counts(summary) == {
        "stages": (0, 0, 7),
        "issues": (0, 0, 44),
        "causes": (0, 0, 71),
    }
    assert state() == before


def test_a_byte_order_mark_and_blank_lines_are_fine(analyst):
    data = "\ufeff".encode() + export_text().encode("utf-8") + b",,,,,,\r\n\r\n"
    assert not run_import(analyst, data).changed


def test_an_import_adds_renames_and_retires_through_the_audit_log(analyst):
    rows = export_rows()
    stage_a = next(row for row in rows if row["stage_code"] == "A")
    f1_cause = next(row["cause"] for row in rows if row["issue_code"] == "F1")
    for row in rows:
        if row["issue_code"] == "C1":
            row["issue_title"] = "Referrals are not made, or made the wrong way"
        if row["stage_code"] == "D":
            row["stage_title"] = "Assessment (renamed)"
        if row["issue_code"] == "E1":
            row["retired"] = "yes"
        if row["issue_code"] == "F1" and row["cause"] == f1_cause:
            row["retired"] = "yes"
    b1 = next(row for row in rows if row["issue_code"] == "B1")
    rows += [
        {**stage_a, "issue_code": "A20", "issue_title": "A new issue", "cause": "a new cause"},
        {**b1, "cause": "another cause of B1"},
        {
            "stage_code": "H",
            "stage_title": "A new stage",
            "issue_code": "H1",
            "issue_title": "The first issue of H",
            "why_unclear": "no",
            "cause": "its only cause",
            "retired": "no",
        },
    ]
    log_before = LogEntry.objects.count()

    summary = run_import(analyst, as_csv(rows))

    assert counts(summary) == {
        "stages": (1, 1, 6),
        "issues": (2, 2, 42),
        "causes": (3, 1, 70),
    }
    assert Stage.objects.get(code="D").title == "Assessment (renamed)"
    h = Stage.objects.get(code="H")
    assert h.position == 8
    assert PracticeIssue.objects.get(code="H1").stage == h
    a20 = PracticeIssue.objects.get(code="A20")
    assert (a20.stage.code, a20.title, a20.is_retired) == ("A", "A new issue", False)
    assert list(a20.causes.values_list("text", flat=True)) == ["a new cause"]
    b1_causes = list(Cause.objects.filter(issue__code="B1").values_list("text", "position"))
    assert b1_causes[-1] == ("another cause of B1", 3)
    c1 = PracticeIssue.objects.get(code="C1")
    assert c1.title == "Referrals are not made, or made the wrong way"
    e1 = PracticeIssue.objects.get(code="E1")
    assert e1.is_retired
    assert not e1.causes.filter(retired_at__isnull=False).exists()  # the yes was the issue's
    f1 = {c.text: c.retired_at for c in Cause.objects.filter(issue__code="F1")}
    assert f1[f1_cause] is not None
    assert sum(value is None for value in f1.values()) == len(f1) - 1
    assert PracticeIssue.objects.count() == 46 and Cause.objects.count() == 74
    # Every change went through save(): the audit log has one entry per change.
    assert LogEntry.objects.count() - log_before == 1 + 1 + 2 + 2 + 3 + 1
    assert LogEntry.objects.get_for_object(c1).filter(action=LogEntry.Action.UPDATE).exists()
    # Exported again and imported, the new state is stable.
    assert not run_import(analyst, export_text().encode("utf-8")).changed


def test_columns_may_come_in_any_order_and_others_are_ignored(analyst):
    columns = ["notes", *reversed(COLUMNS)]
    rows = [{**row, "notes": "checked"} for row in export_rows()]
    assert not run_import(analyst, as_csv(rows, columns=columns)).changed


def test_codes_are_read_case_insensitively(analyst):
    rows = export_rows()
    for row in rows:
        row["stage_code"], row["issue_code"] = row["stage_code"].lower(), row["issue_code"].lower()
    assert not run_import(analyst, as_csv(rows)).changed


def test_a_file_naming_only_some_issues_leaves_the_others_alone(analyst):
    rows = [row for row in export_rows() if row["issue_code"] == "G2"]
    before = state()
    summary = run_import(analyst, as_csv(rows))
    assert counts(summary) == {
        "stages": (0, 0, 1),
        "issues": (0, 0, 1),
        "causes": (0, 0, len(rows)),
    }
    assert state() == before


# --- CSV import: bad files -----------------------------------------------------------------


def _edit(number: int, **changes):
    """Change data row ``number`` (row 2 is the first under the header)."""

    def apply(rows):
        rows[number - 2].update(changes)
        return as_csv(rows)

    return apply


def _not_utf8(rows):
    data = as_csv(rows).split(b"\r\n")
    data[3] = data[3].replace(b"no", "nö".encode("latin-1"), 1)  # row 4
    return b"\r\n".join(data)


def _missing_columns(rows):
    return as_csv(rows, columns=[c for c in COLUMNS if c not in {"cause", "why_unclear"}])


def _repeat_row(rows):
    return as_csv([*rows[:3], rows[2], *rows[3:]])


def _retired_brought_back(rows):
    PracticeIssue.objects.filter(code="A2").update(retired_at=timezone.now())
    return as_csv(rows)


def _a_good_new_issue_and_a_bad_row(rows):
    new = {**rows[0], "issue_code": "A20", "issue_title": "Would be new", "cause": ""}
    rows[5]["issue_code"] = ""
    return as_csv([*rows, new])


BAD_FILES = {
    "missing columns": (_missing_columns, "Row 1: the file has no columns why_unclear, cause."),
    "empty stage code": (_edit(3, stage_code=""), "Row 3: enter a stage code"),
    "empty issue code": (
        _a_good_new_issue_and_a_bad_row,
        "Row 7: enter an issue code",
    ),
    "unknown stage code": (_edit(2, stage_code="A!"), "Row 2: “A!” is not a stage code"),
    "unknown issue code": (_edit(4, issue_code="A-2"), "Row 4: “A-2” is not an issue code"),
    "stage letter mismatch": (
        _edit(5, issue_code="B9"),
        "Row 5: issue B9 cannot be in stage A: an issue's code starts with its stage's code.",
    ),
    "cause too long": (
        _edit(6, cause="x" * 501),
        "Row 6: the cause is too long (501 characters; at most 500).",
    ),
    "stage title too long": (
        _edit(2, stage_title="x" * 301),
        "Row 2: the stage title is too long (301 characters; at most 300).",
    ),
    "issue title empty": (_edit(8, issue_title=""), "Row 8: enter the issue title."),
    "control character": (
        _edit(3, cause="bad\x07bell"),
        "Row 3: the cause contains a control character",
    ),
    "not yes or no": (_edit(2, retired="maybe"), "Row 2: retired must be yes or no, not “maybe”."),
    "not UTF-8": (_not_utf8, "Row 4: the file is not UTF-8 text."),
    "titles disagree": (
        _edit(3, issue_title="Something else"),
        "Row 3: issue A1 has a different title from row 2.",
    ),
    "stage titles disagree": (
        _edit(4, stage_title="Something else"),
        "Row 4: stage A has a different title from row 2.",
    ),
    "repeated cause": (_repeat_row, "Row 5: repeats the cause"),
    "retired issue brought back": (
        _retired_brought_back,
        "issue A2 is retired and an import does not bring it back",
    ),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_each_bad_file_names_its_row_and_changes_nothing(analyst, kind):
    make, expected = BAD_FILES[kind]
    data = make(export_rows())
    before = state()
    with pytest.raises(ValidationError) as raised:
        run_import(analyst, data)
    assert any(expected in message for message in raised.value.messages), raised.value.messages
    assert state() == before


def test_every_problem_is_reported_at_once_in_row_order(analyst):
    rows = export_rows()
    rows[5]["retired"] = "perhaps"
    rows[1]["stage_code"] = ""
    rows[9]["cause"] = "y" * 600
    with pytest.raises(ValidationError) as raised:
        run_import(analyst, as_csv(rows))
    assert [m.split(":")[0] for m in raised.value.messages] == ["Row 3", "Row 7", "Row 11"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "The file is empty."),
        (",".join(COLUMNS).encode() + b"\r\n", "The file has no rows under its column names."),
    ],
)
def test_an_empty_file_is_refused(analyst, data, expected):
    with pytest.raises(ValidationError) as raised:
        run_import(analyst, data)
    assert raised.value.messages == [expected]


def test_a_long_list_of_problems_is_cut_short(analyst):
    rows = [{**row, "retired": "maybe"} for row in export_rows()]  # 74 bad rows
    with pytest.raises(ValidationError) as raised:
        run_import(analyst, as_csv(rows))
    messages = raised.value.messages
    assert len(messages) == 51
    assert messages[0].startswith("Row 2: ") and messages[-1] == "… and 24 more problems."


def test_a_file_too_large_is_refused_before_reading_it_all(analyst, monkeypatch):
    monkeypatch.setattr("collation.services.codebook.MAX_IMPORT_BYTES", 1024 * 1024)
    with pytest.raises(ValidationError) as raised:
        run_import(analyst, export_text().encode() * 200)
    assert raised.value.messages == ["The file must be smaller than 1 MB."]


def test_a_retired_cause_is_not_brought_back(analyst):
    rows = export_rows()
    c1_cause = retire_some()
    before = state()
    with pytest.raises(ValidationError) as raised:
        run_import(analyst, as_csv(rows))  # exported before the retirements
    messages = raised.value.messages
    assert any("issue A1 is retired" in m for m in messages)
    assert any(f"the cause “{c1_cause.text}” of C1 is retired" in m for m in messages)
    assert state() == before


# --- permissions ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.ANALYST, Role.ADMINISTRATOR])
def test_analysts_and_administrators_may_import(user_for_role, role):
    assert not run_import(user_for_role(role), export_text().encode()).changed


@pytest.mark.parametrize("role", [Role.LSCB_MANAGER, Role.LEAD_REVIEWER, Role.ALLIANCE_MEMBER])
def test_other_roles_may_not_import(user_for_role, role):
    with pytest.raises(PermissionDenied):
        run_import(user_for_role(role), export_text().encode())


def test_the_public_may_not_import():
    with pytest.raises(PermissionDenied):
        run_import(AnonymousUser(), export_text().encode())


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
