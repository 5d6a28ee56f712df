"""The codebook in (``services/codebook/reading.py``, ``importing.py``): the CSV import."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from collation.models import Cause, PracticeIssue, Stage
from collation.services.codebook import COLUMNS
from scr_platform.accounts.choices import Role
from tests.collation.codebook_files import (
    as_csv,
    counts,
    export_rows,
    export_text,
    retire_some,
    run_import,
    state,
)

pytestmark = pytest.mark.django_db


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
    monkeypatch.setattr("collation.services.codebook.reading.MAX_IMPORT_BYTES", 1024 * 1024)
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
