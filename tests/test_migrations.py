"""Migrations are frozen: they call none of our code, and a fresh database still ends
with the reference data, which the post_migrate loaders create."""

import ast
from pathlib import Path

import pytest

from collation.choices import AbuseCategoryCode
from collation.models import AbuseCategory, Agency, PracticeIssue, RecommendationTheme, Stage
from masterclasses.models import Topic
from quality_markers.models import Marker
from scr_platform.reference import a3_grid, quality_markers, reference

ROOT = Path(__file__).resolve().parent.parent
OURS = {"scr_platform", "collation", "quality_markers", "alliance", "masterclasses"}
MIGRATIONS = sorted(
    path
    for package in OURS
    for path in (ROOT / package).glob("**/migrations/0*.py")
    if ".venv" not in path.parts
)


def _our_imports(tree: ast.Module) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
        elif isinstance(node, ast.ImportFrom):
            names.append("." * node.level + (node.module or ""))
    return [name for name in names if name.startswith(".") or name.split(".")[0] in OURS]


def test_there_are_migrations_to_check():
    assert len(MIGRATIONS) >= 15
    assert {path.parent.parent.name for path in MIGRATIONS} >= OURS - {"scr_platform"}


@pytest.mark.parametrize("path", MIGRATIONS, ids=lambda path: str(path.relative_to(ROOT)))
def test_a_migration_calls_none_of_our_code(path):
    """Only what makemigrations itself writes: a model module, for a field's callable
    (``upload_to``). A migration that runs Python imports nothing of ours at all."""
    tree = ast.parse(path.read_text())
    ours = _our_imports(tree)
    assert all(name.endswith(".models") and not name.startswith(".") for name in ours), ours
    if "RunPython" in path.read_text():
        assert ours == [], ours


@pytest.mark.django_db
def test_the_migrated_test_database_has_the_reference_data():
    # The test database is made by running every migration on an empty database.
    data = reference()
    assert list(Agency.objects.order_by("position").values_list("name", flat=True)) == list(
        data["agencies_rr157"]
    )
    assert set(AbuseCategory.objects.values_list("code", flat=True)) == set(
        AbuseCategoryCode.values
    )
    assert list(
        RecommendationTheme.objects.order_by("position").values_list("name", flat=True)
    ) == [theme["theme"] for theme in data["recommendation_themes_rr157_table2"]]
    grid = a3_grid()
    assert list(Stage.objects.order_by("position").values_list("code", "title")) == [
        (stage["code"], stage["title"]) for stage in grid["stages"]
    ]
    issues = PracticeIssue.objects.order_by("position").prefetch_related("causes")
    assert [
        (i.code, i.stage.code, i.title, i.why_unclear, [c.text for c in i.causes.all()])
        for i in issues.select_related("stage")
    ] == [
        (item["code"], item["stage"], item["title"], item["why_unclear"], item["why"])
        for item in grid["issues"]
    ]
    assert list(Topic.objects.order_by("position").values_list("title", flat=True)) == [
        topic["title"] for topic in data["masterclass_topics"]
    ]
    markers = Marker.objects.filter(framework__version=1).order_by("number")
    assert list(markers.values_list("number", "title")) == [
        (marker["number"], marker["title"]) for marker in quality_markers()["markers"]
    ]
