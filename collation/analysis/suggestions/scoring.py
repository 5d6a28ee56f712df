"""Score passages against practice issues and propose codings.

For a passage and an issue the evidence is:

* how close the passage is to the issue's title, plus how close it is to the
  nearest of the issue's causes (cosine of TF-IDF vectors, each 0..1);
* how close it is to the nearest excerpt analysts accepted for the issue
  (raises the score) and to the nearest they rejected (lowers it);
* where it sits: reports state their practice issues in the analysis and
  findings; the same words in the case history or the recommendations are
  weaker evidence (``SECTION_WEIGHT``).

That evidence is put on a 0..1 scale by a logistic curve whose two constants
were fitted (Platt scaling) on the sample reports' findings, leaving each
report out in turn (``bench/coding_suggestions.py`` prints the refit). A score
is then roughly the chance that an analyst would accept the suggestion.

``THRESHOLD`` (0.5) is the score above which a suggestion is worth showing as
likely; on the samples it keeps the share of suggested issues that are true
findings above 0.7. Everything below it is still returned, ranked, so that an
analyst looking at a page sees the best candidates for it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .model import SuggestionModel
from .passages import EXCLUDED, FINDINGS, RECOMMENDATIONS, Passage, passages_split

#: Scores at or above this are shown as likely codings.
THRESHOLD = 0.5
#: Issues proposed for each passage (best first).
PER_PASSAGE = 3
#: Causes proposed with each suggestion, at most.
MAX_CAUSES = 3

SECTION_WEIGHT = {FINDINGS: 1.0, RECOMMENDATIONS: 0.8}
_OTHER_SECTION_WEIGHT = 0.7
# Weight of the nearest accepted and rejected excerpt of the issue. An accepted
# excerpt counts half: at full weight its report's stock phrases ("the review
# found that...") pulled other passages towards its issue (recall@3 on the
# samples fell from 0.85 to 0.79; at half weight it stays at 0.85).
_ACCEPTED_WEIGHT = 0.5
_REJECTED_WEIGHT = 1.0
# The logistic curve from evidence to score: 1 / (1 + exp(-_SLOPE * (evidence - _MIDDLE))),
# Platt-fitted on the samples leaving each report out (slope 20.0, middle 0.51).
_SLOPE = 20.0
_MIDDLE = 0.5


@dataclass(frozen=True)
class Suggestion:
    """A proposed coding: this excerpt of this page probably shows this issue."""

    page: int
    excerpt: str
    issue_code: str
    cause_keys: tuple[str, ...]  # the issue's causes closest to the excerpt, best first
    score: float  # 0..1; at or above THRESHOLD means likely


def best_per_issue(similarity: np.ndarray, owner: np.ndarray, n_issues: int) -> np.ndarray:
    """For each row, the highest similarity among each issue's columns (0 if it has none)."""
    best = np.zeros((similarity.shape[0], n_issues))
    if similarity.size:
        np.maximum.at(best.T, owner, similarity.T)
    return best


def evidence(model: SuggestionModel, vectors: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Evidence of each issue in each passage vector, and the passage-cause similarities."""
    n_issues = len(model.codes)
    titles = (vectors @ model.titles.T).toarray()
    causes = (vectors @ model.causes.T).toarray()
    total = titles + best_per_issue(causes, model.cause_issue, n_issues)
    if model.accepted.shape[0]:
        accepted = (vectors @ model.accepted.T).toarray()
        total += _ACCEPTED_WEIGHT * best_per_issue(accepted, model.accepted_issue, n_issues)
    if model.rejected.shape[0]:
        rejected = (vectors @ model.rejected.T).toarray()
        total -= _REJECTED_WEIGHT * best_per_issue(rejected, model.rejected_issue, n_issues)
    return total, causes


def section_weights(passages: Sequence[Passage]) -> np.ndarray:
    """Each passage's weight for the section it is in, as a column."""
    weights = [SECTION_WEIGHT.get(p.section, _OTHER_SECTION_WEIGHT) for p in passages]
    return np.array(weights, dtype=np.float64)[:, None]


def calibrate(values: np.ndarray) -> np.ndarray:
    """Evidence to a 0..1 score."""
    return 1.0 / (1.0 + np.exp(-_SLOPE * (values - _MIDDLE)))


def passage_scores(
    model: SuggestionModel, passages: Sequence[Passage]
) -> tuple[np.ndarray, np.ndarray]:
    """Scores (passages x issues, 0..1) and passage-cause similarities."""
    vectors = model.vectors([f"{p.heading} {p.text}" for p in passages])
    total, causes = evidence(model, vectors)
    return calibrate(total * section_weights(passages)), causes


def suggest(pages: Sequence[tuple[int, str]], model: SuggestionModel) -> list[Suggestion]:
    """Proposed codings for a report's ``(page number, text)`` pages, best first.

    Each passage proposes its ``PER_PASSAGE`` best issues; a page proposes an
    issue once (from the passage that shows it best). Passages in a contents
    page, glossary, references or terms of reference propose nothing.
    """
    passages = [p for p in passages_split(pages) if p.section != EXCLUDED]
    if not passages:
        return []
    scores, cause_similarity = passage_scores(model, passages)
    return suggestions_assemble(model, passages, scores, cause_similarity)


def suggestions_assemble(
    model: SuggestionModel,
    passages: Sequence[Passage],
    scores: np.ndarray,
    cause_similarity: np.ndarray,
) -> list[Suggestion]:
    """Suggestions from a score matrix (passages x issues), one per page and issue, best first."""
    best: dict[tuple[int, str], Suggestion] = {}
    for row, passage in enumerate(passages):
        for column in np.argsort(-scores[row], kind="stable")[:PER_PASSAGE]:
            code = model.codes[column]
            score = float(scores[row, column])
            key = (passage.page, code)
            if key in best and best[key].score >= score:
                continue
            best[key] = Suggestion(
                page=passage.page,
                excerpt=passage.text,
                issue_code=code,
                cause_keys=_causes(model, cause_similarity[row], int(column)),
                score=score if math.isfinite(score) else 0.0,
            )
    return sorted(best.values(), key=lambda s: (-s.score, s.page, s.issue_code))


def _causes(model: SuggestionModel, similarity: np.ndarray, issue: int) -> tuple[str, ...]:
    """The issue's causes that the passage resembles, closest first.

    A cause counts when it shares words with the passage and is at least half
    as close as the closest one; an issue with no such cause gets none, so an
    analyst is never handed a cause the passage says nothing about.
    """
    columns = np.flatnonzero(model.cause_issue == issue)
    ranked = sorted(((similarity[c], c) for c in columns if similarity[c] > 0), reverse=True)
    if not ranked:
        return ()
    top = ranked[0][0]
    return tuple(model.cause_keys[c] for s, c in ranked[:MAX_CAUSES] if s >= top / 2)
