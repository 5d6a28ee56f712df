"""The coded corpus as a REFI-QDA project: how fast ``/trends/corpus.qdpx`` is written.

Run: ``.venv/bin/python bench/corpus_export.py [--reviews 200] [--regenerate]``

Data (made once, in PostgreSQL ``scr_bench_corpus`` on 127.0.0.1): published
reviews of 40 pages of report-like text each (``textgen.py``, seeded), with
20 verified codings per review quoting a sentence of one of their pages.

Figures, each over every public page:

* reference: reading the pages' text from PostgreSQL, as the export does
  (the floor: nothing can be faster than reading the text once);
* export: the whole ``.qdpx`` (sources, excerpt positions, codebook, zip),
  consumed as the streaming response would send it, and how many times the
  reference it takes;
* memory: how much the process's peak resident memory grew while exporting
  (the export holds one document's text at a time, so it must not grow with
  the corpus).

Targets: the national corpus (120,000 pages, as ``search_latency.py``) in
under 10 minutes, extrapolated from pages per second; memory growth under
200 MB; every coding located.
"""

import argparse
import io
import random
import time
import zipfile
from datetime import UTC

from _support import (
    bench_boards,
    bench_document,
    bench_review,
    ensure_database,
    peak_rss_mb,
    setup_django,
)
from textgen import TextGenerator

DB_URL = "postgres://postgres@127.0.0.1:5432/scr_bench_corpus"
PAGES = 40
CODINGS_PER_REVIEW = 20
NATIONAL_PAGES = 120_000
TARGET_SECONDS = 600
TARGET_MEMORY_MB = 200
SEED = 20_161_201


def generate(reviews: int) -> None:
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.utils import timezone

    from collation.choices import CodingVerification
    from collation.models import PracticeIssue, Review, ReviewDocument
    from scr_platform.accounts.choices import Role
    from scr_platform.accounts.models import User

    rng, text = random.Random(SEED), TextGenerator(SEED)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE collation_review RESTART IDENTITY CASCADE")
    analysts = [User.objects.get_or_create(username=name)[0] for name in ("coder", "verifier")]
    for user in analysts:
        user.groups.add(Group.objects.get(name=Role.ANALYST.label))
    coder, verifier = analysts
    boards = bench_boards(20)
    now = timezone.now()
    issues = list(
        PracticeIssue.objects.filter(retired_at__isnull=True).values_list("pk", flat=True)
    )
    with transaction.atomic():
        made = Review.objects.bulk_create(
            bench_review(
                rng,
                index=index,
                year=2016,
                board=boards[index % len(boards)],
                publication_date=now.date(),
                now=now,
                published_by=coder,
            )
            for index in range(reviews)
        )
        documents = ReviewDocument.objects.bulk_create(
            bench_document(review, uploaded_by=coder, pages=PAGES, public_copy=True)
            for review in made
        )
    stamp = now.astimezone(UTC)
    with connection.cursor() as cursor:
        for document in documents:
            pages = [text.page(number=n) for n in range(1, PAGES + 1)]
            with cursor.copy(
                "COPY collation_documentpage (document_id, number, text) FROM STDIN"
            ) as copy:
                for number, page in enumerate(pages, start=1):
                    copy.write_row((document.pk, number, page))
            with cursor.copy(
                "COPY collation_coding (document_id, page, excerpt, issue_id, note, coder_id, "
                "verification, verified_by_id, verified_at, disagreement, resolution, "
                "created_at, updated_at) FROM STDIN"
            ) as copy:
                for _ in range(CODINGS_PER_REVIEW):
                    number = rng.randint(1, PAGES)
                    sentences = [s for s in pages[number - 1].split(".") if len(s.split()) > 4]
                    copy.write_row(
                        (
                            document.pk,
                            number,
                            " ".join(rng.choice(sentences).split()),  # spacing differs
                            rng.choice(issues),
                            "",
                            coder.pk,
                            CodingVerification.AGREED,
                            verifier.pk,
                            stamp,
                            "",
                            "",
                            stamp,
                            stamp,
                        )
                    )
        for table in ("collation_documentpage", "collation_coding", "collation_reviewdocument"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    print(
        f"  {reviews:,} reviews, {reviews * PAGES:,} pages, {reviews * CODINGS_PER_REVIEW:,} "
        f"codings in {time.perf_counter() - started:.1f} s",
        flush=True,
    )


def ensure_data(reviews: int, regenerate: bool) -> None:
    from collation.models import Coding, ReviewDocument

    found = (ReviewDocument.objects.public().count(), Coding.objects.public().count())
    if found == (reviews, reviews * CODINGS_PER_REVIEW) and not regenerate:
        print(f"Using the stored data: {found[0]:,} public documents, {found[1]:,} codings.")
        return
    print(f"Generating data (found {found[0]:,} public documents, {found[1]:,} codings)…")
    generate(reviews)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reviews", type=int, default=200)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    ensure_database(DB_URL)
    setup_django(DB_URL)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    ensure_data(args.reviews, args.regenerate)

    from collation.models import DocumentPage, ReviewDocument
    from collation.services.corpus.qdpx import PROJECT_FILE, corpus_qdpx

    started = time.perf_counter()
    characters = pages = 0
    for text in (
        DocumentPage.objects.filter(document__in=ReviewDocument.objects.public())
        .order_by("document_id", "number")
        .values_list("text", flat=True)
        .iterator(chunk_size=500)
    ):
        characters += len(text)
        pages += 1
    reference = time.perf_counter() - started

    before = peak_rss_mb()
    started = time.perf_counter()
    data = io.BytesIO()
    for chunk in corpus_qdpx():
        data.write(chunk)
    export = time.perf_counter() - started
    growth = peak_rss_mb() - before
    project = zipfile.ZipFile(data).read(PROJECT_FILE)
    located = project.count(b"<PlainTextSelection ")
    codings = args.reviews * CODINGS_PER_REVIEW

    national = NATIONAL_PAGES / (pages / export)
    print(f"Corpus: {pages:,} pages ({characters / 1e6:.1f} M characters), {codings:,} codings")
    print(
        f"  reference (read the text once)  {reference:6.2f} s  {pages / reference:8,.0f} pages/s"
    )
    print(
        f"  export (.qdpx, {data.tell() / 1e6:.1f} MB)       {export:6.2f} s  "
        f"{pages / export:8,.0f} pages/s  ({export / reference:.1f}× the reference)"
    )
    print(
        f"  national corpus, {NATIONAL_PAGES:,} pages: {national:.0f} s "
        f"(target < {TARGET_SECONDS} s) {'OK' if national < TARGET_SECONDS else 'MISSED'}"
    )
    print(
        f"  memory growth while exporting: {growth:.0f} MB "
        f"(target < {TARGET_MEMORY_MB} MB) {'OK' if growth < TARGET_MEMORY_MB else 'MISSED'}"
    )
    print(
        f"  codings located: {located:,} of {codings:,} {'OK' if located == codings else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
