"""Reference data taken from the research (``data/``), loaded, never retyped.

The JSON files are facts from the seed documents (the A3 grid, the Quality
Markers, regions, agencies, scales). Each loader reads its file once per
process.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@cache
def _load(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def reference() -> dict[str, Any]:
    """Regions, agencies, themes, scales and masterclass topics."""
    return _load("reference.json")


def a3_grid() -> dict[str, Any]:
    """The LiPP A3 grid: stages A–G and their practice issues with causes."""
    return _load("a3_grid.json")


def quality_markers() -> dict[str, Any]:
    """The 18 SCR Quality Markers in three stages."""
    return _load("quality_markers.json")


# "National remit" is a survey answer, not a place: a Local Safeguarding
# Children Board always sits in one of the English regions.
NATIONAL_REMIT = "National remit"


def english_regions() -> list[str]:
    """The English regions a board can belong to, in the source's order."""
    return [region for region in reference()["regions"] if region != NATIONAL_REMIT]
