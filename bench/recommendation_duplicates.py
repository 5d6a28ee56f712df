"""Accuracy of the duplicate-recommendation detector on the labelled pairs.

Run: ``.venv/bin/python bench/recommendation_duplicates.py``

Scores every method in ``collation.analysis.recommendation_duplicates.SCORERS``
at a range of thresholds on ``tests/fixtures/recommendation_pairs.json`` and
prints precision, recall and F1, then the chosen method and threshold against
the target (precision ≥ 0.9, recall ≥ 0.8). Exits 1 if the chosen one misses it.
No Django set-up is needed.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from collation.analysis.recommendation_duplicates import (  # noqa: E402
    CHOSEN_METHOD,
    CHOSEN_THRESHOLD,
    SCORERS,
)
from tests.collation.recommendation_pairs import (  # noqa: E402
    TARGET_PRECISION,
    TARGET_RECALL,
    labelled_pairs,
    score_method,
)

THRESHOLDS = list(range(60, 100, 5))


def main() -> int:
    pairs = labelled_pairs()
    positives = sum(pair["duplicate"] for pair in pairs)
    print(f"{len(pairs)} labelled pairs ({positives} duplicates, {len(pairs) - positives} not)")
    print(f"{'method':<18} {'threshold':>9} {'precision':>9} {'recall':>7} {'F1':>6}  target")
    for method in SCORERS:
        for score in score_method(method, THRESHOLDS):
            print(
                f"{method:<18} {score.threshold:>9} {score.precision:>9.3f} "
                f"{score.recall:>7.3f} {score.f1:>6.3f}  {'met' if score.meets_target else '-'}"
            )
    chosen = score_method(CHOSEN_METHOD, [CHOSEN_THRESHOLD])[0]
    print(
        f"\nChosen: {CHOSEN_METHOD} at {CHOSEN_THRESHOLD}: precision {chosen.precision:.3f}, "
        f"recall {chosen.recall:.3f}, F1 {chosen.f1:.3f} "
        f"(target precision ≥ {TARGET_PRECISION}, recall ≥ {TARGET_RECALL}): "
        f"{'met' if chosen.meets_target else 'NOT met'}"
    )
    return 0 if chosen.meets_target else 1


if __name__ == "__main__":
    sys.exit(main())
