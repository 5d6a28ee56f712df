"""Shared by the benchmarks: a database of their own, Django, sample PDFs, memory."""

import os
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAMPLES = sorted((ROOT / "tests/fixtures/samples/reports").glob("*.pdf"))


def ensure_database(db_url: str) -> None:
    """Create the benchmark database on its server if it is missing."""
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    name = conninfo_to_dict(db_url).get("dbname")
    with psycopg.connect(make_conninfo(db_url, dbname="postgres"), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}.")


def setup_django(db_url: str, **environment: str) -> None:
    """Point Django at ``db_url`` (embedded-default style: no Redis, tasks in-process)."""
    os.environ["DATABASE_URL"] = db_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "scr_platform.settings"
    os.environ["DJANGO_DEBUG"] = "true"
    os.environ.pop("REDIS_URL", None)
    os.environ.update(environment)
    import django

    django.setup()


def build_long_report(target_pages: int, out: Path) -> int:
    """Join the sample reports, cycling, into one PDF of at least ``target_pages`` pages."""
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    try:
        while len(merged) < target_pages:
            for sample in SAMPLES:
                source = pdfium.PdfDocument(str(sample))
                try:
                    merged.import_pages(source)
                finally:
                    source.close()
                if len(merged) >= target_pages:
                    break
        merged.save(str(out))
        return len(merged)
    finally:
        merged.close()


def peak_rss_mb() -> float:
    """This process's peak resident memory (ru_maxrss is in kilobytes on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_boards(count: int) -> list:
    """The benchmarks' boards, ``bench-lscb-1`` to ``-<count>``, made or kept as they are."""
    from scr_platform.accounts.choices import Region
    from scr_platform.accounts.models import Board

    regions = list(Region.values)
    return [
        Board.objects.update_or_create(
            slug=f"bench-lscb-{number}",
            defaults={
                "name": f"Bench Local Safeguarding Children Board {number}",
                "region": regions[number % len(regions)],
            },
        )[0]
        for number in range(1, count + 1)
    ]


def bench_review(rng, *, index: int, year: int, board, publication_date, now, published_by=None):
    """A review, unsaved: published when it has a publication date, else a draft.

    Incident, the child's age band and sex, and the review model are drawn from
    ``rng``, in that order, so a seeded run makes the same reviews.
    """
    from collation.choices import ChildAgeBand, ChildSex, Incident, ReviewModel, ReviewStatus
    from collation.models import Review

    published = publication_date is not None
    return Review(
        board=board,
        reference=f"SCR-{year}-{index:05d}",
        title=f"Serious case review: Child {index:05d}",
        publication_date=publication_date,
        incident=Incident.DEATH if rng.random() < 0.55 else Incident.SERIOUS_HARM,
        child_age_band=rng.choice(ChildAgeBand.values),
        child_sex=rng.choice(ChildSex.values),
        review_model=rng.choice(ReviewModel.values),
        lead_reviewer_name="Bench Reviewer",
        status=ReviewStatus.PUBLISHED if published else ReviewStatus.DRAFT,
        published_at=now if published else None,
        published_by=published_by,
    )


def bench_document(review, *, uploaded_by, pages: int = 40, public_copy: bool = False):
    """A processed overview report of ``review``, unsaved, with no file behind it; with
    ``public_copy``, as if its public copy had been made with nothing to redact."""
    from collation.choices import DocumentStatus
    from collation.models import ReviewDocument
    from collation.models.documents import NO_REDACTIONS

    copy = {"public_copy": f"public/bench/{review.pk:06d}.pdf", "public_copy_digest": NO_REDACTIONS}
    return ReviewDocument(
        **(copy if public_copy else {}),
        review=review,
        kind="overview_report",
        file=f"reviews/bench/{review.pk:06d}.pdf",
        original_filename=f"overview-{review.pk:06d}.pdf",
        sha256=f"{review.pk:064x}",
        size_bytes=pages * 40_000,
        page_count=pages,
        status=DocumentStatus.READY,
        uploaded_by=uploaded_by,
    )
