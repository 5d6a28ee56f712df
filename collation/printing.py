"""PDFs of printable pages, made by Debian's Chromium from the page's own HTML.

A page's PDF is the page itself, rendered by the same view and template, then
printed by headless Chromium with the print styles (``@media print``: A4, no
header, footer, navigation or link addresses). There is no second template to
keep in step.

Chromium rather than WeasyPrint, measured on the demo's pages (a training pack, a
year's overview, a briefing for managers; two busy shared cores): Chromium 1.0–1.4 s
a PDF, WeasyPrint 70 0.23–0.59 s, the same page counts. But WeasyPrint drew the
overview's SVG bars black (the charts' CSS does not reach inline SVG there), while
Chromium prints exactly what the browser tests check; and Chromium is already
installed for those tests, so it adds no dependency. For the time it costs, a
published page's PDF is made once per public version (see ``pdf_response``).

The stylesheets are read from disk (``file://``), never from the network;
scripts are dropped. ``PdfUnavailable`` says why a PDF could not be made
(Chromium missing, too slow, or failed), for a clear error page.
"""

import copy
import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from scr_platform.response_cache import CACHE_SECONDS, public_version

_STATIC = re.compile(r'(href|src)="' + re.escape(settings.STATIC_URL) + r'([^"?#]+)"')
_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL | re.IGNORECASE)


class PdfUnavailable(Exception):
    """The PDF could not be made; the message says why, for the error page."""


def _static_file(name: str) -> Path | None:
    try:
        found = Path(staticfiles_storage.path(name))
    except (NotImplementedError, ValueError):
        found = None
    if found is None or not found.exists():
        located = finders.find(name)
        found = Path(located) if located else None
    return found


def _local(html: str) -> str:
    """The page with its stylesheets and images read from disk and no scripts."""

    def replace(match: re.Match) -> str:
        found = _static_file(match[2])
        return f'{match[1]}="{found.as_uri()}"' if found else f'{match[1]}=""'

    return _STATIC.sub(replace, _SCRIPT.sub("", html))


def chromium_path() -> str | None:
    configured = settings.PDF_CHROMIUM_PATH
    return shutil.which(configured) or (configured if Path(configured).is_file() else None)


def pdf_from_html(html: str) -> bytes:
    """Print ``html`` (a whole page) to PDF with headless Chromium and its print styles."""
    chromium = chromium_path()
    if chromium is None:
        raise PdfUnavailable("Chromium, which makes the PDFs, is not installed on this server.")
    with tempfile.TemporaryDirectory(prefix="scr-pdf-") as folder:
        page, out = Path(folder) / "page.html", Path(folder) / "page.pdf"
        page.write_text(_local(html), encoding="utf-8")
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-extensions",
            "--disable-background-networking",
            "--no-first-run",
            "--no-pdf-header-footer",
            "--allow-file-access-from-files",
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        # Its own process group: on a timeout, Chromium's renderer and helper
        # processes are ended with it, not left behind.
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            process.wait(timeout=settings.PDF_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as error:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise PdfUnavailable("Making the PDF took too long.") from error
        if not out.exists() or out.stat().st_size == 0:
            raise PdfUnavailable("Chromium could not make the PDF.")
        return out.read_bytes()


def pdf_response(
    request,
    *,
    template: str,
    context_for: Callable[[HttpRequest], dict],
    filename: str,
    public: bool,
    page_url: str,
):
    """The page ``template`` renders with ``context_for(request)``, as a PDF download.

    ``public``: the page is published, the same for everyone, so it is printed as
    the public sees it (signed out: no one's links or names in it) and kept under
    the public version; a draft's PDF is printed for the person asking, made each
    time and never stored. If no PDF can be made, a 503 page says why and links to
    the page.
    """
    key = f"collation:pdf:{request.path}:{public_version()}" if public else None
    pdf = cache.get(key) if key else None
    if pdf is None:
        reader = request
        if public:
            reader = copy.copy(request)
            reader.user = AnonymousUser()
        html = render(reader, template, {**context_for(reader), "printing": True})
        try:
            pdf = pdf_from_html(html.content.decode())
        except PdfUnavailable as error:
            return render(
                request,
                "collation/pdf_unavailable.html",
                {"reason": str(error), "page_url": page_url},
                status=503,
            )
        if key:
            cache.set(key, pdf, CACHE_SECONDS)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
