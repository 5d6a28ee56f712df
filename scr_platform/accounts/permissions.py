"""Permission helpers shared by the pages and the API.

Every access rule reads a user's roles through ``user_roles``, so a page and
its API resource can never disagree about who may do what.
"""

from collections.abc import Iterable

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.db.models import F, QuerySet
from rest_framework.permissions import BasePermission

from .choices import Role

_ROLE_BY_GROUP_NAME = {role.label: role for role in Role}
_CACHE_ATTRIBUTE = "_scr_roles"


def user_roles(user) -> frozenset[Role]:
    """The roles a user holds, read once per request and cached on the user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        # .all() uses groups prefetched by a selector, if any.
        cached = _remember_roles(user, (group.name for group in user.groups.all()))
    return cached


def _remember_roles(user, group_names: Iterable[str | None]) -> frozenset[Role]:
    held = frozenset(_ROLE_BY_GROUP_NAME[n] for n in group_names if n in _ROLE_BY_GROUP_NAME)
    if user.is_superuser:
        held |= {Role.ADMINISTRATOR}
    setattr(user, _CACHE_ATTRIBUTE, held)
    return held


def user_with_roles(users: QuerySet, pk):
    """The user ``pk`` from ``users`` with their roles read, in one query (or None).

    Every signed-in request reads its user; reading the groups too would be a
    second query on every page (see ``backends.RolesModelBackend``). The join
    gives a row per group the user is in.
    """
    rows = list(users.filter(pk=pk).annotate(held_group_name=F("groups__name")))
    if not rows:
        return None
    user = rows[0]
    _remember_roles(user, (row.held_group_name for row in rows))
    return user


def forget_roles(user) -> None:
    """Drop the cached roles after they change (e.g. in a service)."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def is_administrator(user) -> bool:
    """Administrators may do everything."""
    return Role.ADMINISTRATOR in user_roles(user)


def has_role(user, roles: Iterable[Role]) -> bool:
    """True if the user holds any of ``roles`` or is an administrator."""
    held = user_roles(user)
    return Role.ADMINISTRATOR in held or not held.isdisjoint(roles)


class RoleRequiredMixin(AccessMixin):
    """For class-based views: sign in first, then hold one of ``required_roles``.

    Anonymous visitors are sent to sign in; a signed-in user without the role
    gets 403, not a redirect loop.
    """

    required_roles: tuple[Role, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not has_role(request.user, self.required_roles):
            raise PermissionDenied("You do not have a role that can use this page.")
        return super().dispatch(request, *args, **kwargs)


class HasRole(BasePermission):
    """For DRF views: the same rule as ``RoleRequiredMixin``.

    Use ``HasRole.of(Role.ANALYST, ...)`` to get a permission class.
    """

    required_roles: tuple[Role, ...] = ()
    message = "You do not have a role that can use this resource."

    @classmethod
    def of(cls, *roles: Role) -> type["HasRole"]:
        names = "".join(role.name.title().replace("_", "") for role in roles)
        return type(f"HasRole{names}", (cls,), {"required_roles": roles})

    def has_permission(self, request, view) -> bool:
        return has_role(request.user, self.required_roles)


class IsAdministrator(HasRole):
    """For DRF views open to administrators only."""

    required_roles = (Role.ADMINISTRATOR,)
