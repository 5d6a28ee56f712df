"""Requests no page can answer, refused once before any view, filter or serializer sees them;
and GOV.UK error pages in every profile, with DEBUG on too."""

import logging

from django.conf import settings
from django.core import signals
from django.core.exceptions import (
    BadRequest,
    DisallowedHost,
    PermissionDenied,
    SuspiciousOperation,
)
from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils.datastructures import MultiValueDict

from . import views

logger = logging.getLogger("django.request")

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
        # The pages are returned, not raised: with DEBUG on, Django would answer a raised
        # Http404 or BadRequest with its own debug page.
        if NUL in request.path:
            return views.page_not_found(request)
        if _query_has_nul(request) or _head_has_nul(request):
            return views.bad_request(request)
        return self.get_response(request)


def _resolves(request) -> bool:
    try:
        resolve(request.path_info, urlconf=getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return True


class GovukErrorPagesMiddleware:
    """With DEBUG on (``make run``), answer errors with the GOV.UK pages, not Django's.

    Django's debug pages list every address of the service and show tracebacks; nobody
    using the service should meet them, on a developer's machine either. With DEBUG off
    Django already calls the ``handler*`` views, so this does nothing. Unhandled errors
    are still logged with their traceback (``django.request``), so a developer sees them
    in the console. The API's own errors never come here: Django REST framework answers
    them with JSON inside the view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.DEBUG:
            try:
                request.get_host()  # CommonMiddleware's check, which would raise it later
            except DisallowedHost:
                return views.bad_request(request)
        response = self.get_response(request)
        # An address that matches no pattern: Django's debug 404 lists every pattern.
        if settings.DEBUG and response.status_code == 404 and not _resolves(request):
            return views.page_not_found(request)
        return response

    def process_exception(self, request, exception):
        if not settings.DEBUG:
            return None  # Django calls the handler views itself.
        if isinstance(exception, Http404):
            return views.page_not_found(request)
        if isinstance(exception, BadRequest | SuspiciousOperation):
            logger.warning("Bad request: %s", request.path, exc_info=exception)
            return views.bad_request(request)
        if isinstance(exception, PermissionDenied):
            return None  # Django calls handler403 in every profile.
        signals.got_request_exception.send(sender=None, request=request)
        logger.error("Internal Server Error: %s", request.path, exc_info=exception)
        return views.server_error(request)
