"""Backup and restore: pg_dump and the media folder, restored into a fresh database and folder."""

import json
import shutil
import subprocess

import pytest

from ._checks import files_under, sha256, unique_pdf, wait_until_processed
from ._stack import ROOT, Stack
from .conftest import seed_uploader

pytestmark = pytest.mark.system


def script(name, *args, database_url, media_root):
    return subprocess.run(
        [str(ROOT / "scripts" / name), *map(str, args)],
        cwd=ROOT,
        env={
            "PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
            "DATABASE_URL": database_url,
            "DJANGO_MEDIA_ROOT": str(media_root),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_backup_restores_into_a_fresh_database_with_its_files(
    make_stack, private_postgres, artifacts, tmp_path
):
    source = make_stack()
    seeded = seed_uploader(source)
    source.start_web()
    source.start_worker()
    report = unique_pdf(tmp_path, "backed-up")
    status, [outcome] = source.api_upload(seeded["token"], seeded["review"], report)
    assert status == 202, outcome
    original = wait_until_processed(private_postgres, source.name, outcome["document"])

    # Taken while the service runs, as it would be in production.
    made = script(
        "backup.sh",
        artifacts / "backups",
        database_url=source.database_url,
        media_root=source.media_root,
    )
    assert made.returncode == 0, made.stderr
    backup = artifacts / "backups" / made.stdout.strip().splitlines()[-1].rsplit("/", 1)[-1]
    assert sorted(p.name for p in backup.iterdir()) == [
        "MANIFEST",
        "SHA256SUMS",
        "database.dump",
        "media.tar.gz",
    ]
    manifest = (backup / "MANIFEST").read_text()
    assert "reviews: 1" in manifest and "documents: 1" in manifest

    # Restore into a database that does not exist yet and an empty folder.
    target_db = f"{source.name[:40]}_restored"
    target_url = private_postgres.url(target_db)
    target_media = tmp_path / "restored-media"
    restored = script("restore.sh", backup, database_url=target_url, media_root=target_media)
    assert restored.returncode == 0, restored.stderr
    assert f"Created database {target_db}" in restored.stdout

    # The same rows...
    query = (
        "SELECT r.reference, r.title, d.sha256, d.file, j.status, "
        "(SELECT count(*) FROM collation_documentpage p WHERE p.document_id = d.id) "
        "FROM collation_review r JOIN collation_reviewdocument d ON d.review_id = r.id "
        "JOIN collation_processingjob j ON j.document_id = d.id ORDER BY d.id"
    )
    assert private_postgres.sql(target_db, query) == private_postgres.sql(source.name, query)
    # ...and the same files, byte for byte.
    assert files_under(target_media) == files_under(source.media_root)
    assert sha256(target_media / original.file) == sha256(report) == original.sha256

    # The restored copy serves: the same API token still works, the text is searchable.
    copy = Stack(
        name=target_db,
        database_url=target_url,
        redis_url=source.redis_url.rsplit("/", 1)[0] + "/9",
        media_root=target_media,
        static_root=source.static_root,
        logs=source.logs,
    )
    copy.start_web()
    try:
        auth = {"Authorization": f"Token {seeded['token']}"}
        _, _, body = copy.get(f"/api/collation/documents/{outcome['document']}/", headers=auth)
        assert json.loads(body)["sha256"] == original.sha256
        pages = f"/api/collation/documents/{outcome['document']}/pages/"
        _, _, body = copy.get(pages, headers=auth)
        assert json.loads(body)["count"] == original.page_count
    finally:
        copy.stop_all()

    # Restoring over live data is refused, and changes nothing.
    again = script("restore.sh", backup, database_url=target_url, media_root=tmp_path / "empty")
    assert again.returncode != 0
    assert "already has" in again.stderr
    over_files = script("restore.sh", backup, database_url=target_url, media_root=target_media)
    assert over_files.returncode != 0 and "not empty" in over_files.stderr

    # A damaged backup is refused before anything is touched.
    damaged_copy = tmp_path / "damaged"
    shutil.copytree(backup, damaged_copy)
    (damaged_copy / "media.tar.gz").write_bytes(b"damaged")
    damaged = script(
        "restore.sh",
        damaged_copy,
        database_url=private_postgres.url("never"),
        media_root=tmp_path / "x",
    )
    assert damaged.returncode != 0 and "checksums do not match" in damaged.stderr
    assert not private_postgres.sql("postgres", "SELECT 1 FROM pg_database WHERE datname = 'never'")
