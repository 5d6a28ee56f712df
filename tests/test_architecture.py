"""The app dependency rule is enforced: `lint-imports` passes on the code and fails on a
copy of it with one forbidden import planted.

The contracts are the ones `make lint` runs, read from the real pyproject.toml.
"""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("scr_platform", "collation", "quality_markers", "alliance", "masterclasses")
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=where,
        # Only the copy may be found: the packages are looked up on the path.
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(where)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def copy_of_the_code(tmp_path: Path) -> Path:
    """The five packages and pyproject.toml, in a folder of their own."""
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__"),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_code_keeps_the_contracts():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_the_unchanged_copy_keeps_them(copy_of_the_code):
    result = lint_imports(copy_of_the_code)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("importer", "planted", "imported"),
    [
        # collation imports none of the other apps...
        ("collation/rules.py", "import alliance.models", "alliance.models"),
        ("collation/selectors/trends.py", "from masterclasses import choices", "masterclasses"),
        # ...even inside a function, where a cycle would not show at import time.
        (
            "collation/services/taxonomy.py",
            "def _hidden():\n    from quality_markers.models import Assessment\n",
            "quality_markers.models",
        ),
        # the three others don't import each other...
        ("alliance/selectors/actions.py", "import masterclasses.models", "masterclasses.models"),
        ("masterclasses/allocation.py", "import quality_markers.rules", "quality_markers.rules"),
        ("quality_markers/views.py", "from alliance import rules", "alliance"),
        # ...and the project package imports none of them.
        ("scr_platform/urls.py", "import collation.views", "collation.views"),
        ("scr_platform/accounts/models.py", "import alliance.choices", "alliance.choices"),
    ],
)
def test_a_forbidden_import_breaks_them(copy_of_the_code, importer, planted, imported):
    module = copy_of_the_code / importer
    module.write_text(module.read_text() + f"\n\n{planted}\n")

    result = lint_imports(copy_of_the_code)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "0 kept, 1 broken" in result.stdout
    dotted = str(Path(importer).with_suffix("")).replace("/", ".")
    assert f"{dotted} -> {imported}" in result.stdout, result.stdout


def test_no_test_imports_a_benchmark():
    """Speed is measured in bench/, which may use tests' fixtures; tests never use bench/."""
    offenders = []
    for path in (ROOT / "tests").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [
                f"{path.relative_to(ROOT)}: {name}"
                for name in names
                if name.split(".")[0] == "bench"
            ]
    assert offenders == []
