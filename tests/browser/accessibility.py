"""axe-core (from npm) run in the page, as a journey reaches it.

axe is evaluated through the DevTools protocol, which the page's content
security policy does not govern, so no policy is relaxed for the tests.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA and everything below it.
STANDARDS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}


@dataclass
class AccessibilityLog:
    """Every page scanned in the session and what axe found there."""

    scans: list[dict] = field(default_factory=list)

    def record(self, url: str, step: str, violations: list[dict]) -> list[dict]:
        blocking = [v for v in violations if v.get("impact") in BLOCKING]
        self.scans.append({"url": url, "step": step, "violations": violations})
        return blocking

    @property
    def pages(self) -> int:
        return len({scan["url"].split("#")[0] for scan in self.scans})

    def count(self, impacts: set[str]) -> int:
        return sum(
            1 for scan in self.scans for v in scan["violations"] if v.get("impact") in impacts
        )


def axe_scan(page) -> list[dict]:
    """Run axe on the page as it is now; return its violations (rule, impact, where)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        STANDARDS,
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [node["target"] for node in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


def describe(violations: list[dict]) -> str:
    return json.dumps(violations, indent=2)
