"""Template filters for the Alliance's pages."""

from django import template

from ..rules import can_see_overdue

register = template.Library()


@register.filter
def sees_overdue(user) -> bool:
    """Whether to mark actions overdue for this user (members and administrators only)."""
    return can_see_overdue(user)
