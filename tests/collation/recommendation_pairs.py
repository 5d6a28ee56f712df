"""The labelled recommendation pairs and their scoring, for the accuracy test and the bench."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from collation.analysis.recommendation_duplicates import pair_scores

PAIRS_PATH = Path(__file__).resolve().parent.parent / "fixtures" / "recommendation_pairs.json"
TARGET_PRECISION = 0.9
TARGET_RECALL = 0.8


@dataclass(frozen=True)
class Score:
    method: str
    threshold: int
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def meets_target(self) -> bool:
        return self.precision >= TARGET_PRECISION and self.recall >= TARGET_RECALL


def labelled_pairs() -> list[dict]:
    return json.loads(PAIRS_PATH.read_text())["pairs"]


def score_method(method: str, thresholds: list[int]) -> list[Score]:
    """Precision and recall of the method at each threshold on the labelled pairs."""
    pairs = labelled_pairs()
    scores = pair_scores([(pair["a"], pair["b"]) for pair in pairs], method=method)
    results = []
    for threshold in thresholds:
        called = [score >= threshold for score in scores]
        true_positive = sum(c and p["duplicate"] for c, p in zip(called, pairs, strict=True))
        predicted = sum(called)
        actual = sum(p["duplicate"] for p in pairs)
        results.append(
            Score(
                method,
                threshold,
                true_positive / predicted if predicted else 0.0,
                true_positive / actual if actual else 0.0,
            )
        )
    return results
