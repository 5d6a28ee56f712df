"""Reads for accounts."""

from django.db.models import QuerySet

from .choices import Role
from .models import Board, User
from .permissions import user_roles


def board_list() -> QuerySet[Board]:
    """Every board, by name."""
    return Board.objects.order_by("name")


def board_members(*, board: Board) -> QuerySet[User]:
    """The active people who belong to a board, with their roles prefetched."""
    return (
        User.objects.filter(board=board, is_active=True)
        .prefetch_related("groups")
        .order_by("last_name", "first_name", "username")
    )


def user_list() -> QuerySet[User]:
    """Every user, with board and roles loaded for listing."""
    return User.objects.select_related("board").prefetch_related("groups").order_by("username")


def role_labels(*, user: User) -> list[str]:
    """The labels of a user's roles, in the order roles are declared."""
    held = user_roles(user)
    return [role.label for role in Role if role in held]


def users_with_role(*, role: Role) -> QuerySet[User]:
    """Active holders of a role (roles are groups named by the role's label), by name."""
    return User.objects.filter(is_active=True, groups__name=role.label).order_by(
        "last_name", "first_name", "username"
    )
