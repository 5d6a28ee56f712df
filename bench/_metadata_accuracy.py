"""Metadata proposals against the samples' truth: how many fields are right."""

from __future__ import annotations

from collation.analysis.metadata import metadata_propose
from collation.choices import ReviewModel
from scr_platform.reference import reference

FIELDS = (
    "board",
    "title",
    "child_pseudonym",
    "publication_date",
    "lead_reviewer",
    "review_model",
    "incident",
    "child_age_band",
    "child_sex",
    "abuse_categories",
    "agencies",
)


def expected(metadata: dict) -> dict:
    """The truth file's metadata in the platform's values."""
    models = {label: value for value, label in ReviewModel.choices}
    return {
        "board": metadata["board"],
        "title": metadata["title"],
        "child_pseudonym": metadata["child_pseudonym"],
        "publication_date": metadata["publication_date"],
        "lead_reviewer": metadata["lead_reviewer"],
        "review_model": models.get(metadata["review_model"], "other"),
        "incident": metadata["incident_outcome"].replace(" ", "_"),
        "child_age_band": metadata["child_age_band"].replace("-", "_").replace(" ", "_"),
        "child_sex": metadata["child_sex"],
        "abuse_categories": sorted(c.split()[0] for c in metadata["abuse_categories"]),
        "agencies": sorted(metadata["agencies_involved"]),
    }


def metadata_accuracy(samples: list[dict]) -> tuple[int, int, int, list[str]]:
    """(right, proposed, fields, misses): a field not proposed counts as not right."""
    boards = sorted({s["truth"]["metadata"]["board"] for s in samples})
    agencies = reference()["agencies_rr157"]
    right = proposed = total = 0
    misses = []
    for sample in samples:
        truth = expected(sample["truth"]["metadata"])
        found = metadata_propose(sample["pages"], boards=boards, agencies=agencies)
        for field in FIELDS:
            total += 1
            proposal = found.get(field)
            if proposal is None:
                misses.append(f"{sample['name']} {field}: not proposed (truth {truth[field]!r})")
                continue
            proposed += 1
            value = proposal.value
            value = sorted(value) if isinstance(value, list) else str(value)
            if value == truth[field]:
                right += 1
            else:
                misses.append(f"{sample['name']} {field}: {value!r} (truth {truth[field]!r})")
    return right, proposed, total, misses
