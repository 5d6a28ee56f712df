"""Registering as a practitioner (/summits/register/) and confirming the e-mail address.

The pages never say whether an address has an account; registering and asking
for a new link are limited per address (the requester's) in the cache.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views import View
from django.views.decorators.http import require_GET

from scr_platform.forms import add_service_errors

from ..forms_summits import PractitionerRegisterForm, ResendForm
from ..services import practitioner_register, practitioner_verify, verification_resend
from ..services.limits import limit_reached

HOUR = 60 * 60
TOO_MANY = "You have tried this too many times in the last hour. Try again later."


def _site(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


class RegisterView(View):
    template_name = "alliance/summits/register.html"

    def get(self, request):
        if request.user.is_authenticated:
            return redirect("alliance:summit-list")
        return render(request, self.template_name, {"form": PractitionerRegisterForm()})

    def post(self, request):
        if request.user.is_authenticated:
            return redirect("alliance:summit-list")
        form = PractitionerRegisterForm(request.POST)
        if form.is_valid():
            if limit_reached(f"register:{_address(request)}", limit=5, window_seconds=HOUR):
                form.add_error(None, TOO_MANY)
            else:
                try:
                    practitioner_register(site=_site(request), **form.cleaned_data)
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    return redirect("alliance:practitioner-check-email")
        return render(request, self.template_name, {"form": form}, status=400)


@require_GET
def check_email_view(request):
    """The same page whether or not the address already had an account."""
    return render(request, "alliance/summits/check_email.html")


@require_GET
def verify_view(request, token: str):
    try:
        practitioner = practitioner_verify(token=token)
    except ValidationError as error:
        context = {"error": " ".join(error.messages)}
        return render(request, "alliance/summits/verify.html", context, status=400)
    return render(request, "alliance/summits/verify.html", {"practitioner": practitioner})


class ResendView(View):
    """Ask for a new link; the answer is the same whoever the address belongs to."""

    template_name = "alliance/summits/resend.html"

    def get(self, request):
        return render(request, self.template_name, {"form": ResendForm()})

    def post(self, request):
        form = ResendForm(request.POST)
        if form.is_valid():
            email = form.cleaned_data["email"].lower()
            if limit_reached(
                f"resend:{_address(request)}", limit=5, window_seconds=HOUR
            ) or limit_reached(f"resend:{email}", limit=3, window_seconds=HOUR):
                form.add_error(None, TOO_MANY)
            else:
                verification_resend(email=email, site=_site(request))
                return redirect("alliance:practitioner-check-email")
        return render(request, self.template_name, {"form": form}, status=400)
