"""The coded corpus: every public coding as CSV, and as a REFI-QDA project (``.qdpx``)."""

from django.http import HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from scr_platform.response_cache import public_response_cache

from ..services.corpus.codings import codings_csv
from ..services.corpus.qdpx import corpus_qdpx

CODINGS_FILENAME = "scr-codings.csv"
QDPX_FILENAME = "scr-coded-corpus.qdpx"


@require_GET
@public_response_cache("codings-csv", everyone=True, headers=["Content-Disposition"])
def codings_csv_view(request):
    """Every public coding, one row each. The same for everyone, so cached for everyone."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{CODINGS_FILENAME}"'
    codings_csv(response)
    return response


@require_GET
def corpus_qdpx_view(request):
    """The public corpus for NVivo, ATLAS.ti, MAXQDA, QualCoder…: streamed as it is made.

    Not kept in the response cache: it holds every public page's text, too big
    to keep whole in Redis; it is written one document at a time instead.
    """
    response = StreamingHttpResponse(corpus_qdpx(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{QDPX_FILENAME}"'
    return response
