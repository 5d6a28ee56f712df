"""Agreement between analysts: pairs who coded the same reviews, and their Cohen's kappa.

Analysts and administrators only: the public is sent to sign in, other roles
get 403 (the same rule as ``RoleRequiredMixin``).
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import User
from scr_platform.accounts.permissions import has_role

from ..selectors.agreement import coder_agreement, coder_pairs

TEMPLATE = "collation/agreement.html"
_MAX_ID = 2**63 - 1  # user ids are BigAutoField


class BadPair(ValueError):
    """The ``a`` and ``b`` parameters do not name two different users."""


def _user_id(value: str | None, name: str) -> int:
    value = (value or "").strip()
    if not value:
        raise BadPair(f"Choose both coders: “{name}” is missing.")
    if not value.isascii() or not value.isdigit() or not 0 < int(value) <= _MAX_ID:
        raise BadPair(f"“{value}” is not a user id. Choose a pair from the list below.")
    return int(value)


def _coders(params) -> tuple[User, User]:
    a, b = _user_id(params.get("a"), "a"), _user_id(params.get("b"), "b")
    if a == b:
        raise BadPair("Choose two different coders.")
    users = User.objects.in_bulk([a, b])
    missing = [str(pk) for pk in (a, b) if pk not in users]
    if missing:
        raise BadPair(
            f"There is no user with id {' or '.join(missing)}. Choose a pair from the list below."
        )
    return users[a], users[b]


@require_GET
def agreement_view(request):
    """Without ``a`` and ``b``: the pairs of coders. With them: that pair's agreement."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_role(request.user, [Role.ANALYST]):
        raise PermissionDenied("You do not have a role that can use this page.")

    if "a" not in request.GET and "b" not in request.GET:
        return render(request, TEMPLATE, {"pairs": coder_pairs()})
    try:
        coder_a, coder_b = _coders(request.GET)
    except BadPair as error:
        return render(request, TEMPLATE, {"error": str(error), "pairs": coder_pairs()}, status=400)
    agreement = coder_agreement(coder_a=coder_a, coder_b=coder_b)
    return render(request, TEMPLATE, {"agreement": agreement})
