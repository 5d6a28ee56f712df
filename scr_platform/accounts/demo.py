"""Demo data for accounts: a board per English region and a user per role."""

from django.db import transaction

from .choices import Region, Role
from .models import User
from .selectors import role_labels
from .services import board_get_or_create, roles_sync, user_get_or_create

DEMO_PASSWORD = "scr-demo-password"

DEMO_USERS = (
    # username, first name, last name, roles
    ("manager", "Morgan", "Manager", (Role.LSCB_MANAGER,)),
    ("reviewer", "Riley", "Reviewer", (Role.LEAD_REVIEWER,)),
    ("analyst", "Alex", "Analyst", (Role.ANALYST,)),
    # A second analyst: codings count publicly only once another analyst verifies them.
    ("verifier", "Vic", "Verifier", (Role.ANALYST,)),
    ("alliance", "Ali", "Alliance", (Role.ALLIANCE_MEMBER,)),
    # Verified by the Alliance's demo data, which records their organisation and sector.
    ("practitioner", "Pat", "Practitioner", (Role.PRACTITIONER,)),
    ("admin", "Ada", "Administrator", (Role.ADMINISTRATOR,)),
)


def demo_board_name(region: str) -> str:
    return f"{region} Demo Safeguarding Children Board"


@transaction.atomic
def accounts_demo_seed() -> list[User]:
    """Create (or reset) the demo boards and users; safe to run again."""
    roles_sync()
    boards = [
        board_get_or_create(name=demo_board_name(label), region=value)
        for value, label in Region.choices
    ]
    users = []
    for username, first_name, last_name, roles in DEMO_USERS:
        user = user_get_or_create(
            username=username,
            password=DEMO_PASSWORD,
            first_name=first_name,
            last_name=last_name,
            email=f"{username}@example.org",
            roles=roles,
            board=boards[0] if Role.LSCB_MANAGER in roles else None,
        )
        if Role.ADMINISTRATOR in roles and not user.is_superuser:
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
        users.append(user)
    return users


def accounts_demo_seed_report() -> list[str]:
    """Seed the accounts demo data and describe it: who can sign in, as what."""
    lines = [f"Every demo user's password is: {DEMO_PASSWORD}"]
    for user in accounts_demo_seed():
        roles = ", ".join(role_labels(user=user))
        board = f" ({user.board})" if user.board else ""
        lines.append(f"  {user.username:<10} {roles}{board}")
    return lines
