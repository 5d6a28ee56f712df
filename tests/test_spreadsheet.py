"""Every CSV the platform writes is safe to open in a spreadsheet (OWASP CSV injection)."""

import ast
import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from alliance.choices import Sector
from alliance.services import (
    action_create,
    action_publish,
    organisation_get_or_create,
    progress_update_create,
    representative_appoint,
)
from collation.choices import CodingVerification
from collation.models import Cause, Coding, PracticeIssue
from collation.services.codebook.export import codebook_csv
from collation.services.codebook.importing import codebook_import_csv
from collation.services.trends import review_issues_rebuild
from masterclasses.services.cpd import cpd_activity_save
from scr_platform.accounts.choices import Role
from scr_platform.spreadsheet import FORMULA_STARTS, csv_cell, csv_cell_read, csv_writer
from tests.collation.test_trends import review_showing
from tests.factories import ReviewFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent
HELPER = ROOT / "scr_platform" / "spreadsheet.py"
# Planted in every CSV route's data: each would run in a spreadsheet if written raw.
PLANTED = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("https://evil.example","Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


# --- the helper ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [*PLANTED, "=", "-", "\x00=1"])
def test_a_cell_that_starts_like_a_formula_is_written_as_text(text):
    assert csv_cell(text) == "'" + text
    assert csv_cell_read(csv_cell(text)) == text


@pytest.mark.parametrize(
    "text", ["", "Child A", "Serious case review", "'quoted", "a=b", " =1", "2016-03-01", "1.5"]
)
def test_other_text_is_left_alone(text):
    assert csv_cell(text) == text
    assert csv_cell_read(text) == text


@pytest.mark.parametrize("number", [-3.5, -1, 0, 7, Decimal("-2.25"), Decimal("1.50")])
def test_numbers_stay_numbers_even_when_negative(number):
    # Escaped by type: a figure the platform computed is never text in the spreadsheet.
    assert csv_cell(number) is number
    buffer = io.StringIO()
    csv_writer(buffer).writerow(["x", number])
    assert buffer.getvalue() == f"x,{number}\r\n"


def test_other_values_are_written_as_their_text_and_checked():
    assert csv_cell(None) == ""
    assert csv_cell(date(2016, 3, 1)) == "2016-03-01"
    assert csv_cell(True) is True

    class Lazy:
        def __str__(self):
            return "=1+1"

    assert csv_cell(Lazy()) == "'=1+1"


def test_the_writer_neutralises_rows_and_returns_what_the_stream_returns():
    class Echo:
        def write(self, value):
            return value

    writer = csv_writer(Echo())
    assert writer.writerow(["=1+1", -3.5, "ok"]) == "'=1+1,-3.5,ok\r\n"
    buffer = io.StringIO()
    csv_writer(buffer).writerows([["@x"], ["+y"]])
    assert buffer.getvalue() == "'@x\r\n'+y\r\n"


def test_a_quote_is_only_taken_off_in_front_of_a_formula_start():
    assert csv_cell_read("'=1") == "=1"
    assert csv_cell_read("''=1") == "''=1"
    assert csv_cell_read("'hello") == "'hello"
    assert csv_cell_read("'") == "'"
    assert set(FORMULA_STARTS) >= {"=", "+", "-", "@", "\t", "\r"}


# --- no module writes CSV without the helper ---------------------------------------------------


def _csv_writers_in(path: Path) -> list[str]:
    """Lines of ``path`` that make a CSV writer from the csv module directly."""
    tree = ast.parse(path.read_text(), filename=str(path))
    aliases = {"csv"}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            aliases |= {name.asname or name.name for name in node.names if name.name == "csv"}
        elif isinstance(node, ast.ImportFrom) and node.module == "csv":
            for name in node.names:
                if name.name in ("writer", "DictWriter", "*"):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} imports csv.{name.name}")
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ("writer", "DictWriter")
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} uses csv.{node.attr}")
    return found


def _platform_modules() -> list[Path]:
    skip = {".venv", "node_modules", "tests", "var", "static", "test-artifacts", ".git"}
    return [
        path
        for path in ROOT.rglob("*.py")
        if not skip & set(path.relative_to(ROOT).parts) and path != HELPER
    ]


def test_no_module_writes_csv_without_the_helper():
    modules = _platform_modules()
    assert ROOT / "collation" / "views" / "reviews.py" in modules
    offenders = [line for path in modules for line in _csv_writers_in(path)]
    assert not offenders, "Write CSV through scr_platform.spreadsheet.csv_writer:\n" + "\n".join(
        offenders
    )


