"""The codebook out (``services/codebook/export.py``): CSV and REFI-QDA.

Taguette's part runs Taguette 1.5.2's own codebook import code
(``taguette.import_codebook.list_tags`` and ``taguette.validate``), installed
for the tests only (``make install``); QualCoder's part reproduces its import
(``tests/collation/refi_tools.py`` says why and how).
"""

import csv
import io
import re

import pytest
from taguette import import_codebook as taguette_import
from taguette import validate as taguette_validate

from collation.models import Cause, PracticeIssue, Stage
from collation.services.codebook import COLUMNS, EXPORT_COLUMNS, TAGUETTE_PATH_MAX
from collation.services.codebook.export import codebook_qdc, taguette_path
from scr_platform.reference import a3_grid
from tests.collation.codebook_files import (
    Q,
    as_csv,
    export_rows,
    export_text,
    qdc_tree,
    retire_some,
    run_import,
    state,
)
from tests.collation.refi_tools import qualcoder_import_codebook, schema_errors

pytestmark = pytest.mark.django_db

GUID = re.compile(r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}")
GRID = a3_grid()
GRID_ISSUES = {issue["code"]: issue for issue in GRID["issues"]}


# --- CSV export ----------------------------------------------------------------------


def test_the_csv_has_every_stage_issue_and_cause_of_the_a3_grid():
    text = export_text()
    rows = export_rows()
    assert text.splitlines()[0] == ",".join(EXPORT_COLUMNS) == ",".join(COLUMNS) + ",path"
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


def test_the_qdc_validates_against_the_codebook_schema():
    assert schema_errors(codebook_qdc(), "Codebook.xsd") == []
    retire_some()
    assert schema_errors(codebook_qdc(), "Codebook.xsd") == []


def test_the_schema_check_finds_a_broken_codebook():
    broken = codebook_qdc().replace(b'isCodable="true"', b'isCodable="yes"', 1)
    assert any("isCodable" in error for error in schema_errors(broken, "Codebook.xsd"))


# --- Taguette: its own importer reads the CSV --------------------------------------------


def taguette_tags(data: bytes) -> list[dict]:
    """Taguette 1.5.2's codebook import, first step: the file's rows as tags."""
    return taguette_import.list_tags(io.BytesIO(data))


def taguette_confirmed(tags: list[dict]) -> dict[str, str]:
    """Its second step, as its confirmation form and view do: the first row of each path is
    ticked, repeats are not; each ticked path and description must pass its validation."""
    kept: dict[str, str] = {}
    for tag in tags:
        if tag["path"] in kept:
            continue
        taguette_validate.tag_path(tag["path"])
        taguette_validate.description(tag["description"])
        kept[tag["path"]] = tag["description"]
    return kept


def test_taguette_refused_the_csv_without_a_path_column():
    """The file as it was before the path column: Taguette's importer refuses it."""
    with pytest.raises(taguette_import.InvalidCodebook, match="No 'tag', 'name', or 'path'"):
        taguette_tags(as_csv(export_rows(), columns=COLUMNS))


def test_taguette_imports_one_tag_per_issue_named_by_stage_and_issue():
    tags = taguette_tags(export_text().encode("utf-8"))
    assert len(tags) == len(export_rows())  # every row read, none refused
    kept = taguette_confirmed(tags)
    assert len(kept) == 44
    stages = {stage["code"]: stage["title"] for stage in GRID["stages"]}
    shortened = 0
    for code, issue in GRID_ISSUES.items():
        (path,) = [path for path in kept if f"/{code}. " in path]
        assert len(path) <= TAGUETTE_PATH_MAX
        stage_part, issue_part = path.split(f"/{code}. ")
        stage_text = f"{issue['stage']}. {stages[issue['stage']]}"
        # Each part is its stage's or issue's own words, or their start and "…".
        for part, text in ((stage_part, stage_text), (issue_part, issue["title"])):
            assert part == text or (part.endswith("…") and text.startswith(part[:-1]))
        shortened += path != f"{stage_text}/{code}. {issue['title']}"
    assert 0 < shortened < 44  # the A3 grid has titles too long for Taguette


def test_taguette_reads_the_export_as_utf_8():
    """Taguette guesses the encoding (chardet): typographic quotes and dashes survive."""
    PracticeIssue.objects.filter(code="A1").update(title="Children’s “voice” – not heard")
    path = next(p for p in taguette_confirmed(taguette_tags(export_text().encode())) if "/A1." in p)
    assert path.endswith("/A1. Children’s “voice” – not heard")


