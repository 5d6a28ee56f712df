"""The platform's addresses. Those in product.md's "Stable addresses" are a contract."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from . import views
from .api import ApiRootView, app_api_patterns

# Swagger UI and ReDoc style their widgets with inline styles, and ReDoc parses
# the schema in a blob: worker; only these two pages relax the policy, and only
# for that (scripts stay self and nonce only).
allow_inline_styles = csp_update({"style-src": [UNSAFE_INLINE], "worker-src": ["blob:"]})

admin.site.site_header = "SCR Learning Platform administration"
admin.site.site_title = "SCR Learning Platform"

api_patterns = [
    path("", ApiRootView.as_view(), name="api-root"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        allow_inline_styles(SpectacularSwaggerSplitView.as_view(url_name="schema")),
        name="api-docs",
    ),
    path(
        "redoc/",
        allow_inline_styles(SpectacularRedocView.as_view(url_name="schema")),
        name="api-redoc",
    ),
    *app_api_patterns(),
]

urlpatterns = [
    path("", views.StartView.as_view(), name="start"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("accounts/", include("scr_platform.accounts.urls")),
    path("api/", include(api_patterns)),
    path("admin/", admin.site.urls),
    path("", include("collation.urls")),
    path("", include("quality_markers.urls")),
    path("", include("alliance.urls")),
    path("", include("masterclasses.urls")),
]

handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error
