"""Project-wide pages: the start page, your work, the health check and error pages."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from .dashboard import sections_for
from .health import health_report


class StartView(TemplateView):
    """The GOV.UK start page that explains the service to the public."""

    template_name = "start.html"


class DashboardView(LoginRequiredMixin, TemplateView):
    """Your work: what waits for the user, one section per role they hold; where signing
    in lands."""

    template_name = "dashboard.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(sections=sections_for(self.request.user), **kwargs)


@require_GET
@never_cache
def healthz(request):
    """Liveness and readiness for load balancers: 200 if healthy, 503 if not."""
    healthy, checks = health_report()
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; point them at ours."""
    return redirect(static("govuk/assets/images/favicon.ico"), permanent=True)


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def permission_denied(request, exception=None):
    # Every refusal in the apps is a sentence written for the person refused: say it.
    reason = str(exception) if isinstance(exception, PermissionDenied) else ""
    return render(request, "errors/403.html", {"reason": reason}, status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def csrf_failure(request, reason=""):
    """A form sent without its security token: usually an old page, or cookies turned off."""
    return render(request, "errors/403_csrf.html", status=403)


def server_error(request):
    # Rendered without the request context: whatever failed may be in it.
    return render(None, "errors/500.html", status=500)
