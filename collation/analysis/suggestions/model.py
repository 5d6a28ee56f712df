"""The suggestion model: the taxonomy's texts and analysts' decisions as term vectors.

Built from each practice issue's title and its causes ("why"), plus the
codings analysts accepted (positive examples of their issue) and the
suggestions they rejected (negative examples of that issue). Terms are
weighted by TF-IDF over those texts (``text.terms``), each text a unit vector,
so comparing a passage with a text is one sparse dot product.

A model is plain arrays: ``model_dumps`` writes them with numpy's ``savez``
(no pickle, so loading a stored model cannot run code) and ``model_loads``
reads them back in milliseconds. ``version`` is a hash of every input, so two
builds from the same taxonomy and decisions have the same version and any
change gives a new one.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from scr_platform.reference import a3_grid

from .text import terms

#: Bumped when the way a model is built or scored changes, so the version does too.
ALGORITHM = "tfidf-3"


@dataclass(frozen=True)
class IssueText:
    """A practice issue as the model sees it. Cause keys are ids (or the texts)."""

    code: str
    title: str
    causes: tuple[tuple[str, str], ...] = ()  # (key, text)


@dataclass(frozen=True)
class Example:
    """An analyst's decision: an excerpt accepted as showing an issue, or rejected."""

    text: str
    issue_code: str
    accepted: bool


@dataclass
class SuggestionModel:
    """Everything ``suggest`` needs, as arrays."""

    version: str
    codes: list[str]
    vocabulary: dict[str, int]
    idf: np.ndarray
    titles: sparse.csr_matrix  # one row per issue
    causes: sparse.csr_matrix  # one row per cause
    cause_issue: np.ndarray  # the issue (row in ``titles``) of each cause
    cause_keys: list[str]
    accepted: sparse.csr_matrix  # one row per accepted example
    accepted_issue: np.ndarray
    rejected: sparse.csr_matrix
    rejected_issue: np.ndarray
    extra: dict[str, float] = field(default_factory=dict)

    def vectors(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Unit TF-IDF vectors of texts over the model's vocabulary."""
        return _vectorise([terms(text) for text in texts], self.vocabulary, self.idf)


def taxonomy_from_grid() -> list[IssueText]:
    """The A3 grid as shipped in data/ (causes keyed by their text): for tests and benches."""
    return [
        IssueText(item["code"], item["title"], tuple((why, why) for why in item["why"]))
        for item in a3_grid()["issues"]
    ]


def model_version(issues: Iterable[IssueText], examples: Iterable[Example]) -> str:
    """A short hash of the algorithm, the taxonomy and the examples."""
    payload = {
        "algorithm": ALGORITHM,
        "issues": [[i.code, i.title, [list(c) for c in i.causes]] for i in issues],
        "examples": sorted([e.issue_code, e.accepted, e.text] for e in examples),
    }
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
    return f"{ALGORITHM}:{digest[:12]}"


def model_build(issues: Sequence[IssueText], examples: Sequence[Example] = ()) -> SuggestionModel:
    """Build a model from the taxonomy and (optionally) analysts' decisions on excerpts."""
    issues = list(issues)
    codes = [issue.code for issue in issues]
    row = {code: i for i, code in enumerate(codes)}
    examples = [e for e in examples if e.issue_code in row and e.text.strip()]

    title_terms = [terms(issue.title) for issue in issues]
    cause_pairs = [(i, key, text) for i, issue in enumerate(issues) for key, text in issue.causes]
    cause_terms = [terms(text) for _, _, text in cause_pairs]
    accepted = [e for e in examples if e.accepted]
    rejected = [e for e in examples if not e.accepted]
    accepted_terms = [terms(e.text) for e in accepted]
    rejected_terms = [terms(e.text) for e in rejected]

    # Document frequency over one document per issue (title, causes and accepted
    # excerpts together), so a term shared by many issues weighs little.
    issue_docs: list[set[str]] = [set(t) for t in title_terms]
    for (i, _, _), t in zip(cause_pairs, cause_terms, strict=True):
        issue_docs[i].update(t)
    for e, t in zip(accepted, accepted_terms, strict=True):
        issue_docs[row[e.issue_code]].update(t)
    df = Counter(term for doc in issue_docs for term in doc)
    vocabulary = {term: n for n, term in enumerate(sorted(df))}
    n_docs = len(issue_docs)
    idf = np.array(
        [math.log((1 + n_docs) / (1 + df[term])) + 1 for term in sorted(df)], dtype=np.float64
    )

    return SuggestionModel(
        version=model_version(issues, examples),
        codes=codes,
        vocabulary=vocabulary,
        idf=idf,
        titles=_vectorise(title_terms, vocabulary, idf),
        causes=_vectorise(cause_terms, vocabulary, idf),
        cause_issue=np.array([i for i, _, _ in cause_pairs], dtype=np.int32),
        cause_keys=[key for _, key, _ in cause_pairs],
        accepted=_vectorise(accepted_terms, vocabulary, idf),
        accepted_issue=np.array([row[e.issue_code] for e in accepted], dtype=np.int32),
        rejected=_vectorise(rejected_terms, vocabulary, idf),
        rejected_issue=np.array([row[e.issue_code] for e in rejected], dtype=np.int32),
    )


def _vectorise(
    docs: Sequence[Sequence[str]], vocabulary: dict[str, int], idf: np.ndarray
) -> sparse.csr_matrix:
    """Rows of sublinear TF times IDF, each scaled to unit length (all-zero rows stay zero)."""
    indptr, indices, data = [0], [], []
    for doc in docs:
        counts = Counter(vocabulary[t] for t in doc if t in vocabulary)
        for column, count in sorted(counts.items()):
            indices.append(column)
            data.append((1 + math.log(count)) * idf[column])
        indptr.append(len(indices))
    matrix = sparse.csr_matrix(
        (np.array(data, dtype=np.float64), np.array(indices, dtype=np.int32), indptr),
        shape=(len(docs), len(vocabulary)),
    )
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1 / norms) @ matrix)


