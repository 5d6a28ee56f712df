"""Requests no page can answer, refused once before any view, filter or serializer sees them."""

from django.core.exceptions import BadRequest
from django.http import Http404
from django.utils.datastructures import MultiValueDict

NUL = "\x00"
# Request-head values that are not HTTP_* headers but come from the client all the same.
_CLIENT_META = ("QUERY_STRING", "CONTENT_TYPE", "CONTENT_LENGTH")


def holds_nul(value) -> bool:
    """Whether a NUL byte is in the text, or in any key or text of the data, however nested."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, MultiValueDict):  # QueryDict: every value, not only the last
        value = dict(value.lists())
    if isinstance(value, dict):
        return any(holds_nul(key) or holds_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(holds_nul(item) for item in value)
    return False


def _query_has_nul(request) -> bool:
    return holds_nul(request.GET)


def _head_has_nul(request) -> bool:
    headers = (
        value
        for key, value in request.META.items()
        if (key.startswith("HTTP_") or key in _CLIENT_META) and isinstance(value, str)
    )
    # Cookies too, as parsed: a quoted cookie's \000 escape only becomes a NUL then.
    cookies = (text for item in request.COOKIES.items() for text in item)
    return any(NUL in text for text in (*headers, *cookies))


class RefuseNulMiddleware:
    """A NUL byte in the address is no page (404); in the query, a header or a cookie, a bad
    request (400). Both get the GOV.UK error page.

    No address, code, slug or search term holds a NUL, and PostgreSQL text cannot store
    one: passed on, it fails as a database error (a 500) in whichever lookup meets it
    first. Refusing it here covers every route, the admin and the API at once. Request
    bodies are left to Django's forms (which refuse NUL in every text field) and to the
    API's parsers (``scr_platform.parsers``); files are bytes that may hold anything.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path:
            raise Http404("No page has a NUL byte in its address.")
        if _query_has_nul(request) or _head_has_nul(request):
            raise BadRequest("The request holds a NUL byte.")
        return self.get_response(request)
