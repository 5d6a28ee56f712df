"""Following pages: follow (/follow/), confirm, manage, and one-click unsubscribe.

The public confirm by e-mail and manage through the signed link in every
e-mail; signed-in users follow at once and manage at /follow/mine/.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from scr_platform.forms import add_service_errors

from ..following_forms import FollowForm, FrequencyForm
from ..models import Follower
from ..selectors.following import follow_initial, follower_follows
from ..services.following import (
    FollowRateLimited,
    follow_add_for_user,
    follow_confirm,
    follow_request,
    follow_stop,
    follower_frequency_set,
    follower_from_token,
    follower_unsubscribe,
    manage_token,
)

RATE_LIMITED = "You have asked to follow too many things in the last hour. Try again in an hour."


def _client_ip(request) -> str:
    # The same headers, in the same order, as the sign-in lockout trusts (AXES_IP_HEADERS).
    for header in settings.AXES_IPWARE_META_PRECEDENCE_ORDER:
        if value := request.META.get(header, ""):
            return value.split(",")[0].strip()
    return ""


class FollowView(View):
    """What to follow and how often; the public also give the address to confirm."""

    template_name = "collation/following/follow.html"

    def _render(self, request, form, status=200):
        return render(request, self.template_name, {"form": form}, status=status)

    def get(self, request):
        signed_in = request.user.is_authenticated
        return self._render(
            request,
            FollowForm(initial=follow_initial(request.GET, user=request.user), signed_in=signed_in),
        )

    def post(self, request):
        signed_in = request.user.is_authenticated
        form = FollowForm(request.POST, signed_in=signed_in)
        if not form.is_valid():
            return self._render(request, form, status=400)
        if signed_in:
            try:
                follow = follow_add_for_user(
                    user=request.user,
                    target=form.target(),
                    frequency=form.cleaned_data["frequency"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
                return self._render(request, form, status=400)
            messages.success(request, f"You are following {follow.label}.")
            return redirect("collation:follow-mine")
        try:
            follow_request(
                email=form.cleaned_data["email"],
                target=form.target(),
                frequency=form.cleaned_data["frequency"],
                ip=_client_ip(request),
            )
        except FollowRateLimited:
            form.add_error(None, RATE_LIMITED)
            return self._render(request, form, status=429)
        return redirect("collation:follow-sent")


@require_GET
def follow_sent_view(request):
    return render(request, "collation/following/sent.html")


class ConfirmView(View):
    """The link in the confirmation e-mail: a button confirms (a mail scanner opening
    the link confirms nothing)."""

    template_name = "collation/following/confirm.html"

    def get(self, request, token):
        return render(request, self.template_name, {"token": token})

    def post(self, request, token):
        try:
            follow = follow_confirm(token=token)
        except ValidationError as error:
            return render(
                request,
                self.template_name,
                {"token": token, "problem": error.messages[0]},
                status=400,
            )
        return render(
            request,
            "collation/following/confirmed.html",
            {
                "follow": follow,
                "manage_path": reverse(
                    "collation:follow-manage", args=[manage_token(follow.follower)]
                ),
            },
        )


class _ManageMixin:
    """See, change and stop what a follower follows."""

    template_name = "collation/following/manage.html"
    signed_in_page = False

    def follower(self, request, **kwargs) -> Follower | None:
        raise NotImplementedError

    def _render(self, request, follower, form=None, status=200, **kwargs):
        context = {
            "follower": follower,
            "follows": follower_follows(follower=follower) if follower else [],
            "form": form
            or FrequencyForm(initial={"frequency": getattr(follower, "frequency", "")}),
            "signed_in_page": self.signed_in_page,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, **kwargs):
        return self._render(request, self.follower(request, **kwargs))

    def post(self, request, **kwargs):
        follower = self.follower(request, **kwargs)
        if follower is None:
            return self._render(request, None)
        if "stop" in request.POST:
            try:
                follow_pk = int(request.POST["stop"])
            except ValueError:
                follow_pk = 0
            follow_stop(follower=follower, follow_pk=follow_pk)
            messages.success(request, "You no longer follow that.")
            return redirect(request.path)
        form = FrequencyForm(request.POST)
        if not form.is_valid():
            return self._render(request, follower, form, status=400)
        follower_frequency_set(follower=follower, frequency=form.cleaned_data["frequency"])
        messages.success(
            request, f"You will get a {follower.get_frequency_display().lower()} digest."
        )
        return redirect(request.path)


class ManageView(_ManageMixin, View):
    def follower(self, request, token):
        try:
            return follower_from_token(token, purpose="manage")
        except signing.BadSignature as error:
            raise Http404("Not a link of ours.") from error


class MyFollowsView(LoginRequiredMixin, _ManageMixin, View):
    signed_in_page = True

    def follower(self, request):
        return Follower.objects.filter(user=request.user).first()


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    """One click (RFC 8058): a POST to the link unsubscribes without signing in or a CSRF
    token, as mail clients send it; a GET shows a page with the button. The signed link
    names one follower, and the POST stops that follower's digests and nothing else."""

    template_name = "collation/following/unsubscribe.html"

    def _follower(self, token):
        try:
            return follower_from_token(token, purpose="unsubscribe")
        except signing.BadSignature as error:
            raise Http404("Not a link of ours.") from error

    def get(self, request, token):
        follower = self._follower(token)
        return render(request, self.template_name, {"follower": follower, "done": follower is None})

    def post(self, request, token):
        follower = self._follower(token)
        if follower is not None:
            follower_unsubscribe(follower=follower)
        return render(request, self.template_name, {"follower": None, "done": True})
