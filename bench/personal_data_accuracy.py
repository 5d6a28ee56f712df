"""Accuracy of the personal-data detector on the sample reports.

Run: ``.venv/bin/python bench/personal_data_accuracy.py [--quiet]``

Extracts every sample report (``tests/fixtures/samples/reports/*.pdf`` and
``tests/fixtures/samples/bad/valid_report.pdf``) with
``collation.pdf.extract.extract_pages``, runs
``collation.analysis.personal_data.personal_data_find`` (told the board's name
from the truth file's metadata, nothing else) and scores the findings against
the ``pii`` items of each ``*.truth.json``.

The matching rule and the scores are in ``tests/collation/personal_data_truth.py``,
shared with the accuracy test.

No Django set-up is needed: the detector and the extractor are plain Python.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.collation.personal_data_truth import ratio, score_samples  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="only the table")
    args = parser.parse_args(argv)
    score = score_samples()

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
