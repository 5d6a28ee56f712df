import pytest
from django.core.management import CommandError, call_command

from collation.models import Coding, Review, ReviewIssue
from scr_platform.accounts.choices import Region, Role
from scr_platform.accounts.demo import DEMO_PASSWORD
from scr_platform.accounts.models import Board, User
from scr_platform.accounts.permissions import user_roles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def run_tasks(django_capture_on_commit_callbacks, settings, tmp_path):
    """Processing is queued on commit; run it, and keep uploads out of the repository."""
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        yield


def test_seed_demo_creates_a_board_per_region_and_a_user_per_role(capsys):
    call_command("seed_demo", "--force")
    assert Board.objects.count() == len(Region.choices) == 9
    held = set().union(*(user_roles(user) for user in User.objects.all()))
    assert held == set(Role)
    manager = User.objects.get(username="manager")
    assert manager.board is not None and manager.check_password(DEMO_PASSWORD)
    assert DEMO_PASSWORD in capsys.readouterr().out


def test_seed_demo_is_idempotent():
    call_command("seed_demo", "--force")
    first = {model: model.objects.count() for model in (Review, Coding, ReviewIssue)}
    call_command("seed_demo", "--force")
    assert Board.objects.count() == 9
    # The demo users, and the invented practitioners of the digital summits.
    assert User.objects.count() == 13
    assert {model: model.objects.count() for model in first} == first
    assert Review.objects.filter(is_synthetic=True).count() >= 300


def test_seed_demo_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="published password"):
        call_command("seed_demo")
    assert not User.objects.exists()
