"""API authentication that tells the audit log who is making a change.

django-auditlog's middleware reads ``request.user`` before Django REST
framework has authenticated a token, so a change made with ``Authorization:
Token …`` would be logged with no actor. Once a token is accepted, this class
records its user as the actor for the rest of the request. (Sessions need
nothing: the middleware already sees a signed-in user.)
"""

from auditlog.context import auditlog_value
from rest_framework.authentication import TokenAuthentication


def audit_actor_record(user) -> None:
    """Make ``user`` the actor of every audit log entry for the rest of this request."""
    try:
        context = auditlog_value.get()
    except LookupError:  # outside a request: nothing to attribute
        return
    if context.get("actor") is None:
        context["actor"] = user


class AuditedTokenAuthentication(TokenAuthentication):
    """Token authentication whose changes are traced to the token's user."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            audit_actor_record(result[0])
        return result
