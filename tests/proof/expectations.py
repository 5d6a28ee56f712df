"""Who gets what at every address: the permission matrix's declared expectations.

One dict per app namespace (``site`` holds the un-namespaced routes). Each
route maps to one or more ``Check``s: the world object its path parameters
name (``subject``), and the outcome of a GET for each role. A POST with empty
data is checked too: roles in ``post_handled`` may send one (and get a form
error, 200/302/400, never a 201 or a 5xx); every other role must be refused
(401, 403, 404, 405 or sent to sign in), and a refusal must match the GET's
(a draft hidden by a 404 is never confirmed by a 403). POST-only routes say
how each role is refused in ``post_refused``.

Where the service does not yet do what a row says, ``KNOWN_DEVIATIONS`` (at
the end) accepts today's outcome, says why and how to fix it, and fails once
the fix lands so the entry goes with it.

To add a route: find its key in the test's failure message, add an entry to
its app's dict with a ``Check`` per subject, and build the outcome row with
``everyone``, ``signed_in``, ``only`` or ``visibility`` (or a dict; see
``rows.py``). The site and accounts are below; collation, Quality Markers,
reviewer development, the Alliance and its digital summits have modules of their own
(``rules_*.py``).

Roles (``world.ROLES``): public (anonymous), manager (LSCB manager of the
board that owns the draft), other_manager (another board's manager), reviewer
(the draft's lead reviewer), analyst, alliance (Alliance member), practitioner
(self-registered, e-mail verified: a signed-in user with no other rights), admin.
"""

from dataclasses import dataclass

from .rows import (
    ADMIN_LOGIN,
    API_ADMINS,
    API_SIGNED_IN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    REDIRECT,
    Check,
    Outcome,
    check,
    everyone,
    only,
    signed_in,
)
from .rules_alliance import ALLIANCE, ALLIANCE_API
from .rules_collation import COLLATION, COLLATION_API
from .rules_masterclasses import MASTERCLASSES, MASTERCLASSES_API
from .rules_quality_markers import QUALITY_MARKERS, QUALITY_MARKERS_API
from .rules_summits import SUMMITS, SUMMITS_API
from .world import ROLES

# --- Pages -------------------------------------------------------------------

SITE = {
    "start": [check()],
    # Your work: every signed-in user has a page (empty sections say so); the public signs in.
    "dashboard": [check(get=signed_in())],
    "healthz": [check()],
    # A redirect to the static icon, whatever the method: nothing to refuse.
    "/favicon.ico": [check(get=everyone(REDIRECT), post=ROLES)],
    # The API's own pages.
    "api-root": [check()],
    "schema": [check()],
    "api-docs": [check()],
    "api-redoc": [check()],
}

# Django admin: only its index is checked (the rest is Django's own); it sends
# everyone but administrators to its own sign-in page.
ADMIN = {"admin:index": [check(get=everyone(ADMIN_LOGIN) | {"admin": OK}, post={"admin"})]}

ACCOUNTS = {
    # Signed-in users are sent on to their profile rather than shown the form again.
    "accounts:login": [
        check(get=signed_in(REDIRECT, public=OK), post=ROLES),
    ],
    # Signing out is POST only (a GET could be forged by any page's <img>).
    "accounts:logout": [check(get=everyone(NOT_ALLOWED), post=ROLES)],
    "accounts:profile": [check(get=signed_in())],
    "accounts:my-board": [
        check(
            get=only("manager", "other_manager", manager=REDIRECT, other_manager=REDIRECT)
            # Administrators hold no board of their own.
            | {"admin": NOT_FOUND},
            post={"manager", "other_manager"},
        )
    ],
    # Another board's page is neither confirmed nor denied.
    "accounts:board": [
        check(
            "the manager's board",
            lambda w: {"slug": w.board.slug},
            get=only("manager", "other_manager", other_manager=NOT_FOUND),
        )
    ],
}

# --- The API (DRF: a missing credential is 401, a wrong role 403) -------------

ACCOUNTS_API = {
    "accounts-api:me": [check(get=API_SIGNED_IN)],
    "accounts-api:board-list": [check()],
    "accounts-api:board-detail": [check("a board", lambda w: {"slug": w.board.slug})],
    "accounts-api:user-list": [check(get=API_ADMINS)],
    "accounts-api:user-detail": [
        check("the manager", lambda w: {"pk": w.users["manager"].pk}, get=API_ADMINS)
    ],
}

# The table: app namespace -> route key -> checks.
EXPECTATIONS: dict[str, dict[str, list[Check]]] = {
    "site": SITE,
    "admin": ADMIN,
    "accounts": ACCOUNTS,
    "collation": COLLATION,
    "quality_markers": QUALITY_MARKERS,
    "masterclasses": MASTERCLASSES,
    "alliance": ALLIANCE | SUMMITS,
    "accounts-api": ACCOUNTS_API,
    "collation-api": COLLATION_API,
    "quality-markers-api": QUALITY_MARKERS_API,
    "masterclasses-api": MASTERCLASSES_API,
    "alliance-api": ALLIANCE_API | SUMMITS_API,
}

# Apps being built now: routes they add are reported (an xfail and the run's
# summary), not failed; routes of theirs already in the table are checked.
# Take an app out once its rows are in.
PENDING_APPS: tuple[str, ...] = ()

# Where the service does not yet do what the table says. The matrix accepts
# today's outcome for these and fails once it is fixed, so that the entry is
# removed with the fix (the note for the owners says what to change).


@dataclass(frozen=True)
class Deviation:
    why: str
    outcome: Outcome | None = None  # None: a POST is answered just as the GET is
    roles: frozenset[str] = frozenset(ROLES)
    subject: str | None = None  # None: every subject of the route


# None today: the read-only pages that answered a POST, the management pages
# that refused the public with 403 rather than asking them to sign in, and the
# coding page that asked is_superuser rather than the Administrator role were
# fixed with the findings that listed them. Add an entry (with the fix to make)
# when the matrix finds something that cannot be fixed with it.
KNOWN_DEVIATIONS: dict[tuple[str, str], Deviation] = {}

# Schemathesis findings in code this work may not change, by (operation, failure
# title): reported in the run's summary rather than failed, each pinned by a
# strict xfail in test_known_findings.py that fails once it is fixed (then
# remove both).
KNOWN_FUZZ_FINDINGS: dict[tuple[str, str], str] = {}
