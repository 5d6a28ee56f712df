"""PostgreSQL restarted during use: a clear error page while it is away, full service after."""

import threading
import time
from collections import Counter

import pytest

from ._checks import files_under, job, long_report, unique_pdf, wait_until_processed
from ._stack import wait_for
from .conftest import seed_uploader

pytestmark = pytest.mark.system

PUBLIC_PAGES = ("/reviews/", "/search/?q=neglect", "/")


class Browsing(threading.Thread):
    """Public readers, one request after another, recording each status."""

    def __init__(self, stack):
        super().__init__(daemon=True)
        self.stack = stack
        self.results: list[tuple[float, int]] = []
        self.halt = threading.Event()

    def run(self):
        index = 0
        while not self.halt.is_set():
            path = PUBLIC_PAGES[index % len(PUBLIC_PAGES)]
            index += 1
            try:
                status = self.stack.request(path, timeout=30)[0]
            except OSError:
                status = 0  # no answer at all
            self.results.append((time.monotonic(), status))
            time.sleep(0.02)

    def statuses_after(self, moment: float) -> Counter:
        return Counter(status for at, status in self.results if at >= moment)


def test_postgres_restarted_during_use(make_stack, private_postgres, tmp_path):
    stack = make_stack()
    seeded = seed_uploader(stack)
    stack.start_web(workers=2)
    stack.start_worker(concurrency=1)
    readers = Browsing(stack)
    readers.start()
    try:
        # A long document is being read when the database restarts under it.
        status, [outcome] = stack.api_upload(
            seeded["token"], seeded["review"], long_report(tmp_path, 500, "restart")
        )
        assert status == 202, outcome
        document = outcome["document"]
        wait_for(
            lambda: job(private_postgres, stack.name, document).status == "extracting",
            timeout=60,
            what="processing to start",
            interval=0.05,
        )
        private_postgres.restart()

        # Then a longer outage, to see what users see meanwhile.
        stack.get("/reviews/")  # the public's list, now in the cache
        private_postgres.stop()
        try:
            # Public pages already in the cache are still served; anything else
            # gets the service's error page.
            status, _, body = stack.request("/reviews/")
            assert status == 200
            status, _, body = stack.request("/reviews/?not-a-filter=1")
            assert status == 500
            assert b"Sorry, there is a problem with the service" in body
            status, _, body = stack.request("/healthz")
            assert status == 503 and b"database" in body
            before = files_under(stack.media_root)
            status, _ = stack.api_upload(
                seeded["token"], seeded["review"], unique_pdf(tmp_path, "while-down")
            )
            assert status >= 500
            assert files_under(stack.media_root) == before  # nothing stored half-way
        finally:
            private_postgres.start()
        back = time.monotonic()

        # Every gunicorn worker notices the new server by itself (health-checked connections).
        wait_for(lambda: stack.get("/healthz", expect=None)[0] == 200, timeout=30, what="healthz")
        time.sleep(3)
        settled = time.monotonic()
        time.sleep(5)
        after = readers.statuses_after(settled)
        assert set(after) == {200}, after

        # The interrupted job retries by itself and finishes, every page once.
        state = wait_until_processed(private_postgres, stack.name, document, timeout=240)
        assert state.attempts >= 2

        # And uploads work again.
        status, [later] = stack.api_upload(
            seeded["token"], seeded["review"], unique_pdf(tmp_path, "after")
        )
        assert status == 202, later
        wait_until_processed(private_postgres, stack.name, later["document"])
        recovery = readers.statuses_after(back)
        assert recovery[0] == 0, "a request got no answer at all"
    finally:
        readers.halt.set()
        readers.join(timeout=30)
    assert stack.processes["web"].poll() is None
    assert stack.processes["worker"].poll() is None
