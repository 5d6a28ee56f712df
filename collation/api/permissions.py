"""Collation: who may write through the API, asked before a request body is read.

The services check the same rules (``rules.py``) again; asking first means a
role that may not write gets 403, not a 400 about a body it could never send.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from ..rules import can_manage_review, can_register_review


class ReviewWritePermission(BasePermission):
    """Register: LSCB managers with a board and admins. Change, upload, publish: its managers."""

    message = "You cannot change this review."

    def has_permission(self, request, view) -> bool:
        if view.action == "create":
            return can_register_review(request.user)
        return True

    def has_object_permission(self, request, view, obj) -> bool:
        # Objects reach here only once visible (the queryset hides the rest with a 404).
        return request.method in SAFE_METHODS or can_manage_review(request.user, obj)


class FlagClearPermission(BasePermission):
    """Clearing a flag is for the review's managers; analysts may only read flags."""

    message = "You cannot clear personal data flags on this review."

    def has_object_permission(self, request, view, obj) -> bool:
        return request.method in SAFE_METHODS or can_manage_review(
            request.user, obj.document.review
        )
