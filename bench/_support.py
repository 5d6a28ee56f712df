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
