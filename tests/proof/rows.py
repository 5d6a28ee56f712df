"""The vocabulary of the permission matrix's table: outcomes, rows of them per role, checks.

Roles (``world.ROLES``): public (anonymous), manager (LSCB manager of the
board that owns the draft), other_manager (another board's manager), reviewer
(the draft's lead reviewer), analyst, alliance (Alliance member), practitioner
(self-registered, e-mail verified: a signed-in user with no other rights), admin.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from .world import ROLES, World


class Outcome(Enum):
    OK = "200"
    REDIRECT = "302 within the service (not to sign in)"
    LOGIN = "302 to sign in"
    ADMIN_LOGIN = "302 to the admin's sign in"
    BAD_REQUEST = "400"
    UNAUTHORIZED = "401"
    FORBIDDEN = "403"
    NOT_FOUND = "404"
    NOT_ALLOWED = "405"


OK, REDIRECT, LOGIN, ADMIN_LOGIN = Outcome.OK, Outcome.REDIRECT, Outcome.LOGIN, Outcome.ADMIN_LOGIN
BAD_REQUEST, UNAUTHORIZED, FORBIDDEN = (
    Outcome.BAD_REQUEST,
    Outcome.UNAUTHORIZED,
    Outcome.FORBIDDEN,
)
NOT_FOUND, NOT_ALLOWED = Outcome.NOT_FOUND, Outcome.NOT_ALLOWED

Row = dict[str, Outcome]
SIGNED_IN = tuple(role for role in ROLES if role != "public")


def everyone(outcome: Outcome = OK) -> Row:
    return dict.fromkeys(ROLES, outcome)


def signed_in(outcome: Outcome = OK, *, public: Outcome = LOGIN) -> Row:
    return {"public": public, **dict.fromkeys(SIGNED_IN, outcome)}


def only(*roles: str, public: Outcome = LOGIN, others: Outcome = FORBIDDEN, **special) -> Row:
    """``roles`` (and admin, who passes every role check) get 200; the rest ``others``."""
    row = {role: OK if role in {*roles, "admin"} else others for role in ROLES}
    return {**row, "public": public, **special}


def visibility(subject: str, outcome: Outcome = OK, *, hidden: Outcome = NOT_FOUND) -> Row:
    """Published: everyone. A draft: its board, its lead reviewer, analysts and admins."""
    if subject == "published":
        return everyone(outcome)
    sees = {"manager", "reviewer", "analyst", "admin"}
    return {role: outcome if role in sees else hidden for role in ROLES}


def manages(subject: str, *, api: bool = False) -> Row:
    """Managing a review: its board's managers and admins; those who only see it get 403."""
    row = visibility(subject)
    managers = {"manager", "admin"}
    row = {
        role: outcome if outcome is NOT_FOUND or role in managers else FORBIDDEN
        for role, outcome in row.items()
    }
    if api:
        row["public"] = UNAUTHORIZED  # credentials are asked for before anything is looked up
    elif row["public"] is not NOT_FOUND:
        row["public"] = LOGIN
    return row


@dataclass(frozen=True)
class Check:
    subject: str
    params: Callable[[World], dict] = lambda world: {}
    get: Row = field(default_factory=everyone)
    post_handled: frozenset[str] = frozenset()
    # Query parameters: a dict, or a function of the world giving one.
    query: dict | Callable[[World], dict] = field(default_factory=dict)
    # For POST-only routes, where the GET says nothing: how each other role is refused.
    post_refused: Row | None = None


def check(
    subject="–", params=lambda world: {}, *, get=None, post=(), query=None, post_refused=None
) -> Check:
    return Check(subject, params, get or everyone(), frozenset(post), query or {}, post_refused)


# --- The API (DRF: a missing credential is 401, a wrong role 403) -------------

API_SIGNED_IN = signed_in(public=UNAUTHORIZED)
API_ADMINS = only(public=UNAUTHORIZED)
