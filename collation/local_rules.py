"""Who may see and record a board's local learning: its grid, actions and outcomes.

What each user may *see* is the query expression ``visibility.local_learning_q``; the
question about one board here asks it. Recording (answers, actions, updates, outcomes,
sharing) is for the board's own managers and administrators.
"""

from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import Board
from scr_platform.accounts.permissions import has_role, is_administrator

from .visibility import local_learning_q


def can_view_local_learning(user, board: Board) -> bool:
    return Board.objects.filter(local_learning_q(user), pk=board.pk).exists()


def can_record_local_learning(user, board: Board) -> bool:
    if is_administrator(user):
        return True
    return has_role(user, [Role.LSCB_MANAGER]) and user.board_id == board.pk
