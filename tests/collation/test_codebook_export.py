"""The codebook out (``services/codebook/export.py``): CSV and REFI-QDA."""

import re

import pytest

from collation.models import PracticeIssue, Stage
from collation.services.codebook import COLUMNS
from collation.services.codebook.export import codebook_qdc
from scr_platform.reference import a3_grid
from tests.collation.codebook_files import (
    Q,
    export_rows,
    export_text,
    qdc_tree,
    retire_some,
)

pytestmark = pytest.mark.django_db

GUID = re.compile(r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}")
GRID = a3_grid()
GRID_ISSUES = {issue["code"]: issue for issue in GRID["issues"]}


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