_MATRICES = ("titles", "causes", "accepted", "rejected")
_ARRAYS = ("idf", "cause_issue", "accepted_issue", "rejected_issue")


def model_dumps(model: SuggestionModel) -> bytes:
    """The model as bytes (numpy ``.npz``, no pickle) for storing."""
    header = {
        "version": model.version,
        "codes": model.codes,
        "vocabulary": sorted(model.vocabulary, key=model.vocabulary.__getitem__),
        "cause_keys": model.cause_keys,
        "extra": model.extra,
        "shapes": {name: list(getattr(model, name).shape) for name in _MATRICES},
    }
    arrays: dict[str, np.ndarray] = {
        "header": np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    }
    for name in _ARRAYS:
        arrays[name] = getattr(model, name)
    for name in _MATRICES:
        matrix = getattr(model, name)
        arrays[f"{name}.data"] = matrix.data
        arrays[f"{name}.indices"] = matrix.indices
        arrays[f"{name}.indptr"] = matrix.indptr
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def model_loads(data: bytes) -> SuggestionModel:
    """A model from ``model_dumps``' bytes; ValueError if they are not one."""
    try:
        stored = np.load(io.BytesIO(data), allow_pickle=False)
        header = json.loads(bytes(stored["header"]).decode())
        matrices = {
            name: sparse.csr_matrix(
                (stored[f"{name}.data"], stored[f"{name}.indices"], stored[f"{name}.indptr"]),
                shape=tuple(header["shapes"][name]),
            )
            for name in _MATRICES
        }
        return SuggestionModel(
            version=header["version"],
            codes=header["codes"],
            vocabulary={term: n for n, term in enumerate(header["vocabulary"])},
            cause_keys=header["cause_keys"],
            extra=header["extra"],
            **{name: stored[name] for name in _ARRAYS},
            **matrices,
        )
    except (OSError, EOFError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise ValueError(f"not a stored suggestion model: {error}") from error
