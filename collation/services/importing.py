"""Bulk import: a folder of PDFs described by a CSV of metadata.

Resumable: a file whose checksum is already stored is reported as imported
before and skipped, so an interrupted import can simply be run again.
"""

import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from scr_platform.accounts.choices import Region
from scr_platform.accounts.models import Board, User

from ..choices import ChildAgeBand, ChildSex, DocumentKind, Incident, ReviewModel
from ..models import AbuseCategory, Agency, Review, ReviewDocument
from ..selectors.publication import review_publication_blockers
from .ingestion import DocumentRejected, document_ingest
from .reviews import review_create, review_publish

REQUIRED_COLUMNS = (
    "file",
    "board",
    "region",
    "reference",
    "title",
    "incident",
    "child_age_band",
    "child_sex",
)
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class ImportOutcome:
    filename: str
    status: str  # imported, skipped, rejected, invalid
    message: str
    review: Review | None = None


class ImportFileError(Exception):
    """The metadata file itself cannot be used; nothing was imported."""


def import_rows(csv_path: Path) -> list[dict[str, str]]:
    """Read and check the metadata CSV, or raise ``ImportFileError``."""
    try:
        with csv_path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ImportFileError(f"{csv_path.name} has no column {', '.join(missing)}.")
            return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ImportFileError(f"{csv_path} cannot be read: {error}") from error


def _choice(value: str, choices, column: str) -> str:
    value = value.strip()
    for key, label in choices.choices:
        if value.lower() in (key.lower(), label.lower()):
            return key
    allowed = ", ".join(label for _, label in choices.choices)
    raise ValidationError(f"{column} “{value}” is not one of: {allowed}.")


def _items(value: str) -> list[str]:
    return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]


def _review_for(row: dict[str, str], user: User) -> Review:
    region = _choice(row["region"], Region, "region")
    board, _ = Board.objects.get_or_create(
        name=row["board"], defaults={"slug": slugify(row["board"])[:200], "region": region}
    )
    existing = Review.objects.filter(board=board, reference=row["reference"]).first()
    if existing is not None:
        return existing
    categories = []
    for name in _items(row.get("abuse_categories", "")):
        code = name.lower().replace(" abuse", "")
        category = AbuseCategory.objects.filter(code=code).first()
        if category is None:
            raise ValidationError(f"abuse category “{name}” is not known.")
        categories.append(category)
    agencies = []
    for name in _items(row.get("agencies", "")):
        agency = Agency.objects.filter(name__iexact=name).first()
        if agency is None:
            raise ValidationError(f"agency “{name}” is not in the DFE-RR157 list.")
        agencies.append(agency)
    return review_create(
        user=user,
        board=board,
        reference=row["reference"],
        title=row["title"],
        publication_date=date.fromisoformat(row["publication_date"])
        if row.get("publication_date")
        else None,
        incident=_choice(row["incident"], Incident, "incident"),
        child_age_band=_choice(row["child_age_band"], ChildAgeBand, "child_age_band"),
        child_sex=_choice(row["child_sex"], ChildSex, "child_sex"),
        review_model=_choice(row["review_model"], ReviewModel, "review_model")
        if row.get("review_model")
        else "",
        lead_reviewer_name=row.get("lead_reviewer", ""),
        abuse_categories=categories,
        agencies=agencies,
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def reports_import(
    *, folder: Path, rows: list[dict[str, str]], user: User, publish: bool = False
) -> Iterator[ImportOutcome]:
    """Import each row's file into its review, yielding what happened to each."""
    for row in rows:
        name = row.get("file", "")
        path = folder / name
        if not name or not path.is_file():
            yield ImportOutcome(name or "(no file)", "invalid", f"{path} does not exist.")
            continue
        if ReviewDocument.objects.filter(sha256=_sha256(path)).exists():
            yield ImportOutcome(name, "skipped", "Already imported.")
            continue
        try:
            with transaction.atomic():
                review = _review_for(row, user)
        except (ValidationError, ValueError) as error:
            message = "; ".join(getattr(error, "messages", [str(error)]))
            yield ImportOutcome(name, "invalid", message)
            continue
        kind = row.get("kind") or DocumentKind.OVERVIEW_REPORT
        try:
            with path.open("rb") as stream:
                document_ingest(user=user, review=review, stream=stream, filename=name, kind=kind)
        except DocumentRejected as rejection:
            yield ImportOutcome(name, "rejected", rejection.message, review)
            continue
        message = "Imported."
        if publish:
            review.refresh_from_db()
            blockers = review_publication_blockers(review=review)
            if blockers:
                message = "Imported, not published: " + " ".join(blockers)
            elif not review.is_published:
                review_publish(user=user, review=review)
                message = "Imported and published."
        yield ImportOutcome(name, "imported", message, review)
