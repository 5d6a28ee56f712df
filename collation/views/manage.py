"""What every page that manages a review shares: sign in first, then the board's rule."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.views import View

from ..rules import can_manage_review
from ..selectors import review_get

SYNTHETIC_REFUSAL = (
    "This is a synthetic review, invented for the demo: it has no report, and nobody can "
    "change it, add documents to it, publish it or withdraw it."
)


class SignInToManage(Exception):
    """The public asked to manage a review it may see: sign in first (see ``ManageView``)."""


class ManageView(View):
    """A page that manages a review: the public is sent to sign in, as on every other page.

    Its lookups raise ``SignInToManage`` only once the review is known to be visible,
    so a draft stays a 404 for the public rather than being confirmed by a redirect.
    """

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except SignInToManage:
            return redirect_to_login(request.get_full_path())


def require_signed_in(request) -> None:
    if not request.user.is_authenticated:
        raise SignInToManage


def review_to_manage(request, pk: int, *, refusal: str):
    """A review the user may see (else 404) and manage (else sign in, or 403 with ``refusal``)."""
    review = review_get(user=request.user, pk=pk)
    require_signed_in(request)
    if review.is_synthetic:
        raise PermissionDenied(SYNTHETIC_REFUSAL)
    if not can_manage_review(request.user, review):
        raise PermissionDenied(refusal)
    return review