def test_the_source_check_finds_a_direct_writer(tmp_path, monkeypatch):
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    module = tmp_path / "rogue.py"
    module.write_text("import csv as c\nfrom csv import DictWriter\nw = c.writer(None)\n")
    assert len(_csv_writers_in(module)) == 2


# --- every CSV route, with formulas planted in its data ----------------------------------------


@pytest.fixture
def planted(db, board):
    """A formula in every text the CSV routes write, and a falling trend (a negative change)."""
    coder = UserFactory(username="coder", roles=[Role.ANALYST])
    board.name = PLANTED[4]
    board.save()
    for n, text in enumerate(PLANTED):
        ReviewFactory(board=board, title=text, reference=f"=R{n}", publish=True)
    # C1: every 2015 review, half the 2016 ones: a change of -50.0 points.
    review_showing(["C1"], published_on=date(2015, 5, 1), board=board, coder=coder)
    review_showing(["C1"], published_on=date(2016, 5, 1), board=board, coder=coder)
    review_showing(["G2"], published_on=date(2016, 6, 1), board=board, coder=coder)
    # Verified by a second analyst, so they count and leave in the codings CSV.
    verifier = UserFactory(username="verifier", roles=[Role.ANALYST])
    Coding.objects.update(
        verification=CodingVerification.AGREED, verified_by=verifier, verified_at=timezone.now()
    )
    review_issues_rebuild()
    PracticeIssue.objects.filter(code="C1").update(title=PLANTED[1])
    for n, cause in enumerate(Cause.objects.filter(issue__code="C1")):
        cause.text = f"{PLANTED[3]} {n}"
        cause.save()
    member = UserFactory(username="member", roles=[Role.ALLIANCE_MEMBER])
    rcpch = organisation_get_or_create(name=PLANTED[0], sector=Sector.PROFESSIONAL)
    representative_appoint(user=member, organisation=rcpch)
    action = action_create(
        user=member,
        issues=PracticeIssue.objects.filter(code="C1"),
        title=PLANTED[5],
        description="x",
    )
    action_publish(user=member, action=action)
    progress_update_create(user=member, action=action, text=PLANTED[2])
    reviewer = UserFactory(username="planted-reviewer", roles=[Role.LEAD_REVIEWER])
    cpd_activity_save(
        user=reviewer,
        date=date(2016, 3, 1),
        title=PLANTED[0],
        kind="training",
        hours=Decimal("1.5"),
        reflection=PLANTED[6],
    )
    return reviewer


CSV_ROUTES = {
    "collation:review-export": ({}, {}, None),
    "collation:trend-grid-csv": ({}, {"period": "2016"}, None),
    "collation:codebook-csv": ({}, {}, None),
    "collation:codings-csv": ({}, {}, None),
    "alliance:updates-csv": ({}, {}, None),
    "masterclasses:cpd-summary-csv": ({"year": 2016}, {}, "reviewer"),
}


def test_every_csv_route_is_in_the_check():
    from tests.proof.routes import all_routes

    csv_routes = {route.key for route in all_routes() if route.pattern.endswith(".csv")}
    assert csv_routes == set(CSV_ROUTES)


def _cells(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))


@pytest.mark.parametrize("name", CSV_ROUTES)
def test_every_csv_route_writes_no_live_formula(client, planted, name):
    kwargs, query, who = CSV_ROUTES[name]
    if who == "reviewer":
        client.force_login(planted)
    rows = _cells(client.get(reverse(name, kwargs=kwargs), query))
    cells = [cell for row in rows for cell in row]
    live = [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert not [cell for cell in live if not _is_number(cell)], live
    # The planted texts did reach the file, neutralised.
    assert any(cell.startswith("'=") or cell.startswith("'+") for cell in cells)


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_a_falling_trend_keeps_its_negative_change_as_a_number(client, planted):
    rows = _cells(client.get(reverse("collation:trend-grid-csv"), {"period": "2016"}))
    header = rows[0]
    c1 = next(row for row in rows if row[header.index("code")] == "C1")
    assert c1[header.index("change_points")] == "-50.0"
    assert c1[header.index("issue")] == "'" + PLANTED[1]


# --- the codebook still reads what it writes -----------------------------------------------------


def test_the_codebook_round_trip_keeps_formula_like_titles_and_causes(planted):
    buffer = io.StringIO(newline="")
    codebook_csv(buffer)
    text = buffer.getvalue()
    assert "'" + PLANTED[1].replace('"', '""') in text and "'" + PLANTED[3] in text
    analyst = UserFactory(username="importer", roles=[Role.ANALYST])
    summary = codebook_import_csv(user=analyst, stream=io.BytesIO(text.encode("utf-8")))
    assert not summary.changed
    assert PracticeIssue.objects.get(code="C1").title == PLANTED[1]
