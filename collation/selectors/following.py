"""Reads for following: what a follower follows, and the form filled in from a link."""

from django.http import QueryDict

from ..models import DigestFrequency, Follow, Follower


def follower_follows(*, follower: Follower) -> list[Follow]:
    """Everything the follower follows, confirmed or waiting for confirmation."""
    return list(follower.follows.select_related("issue").order_by("kind", "issue__code", "pk"))


def follow_initial(params: QueryDict, *, user) -> dict:
    """/follow/?kind=issue&issue=C7 (or region=…, q=…): the form as a link fills it in,
    with a signed-in follower's own frequency. Unknown values are left for the form to
    refuse when it is sent."""
    follower = Follower.objects.filter(user=user).first() if user.is_authenticated else None
    initial = {"frequency": follower.frequency if follower else DigestFrequency.MONTHLY}
    if params.get("kind") in Follow.Kind.values:
        initial["kind"] = params["kind"]
    for name, field in (("issue", "issue"), ("region", "region"), ("q", "query")):
        if params.get(name):
            initial[field] = params[name][:200]
    return initial
