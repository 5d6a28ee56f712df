"""The personal data detector scored against the samples' truth files.

Shared by the accuracy test (test_personal_data.py) and its benchmark
(bench/personal_data_accuracy.py), which prints the figures.

Matching rule: a finding matches a truth item if both are on the same page and
their texts overlap after whitespace normalisation: all whitespace removed and
case folded (so a line break inside a name, or after a hyphen in "04-\\n11-2008",
does not matter), the two texts share a common substring at least half as long
as the shorter of them (containment is the usual case). The kind is not part
of the rule; a match with a different kind is listed separately.

- recall (per truth type and overall) = truth items matched by some finding /
  truth items;
- precision (per finding kind and overall) = findings that match some truth
  item / findings;
- ``not_pii`` look-alikes (board address, pseudonyms, publication dates, a
  reference number with a failing check digit...) that a finding matches are
  listed too: each is also a false positive.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from collation.analysis.personal_data import PersonalDataFinding, personal_data_find
from collation.pdf.extract import extract_pages

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "tests" / "fixtures" / "samples"


def sample_pdfs() -> list[Path]:
    return [*sorted((SAMPLES / "reports").glob("*.pdf")), SAMPLES / "bad" / "valid_report.pdf"]


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def texts_overlap(a: str, b: str) -> bool:
    a, b = normalise(a), normalise(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size * 2 >= min(len(a), len(b))


def matches(finding: PersonalDataFinding, item: dict) -> bool:
    return finding.page == item["page"] and texts_overlap(finding.text, item["text"])


@dataclass
class Score:
    truth: Counter
    found: Counter
    recalled: Counter
    precise: Counter
    false_negatives: list[tuple[str, dict]]
    false_positives: list[tuple[str, PersonalDataFinding]]
    not_pii_hits: list[tuple[str, dict, PersonalDataFinding]]
    kind_mismatches: list[tuple[str, dict, PersonalDataFinding]]


def score_sample(name: str, findings: list[PersonalDataFinding], truth: dict, score: Score) -> None:
    for item in truth.get("pii", []):
        score.truth[item["type"]] += 1
        hits = [f for f in findings if matches(f, item)]
        if hits:
            score.recalled[item["type"]] += 1
            if all(str(f.kind) != item["type"] for f in hits):
                score.kind_mismatches.append((name, item, hits[0]))
        else:
            score.false_negatives.append((name, item))
    for finding in findings:
        score.found[str(finding.kind)] += 1
        if any(matches(finding, item) for item in truth.get("pii", [])):
            score.precise[str(finding.kind)] += 1
        else:
            score.false_positives.append((name, finding))
            for item in truth.get("not_pii", []):
                if matches(finding, item):
                    score.not_pii_hits.append((name, item, finding))


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0


def score_samples() -> Score:
    score = Score(Counter(), Counter(), Counter(), Counter(), [], [], [], [])
    for pdf in sample_pdfs():
        truth = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
        board = truth.get("metadata", {}).get("board")
        findings = personal_data_find(list(extract_pages(pdf)), board_name=board)
        score_sample(pdf.stem, findings, truth, score)
    return score
