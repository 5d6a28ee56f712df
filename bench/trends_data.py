"""The trends benchmark's data: published reviews with codings on the practice issues,
with popularity, drift over the decade and regional tilt, from a seed."""

import math
import random
import time
from datetime import UTC, date, timedelta

from _support import bench_boards, bench_document, bench_review

REVIEWS = 5_000
CODINGS_PER_REVIEW = 20
BOARDS = 60
FIRST_YEAR, LAST_YEAR = 2010, 2020
SEED = 20_100_101


def _weights(rng, issues, regions):
    """Per issue: popularity, drift over the decade; per (region, issue): a tilt."""
    order = list(range(len(issues)))
    rng.shuffle(order)
    popularity = {issue: 1.0 / (1 + rank) ** 0.9 for issue, rank in zip(issues, order, strict=True)}
    drift = {issue: rng.choice([-1.6, -0.8, 0.0, 0.0, 0.0, 0.8, 1.6]) for issue in issues}
    tilt = {(region, issue): math.exp(rng.gauss(0, 0.35)) for region in regions for issue in issues}
    return popularity, drift, tilt


def generate() -> None:
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.utils import timezone

    from collation.models import Agency, PracticeIssue, Review, ReviewDocument
    from scr_platform.accounts.choices import Region, Role
    from scr_platform.accounts.models import User

    rng = random.Random(SEED)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE collation_review RESTART IDENTITY CASCADE")
    coder, _ = User.objects.get_or_create(username="bench-coder")
    # Only codings a second analyst verified count in the figures.
    verifier, _ = User.objects.get_or_create(username="bench-verifier")
    coder.groups.add(Group.objects.get(name=Role.ANALYST.label))

    regions = list(Region.values)
    boards = bench_boards(BOARDS)

    span = (date(LAST_YEAR, 12, 31) - date(FIRST_YEAR, 1, 1)).days
    now = timezone.now()
    reviews = []
    for index in range(REVIEWS):
        published_on = date(FIRST_YEAR, 1, 1) + timedelta(days=rng.randint(0, span))
        reviews.append(
            bench_review(
                rng,
                index=index,
                year=published_on.year,
                board=boards[rng.randrange(BOARDS)],
                publication_date=published_on,
                now=now,
                published_by=coder,
            )
        )
    with transaction.atomic():
        reviews = Review.objects.bulk_create(reviews, batch_size=1_000)
        agencies = list(Agency.objects.values_list("pk", flat=True))
        through = Review.agencies.through
        through.objects.bulk_create(
            (
                through(review_id=review.pk, agency_id=agency)
                for review in reviews
                for agency in rng.sample(agencies, k=min(len(agencies), rng.randint(2, 6)))
            ),
            batch_size=5_000,
        )
        documents = ReviewDocument.objects.bulk_create(
            (bench_document(review, uploaded_by=coder, public_copy=True) for review in reviews),
            batch_size=1_000,
        )

    issues = list(
        PracticeIssue.objects.filter(retired_at__isnull=True).values_list("pk", flat=True)
    )
    board_region = {board.pk: board.region for board in boards}
    popularity, drift, tilt = _weights(rng, issues, regions)
    stamp = now.astimezone(UTC)
    written = 0
    with (
        connection.cursor() as cursor,
        cursor.copy(
            "COPY collation_coding (document_id, page, excerpt, issue_id, note, coder_id, "
            "created_at, updated_at, verification, verified_by_id, verified_at, disagreement, "
            "resolution) FROM STDIN"
        ) as copy,
    ):
        for review, document in zip(reviews, documents, strict=True):
            when = (review.publication_date.year - FIRST_YEAR) / (LAST_YEAR - FIRST_YEAR) - 0.5
            region = board_region[review.board_id]
            weights = [
                popularity[i] * math.exp(drift[i] * when) * tilt[(region, i)] for i in issues
            ]
            for issue in rng.choices(issues, weights=weights, k=CODINGS_PER_REVIEW):
                copy.write_row(
                    (
                        document.pk,
                        rng.randint(1, 40),
                        "The professionals did not share what they knew.",
                        issue,
                        "",
                        coder.pk,
                        stamp,
                        stamp,
                        "agreed",
                        verifier.pk,
                        stamp,
                        "",
                        "",
                    )
                )
                written += 1
    with connection.cursor() as cursor:
        for table in ("collation_review", "collation_reviewdocument", "collation_coding"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    print(
        f"  {len(reviews):,} published reviews, {len(documents):,} documents, "
        f"{written:,} codings in {time.perf_counter() - started:.1f} s",
        flush=True,
    )


def ensure_data(regenerate: bool) -> None:
    from collation.models import Coding, Review, ReviewDocument
    from collation.models.documents import NO_REDACTIONS

    published = Review.objects.filter(status="published").count()
    reviews = Review.objects.count()
    codings = Coding.objects.filter(document__superseded_by__isnull=True).count()
    wanted = (REVIEWS, REVIEWS, REVIEWS * CODINGS_PER_REVIEW)
    if (published, reviews, codings) == wanted and not regenerate:
        print(f"Using the stored data: {published:,} published reviews, {codings:,} codings.")
        ReviewDocument.objects.filter(public_copy="").update(
            public_copy="public/bench/copy.pdf", public_copy_digest=NO_REDACTIONS
        )
        return
    print(f"Generating data (found {published:,} published reviews, {codings:,} codings)…")
    generate()
