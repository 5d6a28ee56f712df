"""The API's root: one namespaced router per app, all under ``/api/``; and what every
app's API shares."""

from contextlib import contextmanager
from importlib import import_module

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import include, path
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

# URL prefix under /api/ -> the app's API URL module (which defines ``router``).
API_URL_MODULES = {
    "accounts": "scr_platform.accounts.api.urls",
    "collation": "collation.api.urls",
    "quality-markers": "quality_markers.api.urls",
    "alliance": "alliance.api.urls",
    "masterclasses": "masterclasses.api.urls",
}


def app_api_patterns() -> list:
    """``path()`` entries including each app's API under its prefix."""
    return [path(f"{prefix}/", include(module)) for prefix, module in API_URL_MODULES.items()]


class ApiRootView(APIView):
    """Lists every collection in the API, and where the schema and docs are."""

    permission_classes = [AllowAny]

    @extend_schema(exclude=True)
    def get(self, request, format=None):
        links = {
            "schema": reverse("schema", request=request, format=format),
            "docs": reverse("api-docs", request=request, format=format),
        }
        for prefix, module_name in API_URL_MODULES.items():
            module = import_module(module_name)
            for route, _viewset, basename in module.router.registry:
                links[f"{prefix}/{route}"] = reverse(
                    f"{module.app_name}:{basename}-list", request=request, format=format
                )
        return Response(links)


@contextmanager
def service_errors():
    """Turn a service's Django ValidationError into the API's 400."""
    try:
        yield
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        raise ValidationError(detail) from error
