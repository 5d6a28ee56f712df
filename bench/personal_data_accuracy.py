"""Accuracy of the personal-data detector on the sample reports.

Run: ``.venv/bin/python bench/personal_data_accuracy.py [--quiet]``

Extracts every sample report (``tests/fixtures/samples/reports/*.pdf`` and
``tests/fixtures/samples/bad/valid_report.pdf``) with
``collation.pdf.extract.extract_pages``, runs
``collation.analysis.personal_data.personal_data_find`` (told the board's name
from the truth file's metadata, nothing else) and scores the findings against
the ``pii`` items of each ``*.truth.json``.

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

No Django set-up is needed: the detector and the extractor are plain Python.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from collation.analysis.personal_data import PersonalDataFinding, personal_data_find  # noqa: E402
from collation.pdf.extract import extract_pages  # noqa: E402

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


def run() -> Score:
    score = Score(Counter(), Counter(), Counter(), Counter(), [], [], [], [])
    for pdf in sample_pdfs():
        truth = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
        board = truth.get("metadata", {}).get("board")
        findings = personal_data_find(list(extract_pages(pdf)), board_name=board)
        score_sample(pdf.stem, findings, truth, score)
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="only the table")
    args = parser.parse_args(argv)
    score = run()

    kinds = sorted(set(score.truth) | set(score.found))
    print(f"{'kind':<15}{'truth':>6}{'found':>6}{'recall':>8}{'precision':>11}")
    for kind in kinds:
        recall = ratio(score.recalled[kind], score.truth[kind])
        precision = ratio(score.precise[kind], score.found[kind])
        print(
            f"{kind:<15}{score.truth[kind]:>6}{score.found[kind]:>6}{recall:>8.3f}{precision:>11.3f}"
        )
    total_truth, total_found = sum(score.truth.values()), sum(score.found.values())
    recall = ratio(sum(score.recalled.values()), total_truth)
    precision = ratio(sum(score.precise.values()), total_found)
    print(f"{'overall':<15}{total_truth:>6}{total_found:>6}{recall:>8.3f}{precision:>11.3f}")
    if args.quiet:
        return 0

    print(f"\nFalse negatives ({len(score.false_negatives)}):")
    for name, item in score.false_negatives:
        print(f"  {name} p{item['page']} {item['type']}: {item['text']!r} ({item.get('context')})")
    print(f"\nFalse positives ({len(score.false_positives)}):")
    for name, finding in score.false_positives:
        print(f"  {name} p{finding.page} {finding.kind}: {finding.text!r}  | {finding.context}")
    print(f"\nnot_pii look-alikes flagged ({len(score.not_pii_hits)}):")
    for name, item, finding in score.not_pii_hits:
        print(f"  {name} p{item['page']} {item['type']}: {item['text']!r} as {finding.kind}")
    print(f"\nMatched with a different kind ({len(score.kind_mismatches)}):")
    for name, item, finding in score.kind_mismatches:
        print(f"  {name} p{item['page']} {item['type']} {item['text']!r} found as {finding.kind}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
