"""Writes for accounts: roles, users and boards."""

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from .choices import Role
from .models import Board, User
from .permissions import forget_roles
from .roles import ROLE_PERMISSIONS


def roles_sync(*, using: str = "default") -> None:
    """Create a group per role and give it exactly the permissions in ``ROLE_PERMISSIONS``.

    Permissions named for models that do not exist yet are skipped; they are
    picked up by the migration that adds the model.
    """
    with transaction.atomic(using=using):
        for role, perm_names in ROLE_PERMISSIONS.items():
            group, _ = Group.objects.using(using).get_or_create(name=role.label)
            wanted = []
            for name in perm_names:
                app_label, codename = name.split(".", 1)
                wanted.extend(
                    Permission.objects.using(using).filter(
                        content_type__app_label=app_label, codename=codename
                    )
                )
            group.permissions.set(wanted)


def user_roles_validate(*, roles: Iterable[Role], board: Board | None) -> None:
    """Check that a set of roles fits the user's board; raise ``ValidationError``."""
    roles = set(roles)
    if Role.LSCB_MANAGER in roles and board is None:
        raise ValidationError(
            {"board": "An LSCB manager must belong to a board. Choose the board they work for."}
        )


@transaction.atomic
def user_set_roles(*, user: User, roles: Iterable[Role], board: Board | None = None) -> User:
    """Give a user exactly these roles (and board), keeping admin access in step."""
    roles = set(roles)
    user_roles_validate(roles=roles, board=board)
    user.board = board
    user.save(update_fields=["board"])
    user.groups.set(Group.objects.filter(name__in=[role.label for role in roles]))
    user_staff_sync(user=user)
    return user


def user_staff_sync(*, user: User) -> None:
    """Administrators reach Django admin (``is_staff``); nobody else does."""
    forget_roles(user)
    is_admin = user.is_superuser or user.groups.filter(name=Role.ADMINISTRATOR.label).exists()
    if user.is_staff != is_admin:
        user.is_staff = is_admin
        user.save(update_fields=["is_staff"])


@transaction.atomic
def board_get_or_create(*, name: str, region: str) -> Board:
    """The board of this name, created in ``region`` if it does not exist yet."""
    board, _ = Board.objects.get_or_create(
        name=name, defaults={"slug": slugify(name), "region": region}
    )
    return board


@transaction.atomic
def user_get_or_create(
    *,
    username: str,
    password: str,
    first_name: str,
    last_name: str,
    email: str,
    roles: Iterable[Role],
    board: Board | None = None,
) -> User:
    """The user with this username, created (or reset to) the given details."""
    user, _ = User.objects.get_or_create(username=username)
    user.first_name, user.last_name, user.email = first_name, last_name, email
    user.is_active = True
    user.set_password(password)
    user.save()
    return user_set_roles(user=user, roles=roles, board=board)
