"""What the system tests read back: job and document state straight from the database."""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

from ._stack import REPORTS, PrivatePostgres, wait_for

JOB_SQL = """
SELECT j.status, j.message, j.attempts, j.progress_current, d.status, d.page_count, d.file,
       d.sha256, (SELECT count(*) FROM collation_documentpage p WHERE p.document_id = d.id),
       (SELECT count(DISTINCT number) FROM collation_documentpage p WHERE p.document_id = d.id)
FROM collation_processingjob j JOIN collation_reviewdocument d ON d.id = j.document_id
WHERE d.id = %s
"""


@dataclass(frozen=True)
class Job:
    status: str
    message: str
    attempts: int
    progress: int
    document_status: str
    page_count: int
    file: str
    sha256: str
    pages: int
    distinct_pages: int


def job(pg: PrivatePostgres, database: str, document_id: int) -> Job:
    [row] = pg.sql(database, JOB_SQL, document_id)
    return Job(*row)


def wait_until_processed(pg, database, document_id, *, timeout=120) -> Job:
    state = wait_for(
        lambda: (found := job(pg, database, document_id)).status in ("done", "failed") and found,
        timeout=timeout,
        what=f"document {document_id} to be processed",
    )
    assert state.status == "done", state
    assert state.document_status == "ready", state
    # Every page exactly once: nothing lost, nothing doubled by a second run.
    assert state.pages == state.distinct_pages == state.page_count, state
    return state


def unique_pdf(folder: Path, tag: str, source: Path | None = None) -> Path:
    """A sample report with a metadata field of its own, so its SHA-256 is new (not a duplicate)."""
    from pypdf import PdfWriter

    source = source or REPORTS[sum(tag.encode()) % len(REPORTS)]
    writer = PdfWriter(clone_from=str(source))
    writer.add_metadata({"/Subject": f"system test {tag} {os.urandom(8).hex()}"})
    buffer = io.BytesIO()
    writer.write(buffer)
    path = folder / f"{tag}.pdf"
    path.write_bytes(buffer.getvalue())
    return path


def long_report(folder: Path, pages: int, tag: str) -> Path:
    """Sample reports joined to about ``pages`` pages: slow enough to interrupt mid-job."""
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    while len(merged) < pages:
        for sample in REPORTS:
            source = pdfium.PdfDocument(str(sample))
            merged.import_pages(source)
            source.close()
            if len(merged) >= pages:
                break
    path = folder / f"{tag}-joined.pdf"
    merged.save(str(path))
    merged.close()
    return unique_pdf(folder, tag, source=path)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_under(folder: Path) -> list[Path]:
    return sorted(
        Path(root, name).relative_to(folder) for root, _, names in os.walk(folder) for name in names
    )