def test_long_titles_are_shortened_to_taguettes_limit_and_stay_distinct():
    stage = Stage.objects.get(code="B")
    stage.title = "S" * 300
    stage.save()
    for code in ("B1", "B2"):
        PracticeIssue.objects.filter(code=code).update(title="T" * 500)
    issues = PracticeIssue.objects.filter(code__in=["B1", "B2"]).select_related("stage")
    paths = {issue.code: taguette_path(issue.stage, issue) for issue in issues}
    assert {len(path) for path in paths.values()} == {TAGUETTE_PATH_MAX}
    assert paths["B1"] != paths["B2"]
    assert all(path.startswith("B. SSS") and "…/" in path for path in paths.values())
    kept = taguette_confirmed(taguette_tags(export_text().encode()))
    assert set(paths.values()) <= set(kept)


def test_the_path_column_is_on_every_row_and_our_import_ignores_it(analyst):
    rows = export_rows()
    assert all(row["path"] for row in rows)
    # Taguette's paths, edited or not, change nothing here: the column is not read.
    edited = [{**row, "path": "=something else"} for row in rows]
    before = state()
    assert not run_import(analyst, as_csv(edited, columns=EXPORT_COLUMNS)).changed
    assert state() == before
    assert next(csv.reader(io.StringIO(export_text())))[-1] == "path"


# --- QualCoder: its codebook import, reproduced -----------------------------------------


def test_qualcoder_imports_every_stage_issue_and_cause():
    imported = qualcoder_import_codebook(codebook_qdc())
    assert imported is not None
    assert imported.counter == 7 + 44 + 71  # nothing lost to its one-name-one-code rule
    categories, codes = imported.categories(), imported.codes()
    assert set(categories) == {stage["code"] for stage in GRID["stages"]}
    for code, issue in GRID_ISSUES.items():
        cid, catid, supercid, memo = codes[code]
        assert (catid, supercid, memo) == (categories[issue["stage"]][0], None, issue["title"])
        for why in issue["why"]:
            assert codes[why][2] == cid  # a sub-code of its issue


def test_qualcoder_keeps_retired_codes_as_categories():
    c1_cause = retire_some()
    imported = qualcoder_import_codebook(codebook_qdc())
    assert imported.counter == 7 + 44 + 71
    categories, codes = imported.categories(), imported.codes()
    assert "A1" in categories and "A1" not in codes
    assert c1_cause.text in categories
    assert "B1" in codes


def test_causes_worded_alike_are_named_apart_so_qualcoder_keeps_both():
    """QualCoder keeps one code per name: a wording used twice is named with its issue."""
    wording = Cause.objects.filter(issue__code="A2").first().text
    Cause.objects.create(issue=PracticeIssue.objects.get(code="C3"), text=wording, position=99)
    Cause.objects.create(issue=PracticeIssue.objects.get(code="C3"), text=wording, position=100)
    Cause.objects.create(issue=PracticeIssue.objects.get(code="C3"), text="A1", position=101)
    names = [code.get("name") for code in qdc_tree().iter(f"{Q}Code")]
    assert len(names) == len(set(names)) == 7 + 44 + 71 + 3
    assert {wording, f"{wording} (C3)", f"{wording} (C3, 2)", "A1 (C3)"} <= set(names)
    assert qualcoder_import_codebook(codebook_qdc()).counter == len(names)
    assert schema_errors(codebook_qdc(), "Codebook.xsd") == []


def test_the_qualcoder_check_sees_what_qualcoder_would_lose():
    """The reproduction is not a rubber stamp: duplicate names and a wrong namespace fail."""
    data = codebook_qdc()
    first_cause = GRID["issues"][0]["why"][0]
    second_cause = GRID["issues"][0]["why"][1]
    twice = data.replace(f'name="{second_cause}"'.encode(), f'name="{first_cause}"'.encode())
    assert qualcoder_import_codebook(twice).counter == 7 + 44 + 71 - 1
    assert qualcoder_import_codebook(data.replace(b"codebook:1.0", b"codebook:2.0")).counter
    assert (
        qualcoder_import_codebook(
            data.replace(b"<Codes>", b"<Kodes>").replace(b"</Codes>", b"</Kodes>")
        )
        is None
    )
