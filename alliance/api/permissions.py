"""Alliance: who may use each API resource, checked before a request's body is read.

The rules themselves are in ``alliance/rules.py``; these classes only apply them
to DRF's requests, so a refused write is a 403 and never a 400 about its data.
"""

from rest_framework import permissions

from ..rules import (
    can_change_action,
    can_change_good_practice,
    can_read_meetings,
    can_record_actions,
    can_record_good_practice,
    can_record_meetings,
)


class ReadOrRecordMeetings(permissions.BasePermission):
    """Working groups: anyone reads; Alliance members write."""

    message = "Only Alliance members record meetings and working groups."

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return can_record_meetings(request.user)


class MeetingsPermission(permissions.BasePermission):
    """Meetings: Alliance members and analysts read; Alliance members write."""

    message = "Meetings are for Alliance members and analysts."

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return can_read_meetings(request.user)
        return can_record_meetings(request.user)


class ActionPermission(permissions.BasePermission):
    """Anyone reads (the selector hides unpublished actions); representatives of an
    organisation record actions; an action's organisations and administrators change it.

    Asked before any input is read, so someone who may not write is refused (403),
    not told what is wrong with what they sent (400).
    """

    message = "Only the organisations taking an action, and administrators, change it."

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        if not request.user.is_authenticated:
            return False
        if view.action == "create":
            self.message = "Only Alliance members who represent an organisation record actions."
            return can_record_actions(request.user)
        return True

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return can_change_action(request.user, obj)


class GoodPracticePermission(permissions.BasePermission):
    """Anyone reads; Alliance members and analysts record; the author or an admin changes."""

    message = "Only Alliance members and analysts record good practice; its author changes it."

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return can_record_good_practice(request.user)

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return can_change_good_practice(request.user, obj)
