"""The API's body parsers: DRF's own three, refusing a NUL byte (the rule of
``scr_platform.middleware``, applied to bodies).

Kept apart from ``scr_platform.api``: DRF imports its parser classes while
``rest_framework.views`` is still loading, so they cannot import a view.
"""

from rest_framework import parsers
from rest_framework.exceptions import ValidationError
from rest_framework.settings import api_settings

from .middleware import holds_nul

NUL_MESSAGE = "The request body holds a NUL byte (character 0): remove it."


class _RefuseNul:
    """A body holding a NUL byte in any key or text is a 400 (uploaded files are not read).

    Serializers' text fields refuse NUL, but a related field looks its slug up in
    PostgreSQL, which cannot hold one: a database error, a 500. The same rule as
    the middleware's for the address, query and headers.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        parsed = super().parse(stream, media_type, parser_context)
        if holds_nul(getattr(parsed, "data", parsed)):  # multipart gives data and files
            # Shaped like any other invalid body, as the schema documents 400s.
            raise ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [NUL_MESSAGE]})
        return parsed


class JSONParser(_RefuseNul, parsers.JSONParser):
    pass


class FormParser(_RefuseNul, parsers.FormParser):
    pass


class MultiPartParser(_RefuseNul, parsers.MultiPartParser):
    pass
