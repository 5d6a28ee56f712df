"""The media volume full: a clear refusal, no document row and no file half-stored."""

import os
import subprocess

import pytest

from collation.services.ingestion import STORAGE_FULL_MESSAGE

from ._checks import files_under, unique_pdf, wait_until_processed
from ._stack import REPORTS
from .conftest import seed_uploader

pytestmark = pytest.mark.system

VOLUME_BYTES = 4 * 1024 * 1024


@pytest.fixture
def small_volume(tmp_path):
    """A 4 MB tmpfs as the media volume (mounting needs root, as CI runs)."""
    mount = tmp_path / "media"
    mount.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={VOLUME_BYTES},mode=0755", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if result.returncode:
        message = f"cannot mount a small tmpfs here: {result.stderr.strip()}"
        if os.environ.get("SYSTEM_REQUIRE_ALL") == "1":
            pytest.fail(message)
        pytest.skip(message)
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def free_bytes(folder) -> int:
    stats = os.statvfs(folder)
    return stats.f_bavail * stats.f_frsize


def leave_free(folder, wanted: int) -> None:
    """Grow or shrink a filler file until about ``wanted`` bytes are free on the volume."""
    filler = folder / "filler.bin"
    filler.touch()
    size = filler.stat().st_size + free_bytes(folder) - wanted
    with filler.open("r+b") as handle:
        handle.truncate(max(size, 0))
        # tmpfs allocates on write: write the bytes, not a sparse file.
        handle.seek(0)
        remaining = max(size, 0)
        while remaining:
            chunk = min(remaining, 65536)
            try:
                handle.write(b"\0" * chunk)
                handle.flush()
            except OSError:
                break
            remaining -= chunk


def document_count(private_postgres, stack) -> int:
    return private_postgres.sql(stack.name, "SELECT count(*) FROM collation_reviewdocument")[0][0]


def test_a_full_media_volume_refuses_uploads_clearly_and_stores_nothing(
    make_stack, small_volume, private_postgres, tmp_path
):
    stack = make_stack(media_root=small_volume)
    seeded = seed_uploader(stack)
    stack.start_web()
    stack.start_worker()

    def pdf(tag):  # the same report each time (same size), each with a new checksum
        return unique_pdf(tmp_path, tag, source=REPORTS[1])

    def upload(tag):
        return stack.api_upload(seeded["token"], seeded["review"], pdf(tag))

    status, [first] = upload("first")
    assert status == 202, first
    wait_until_processed(private_postgres, stack.name, first["document"])
    size = pdf("probe").stat().st_size

    # Less room than the file: refused while it is being received.
    leave_free(small_volume, size // 2)
    before = files_under(small_volume)
    status, [refused] = upload("too-big-for-the-room")
    assert status == 503, refused
    assert (refused["accepted"], refused["code"]) == (False, "storage_full")
    assert refused["message"] == STORAGE_FULL_MESSAGE
    assert document_count(private_postgres, stack) == 1
    assert files_under(small_volume) == before  # no partial copy, no temporary file
    assert "the media volume is full" in stack.log_text("web")

    # Room for one copy but not two: the checked file is moved, not copied, so it fits.
    leave_free(small_volume, size + size // 2)
    status, [fits] = upload("just-fits")
    assert status == 202, fits
    wait_until_processed(private_postgres, stack.name, fits["document"])

    # Once space is freed, uploads work again.
    (small_volume / "filler.bin").unlink()
    status, [after] = upload("after")
    assert status == 202, after
    wait_until_processed(private_postgres, stack.name, after["document"])
    assert document_count(private_postgres, stack) == 3
    assert not files_under(small_volume / "incoming")
