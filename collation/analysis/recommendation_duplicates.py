"""Duplicate and near-duplicate recommendations, within a report and across reports.

Plain Python (no Django): callers pass ``RecommendationText`` items and get back
the pairs whose normalised texts score at or above the threshold.

The method and threshold were chosen on the labelled pairs in
``tests/fixtures/recommendation_pairs.json`` (``bench/recommendation_duplicates.py``
prints the comparison): ``token_set_ratio`` on normalised text at 90 gave the best F1
(0.967: precision 0.967, recall 0.967 on 66 pairs); ratio and token_sort_ratio
miss more reworded pairs at the thresholds where their precision reaches 0.9.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from scipy import sparse

# Leading numbering as written in reports: "Recommendation 3:", "3.", "(b)", "ii)".
_NUMBERING = re.compile(
    r"^\s*(?:recommendation\s*(?:no\.?\s*)?\d+[a-z]?\s*[:.)\-–]?|\(?\d+(?:\.\d+)*[a-z]?(?:[.):]|(?=\s))|\(?[a-z]{1,4}\))\s*",
    re.IGNORECASE,
)
_NON_WORD = re.compile(r"[^a-z0-9 ]+")
# Words every recommendation shares; left in, they make unrelated ones look alike.
_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "to",
        "in",
        "for",
        "on",
        "that",
        "with",
        "by",
        "be",
        "is",
        "are",
        "as",
        "should",
        "must",
        "will",
        "all",
        "its",
        "their",
        "this",
        "these",
        "those",
        "it",
        "from",
        "at",
        "or",
        "within",
        "ensure",
        "ensures",
        "review",
    ]
)

SCORERS: dict[str, Callable] = {
    "ratio": fuzz.ratio,
    "token_sort_ratio": fuzz.token_sort_ratio,
    "token_set_ratio": fuzz.token_set_ratio,
}
CHOSEN_METHOD = "token_set_ratio"
CHOSEN_THRESHOLD = 90
PREFILTER_OVERLAP = 0.6
_CHUNK = 1000


@dataclass(frozen=True)
class RecommendationText:
    key: object  # the caller's identifier (a primary key, say)
    text: str


@dataclass(frozen=True)
class DuplicatePair:
    first: RecommendationText
    second: RecommendationText
    score: float
    # The same words once numbering, punctuation and shared words are set aside.
    is_repeat: bool


def normalise(text: str) -> str:
    """Lower case, without numbering, punctuation or words every recommendation shares."""
    text = _NUMBERING.sub("", text.strip())
    text = _NON_WORD.sub(" ", text.lower())
    return " ".join(word for word in text.split() if word not in _STOP_WORDS)


def pair_scores(pairs: Sequence[tuple[str, str]], *, method: str = CHOSEN_METHOD) -> list[float]:
    """Score each (text, text) pair with the named method on normalised text."""
    scorer = SCORERS[method]
    return [scorer(normalise(left), normalise(right)) for left, right in pairs]


def duplicates_find(
    candidates: Sequence[RecommendationText],
    against: Sequence[RecommendationText] = (),
    *,
    threshold: float = CHOSEN_THRESHOLD,
) -> list[DuplicatePair]:
    """Pairs among ``candidates``, and between ``candidates`` and ``against``, scoring ≥ threshold.

    Pairs within ``against`` are not compared: it is the body the candidates are
    checked against. Highest scores first.
    """
    pool = list(candidates) + [item for item in against if item not in candidates]
    if len(candidates) == 0 or len(pool) < 2:
        return []
    texts = [normalise(item.text) for item in pool]
    scorer = SCORERS[CHOSEN_METHOD]
    found = []
    for row, column in _likely_pairs(texts, len(candidates)):
        if column <= row and column < len(candidates):
            continue  # each pair within the candidates once, and never an item with itself
        score = scorer(texts[row], texts[column], score_cutoff=threshold)
        if score >= threshold:
            repeat = texts[row] == texts[column]
            found.append(DuplicatePair(candidates[row], pool[column], score, repeat))
    found.sort(key=lambda pair: -pair.score)
    return found


def _likely_pairs(texts: Sequence[str], rows: int) -> list[tuple[int, int]]:
    """(row, column) pairs sharing most of the shorter text's word stems.

    Scoring every pair is quadratic (16 s for 3,000 recommendations); this sparse
    product keeps only pairs whose stems (first five letters of each word) overlap
    by at least ``PREFILTER_OVERLAP`` of the shorter one's. On the labelled pairs no
    pair scoring at or above the threshold overlaps by less than 0.83.
    """
    vocabulary: dict[str, int] = {}
    indices, indptr = [], [0]
    for text in texts:
        stems = {vocabulary.setdefault(word[:5], len(vocabulary)) for word in text.split()}
        indices.extend(sorted(stems))
        indptr.append(len(indices))
    if not vocabulary:
        return []
    stems = sparse.csr_matrix(
        (np.ones(len(indices), dtype=np.float32), indices, indptr),
        shape=(len(texts), len(vocabulary)),
    )
    sizes = np.diff(stems.indptr)
    found = []
    for start in range(0, rows, _CHUNK):
        shared = (stems[start : min(start + _CHUNK, rows)] @ stems.T).tocoo()
        smaller = np.minimum(sizes[shared.row + start], sizes[shared.col])
        keep = shared.data >= PREFILTER_OVERLAP * smaller
        found.extend(
            zip((shared.row[keep] + start).tolist(), shared.col[keep].tolist(), strict=True)
        )
    return found


def duplicate_groups(pairs: Sequence[DuplicatePair]) -> list[list[RecommendationText]]:
    """Join pairs into groups of recommendations that are near-duplicates of each other."""
    parent: dict = {}

    def root(item):
        while parent.setdefault(item, item) is not item:
            item = parent[item]
        return item

    for pair in pairs:
        parent[root(pair.first)] = root(pair.second)
    groups: dict = {}
    for item in parent:
        groups.setdefault(root(item), []).append(item)
    return [members for members in groups.values() if len(members) > 1]
