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
``rows.py``). The site, accounts and collation are below; Quality Markers,
reviewer development and the Alliance have modules of their own (``rules_*.py``).

Roles (``world.ROLES``): public (anonymous), manager (LSCB manager of the
board that owns the draft), other_manager (another board's manager), reviewer
(the draft's lead reviewer), analyst, alliance (Alliance member), admin.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .rows import (
    ADMIN_LOGIN,
    API_ADMINS,
    API_SIGNED_IN,
    BAD_REQUEST,
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    REDIRECT,
    UNAUTHORIZED,
    Check,
    Outcome,
    check,
    everyone,
    manages,
    only,
    signed_in,
    visibility,
)
from .rules_alliance import ALLIANCE, ALLIANCE_API
from .rules_masterclasses import MASTERCLASSES, MASTERCLASSES_API
from .rules_quality_markers import QUALITY_MARKERS, QUALITY_MARKERS_API
from .world import ROLES


def _review(kind):
    return lambda w: {"pk": getattr(w, kind).pk}


def _document(kind):
    return lambda w: {"pk": getattr(w, kind).pk, "document_pk": getattr(w, f"{kind}_document").pk}


def per_review(make: Callable[[str], Check]) -> list[Check]:
    """The same route for the published review and for the manager's board's draft."""
    return [make("published"), make("draft")]


# Documents (and what was read from them) in every state: published; a draft's; and
# the states only those who see the review's drafts may see: replaced by a corrected
# copy, held back while new findings are checked, of a withdrawn review.
HIDDEN_STATES = ("replaced", "withheld", "withdrawn")


def per_state(make: Callable[[str], Check]) -> list[Check]:
    return [*per_review(make), *(make(state) for state in HIDDEN_STATES)]


def _flag(kind):
    return lambda w: {"pk": getattr(w, kind).pk, "flag_pk": getattr(w, f"{kind}_flag").pk}


# Only the review's managers see how its public copy is being made; others who may
# see the review are not told the page exists.
PUBLIC_COPY_WATCHERS = only("manager", public=NOT_FOUND, others=NOT_FOUND)


def deletes_original(subject: str) -> dict:
    """Administrators delete an original; others who see the document are refused."""
    row = {
        role: FORBIDDEN if outcome is OK else outcome
        for role, outcome in visibility(subject).items()
    }
    row["admin"] = OK
    if row["public"] is FORBIDDEN:
        row["public"] = LOGIN
    return row


ANALYSTS = only("analyst")
MANAGERS_WITH_BOARDS = only("manager", "other_manager")

# --- Pages -------------------------------------------------------------------

SITE = {
    "start": [check()],
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

COLLATION = {
    "collation:review-list": [check()],
    "collation:review-export": [check()],
    "collation:review-create": [
        check(get=MANAGERS_WITH_BOARDS, post={"manager", "other_manager", "admin"})
    ],
    "collation:review-detail": [
        *per_review(lambda s: check(s, _review(s), get=visibility(s))),
        check("withdrawn", _review("withdrawn"), get=visibility("withdrawn")),
    ],
    "collation:review-withdraw": per_review(
        lambda s: check(s, _review(s), get=manages(s), post={"manager", "admin"})
    ),
    "collation:review-edit": per_review(
        lambda s: check(s, _review(s), get=manages(s), post={"manager", "admin"})
    ),
    "collation:document-upload": per_review(
        lambda s: check(s, _review(s), get=manages(s), post={"manager", "admin"})
    ),
    "collation:review-publish": per_review(
        lambda s: check(s, _review(s), get=manages(s), post={"manager", "admin"})
    ),
    # The next item to check: a page of its own once none is left (the published
    # review's only flag is decided), else a redirect to the item.
    "collation:personal-data-check": per_review(
        lambda s: check(
            s,
            _review(s),
            get=manages(s) | ({"manager": REDIRECT, "admin": REDIRECT} if s == "draft" else {}),
        )
    ),
    "collation:personal-data-flag": per_review(
        lambda s: check(s, _flag(s), get=manages(s), post={"manager", "admin"})
    ),
    "collation:personal-data-undo": per_review(
        lambda s: check(
            s,
            _flag(s),
            get=everyone(NOT_ALLOWED),
            post={"manager", "admin"},
            post_refused=manages(s),
        )
    ),
    "collation:public-copy-progress": per_state(
        lambda s: check(
            s,
            _document(s),
            get=PUBLIC_COPY_WATCHERS
            if s == "published"
            else {**visibility(s), **dict.fromkeys(("reviewer", "analyst"), NOT_FOUND)},
        )
    ),
    "collation:document-original-delete": per_state(
        lambda s: check(s, _document(s), get=deletes_original(s), post={"admin"})
    ),
    "collation:document-redact": per_review(
        lambda s: check(
            s,
            lambda w: {**_document(s)(w), "number": 1},
            get=everyone(NOT_ALLOWED),
            post={"manager", "admin"},
            post_refused=manages(s),
        )
    ),
    "collation:document-progress": per_state(lambda s: check(s, _document(s), get=visibility(s))),
    "collation:document-file": per_state(lambda s: check(s, _document(s), get=visibility(s))),
    "collation:document-page": per_state(
        lambda s: check(s, lambda w: {**_document(s)(w), "number": 1}, get=visibility(s))
    ),
    "collation:document-replace": per_review(
        lambda s: check(s, _document(s), get=manages(s), post={"manager", "admin"})
    ),
    "collation:coding-page": per_review(
        lambda s: check(
            s, lambda w: {**_document(s)(w), "number": 1}, get=ANALYSTS, post={"analyst", "admin"}
        )
    ),
    # An analyst's codings are their own (administrators may correct them).
    "collation:coding-edit": [
        check(
            "the analyst's coding",
            lambda w: {"coding_pk": w.coding.pk},
            get=ANALYSTS,
            post={"analyst", "admin"},
        )
    ],
    "collation:search": [check(), check("a query", query={"q": "neglect"})],
    "collation:trend-grid": [check()],
    "collation:trend-grid-csv": [check()],
    "collation:trend-grid-json": [check()],
    "collation:trend-issue": [check("an issue", lambda w: {"code": w.issue.code})],
    "collation:briefing-list": [check()],
    "collation:briefing-new": [check(get=ANALYSTS, post={"analyst", "admin"})],
    "collation:briefing-detail": [
        check("published", lambda w: {"slug": w.briefing.slug}),
        check(
            "draft",
            lambda w: {"slug": w.draft_briefing.slug},
            get=only("analyst", public=NOT_FOUND, others=NOT_FOUND),
        ),
    ],
    "collation:briefing-edit": [
        check(
            "published",
            lambda w: {"slug": w.briefing.slug},
            get=ANALYSTS,
            post={"analyst", "admin"},
        ),
        check(
            "draft",
            lambda w: {"slug": w.draft_briefing.slug},
            get=ANALYSTS,
            post={"analyst", "admin"},
        ),
    ],
    "collation:agreement": [check(get=ANALYSTS)],
    "collation:recommendation-analysis": [check()],
    "collation:recommendation-code": per_review(
        lambda s: check(
            s,
            lambda w: {
                "pk": getattr(w, s).pk,
                "recommendation_pk": getattr(w, f"{s}_recommendation").pk,
            },
            get=ANALYSTS,
            post={"analyst", "admin"},
        )
    ),
    "collation:codebook-csv": [check()],
    "collation:codebook-qdc": [check()],
    "collation:codebook-import": [check(get=ANALYSTS, post={"analyst", "admin"})],
    "collation:taxonomy": [check(get=ANALYSTS)],
    "collation:taxonomy-stage-new": [check(get=ANALYSTS, post={"analyst", "admin"})],
    "collation:taxonomy-stage-edit": [
        check("a stage", lambda w: {"code": w.stage.code}, get=ANALYSTS, post={"analyst", "admin"})
    ],
    "collation:taxonomy-issue-new": [check(get=ANALYSTS, post={"analyst", "admin"})],
    "collation:taxonomy-issue-edit": [
        check("an issue", lambda w: {"code": w.issue.code}, get=ANALYSTS, post={"analyst", "admin"})
    ],
}

# --- The API (DRF: a missing credential is 401, a wrong role 403) -------------

API_ANALYSTS = only("analyst", public=UNAUTHORIZED)


# Flags quote the personal data: the board's managers, analysts and admins (both
# reviews of the world belong to the manager's board).
API_FLAGS = only("manager", "analyst", public=UNAUTHORIZED, others=NOT_FOUND)


ACCOUNTS_API = {
    "accounts-api:me": [check(get=API_SIGNED_IN)],
    "accounts-api:board-list": [check()],
    "accounts-api:board-detail": [check("a board", lambda w: {"slug": w.board.slug})],
    "accounts-api:user-list": [check(get=API_ADMINS)],
    "accounts-api:user-detail": [
        check("the manager", lambda w: {"pk": w.users["manager"].pk}, get=API_ADMINS)
    ],
}

COLLATION_API = {
    "collation-api:search": [
        # Searching for nothing is a clear 400, for everyone.
        check(get=everyone(BAD_REQUEST)),
        check("a query", query={"q": "neglect"}),
    ],
    "collation-api:trends": [check()],
    "collation-api:review-list": [check(post={"manager", "other_manager", "admin"})],
    "collation-api:review-detail": [
        *per_review(lambda s: check(s, _review(s), get=visibility(s))),
        check("withdrawn", _review("withdrawn"), get=visibility("withdrawn")),
    ],
    "collation-api:review-withdraw": per_review(
        lambda s: check(
            s,
            _review(s),
            get=everyone(NOT_ALLOWED),
            post={"manager", "admin"},
            post_refused=manages(s, api=True),
        )
    ),
    # Actions are POST only: any GET is 405. A POST is refused as the review's page is:
    # 404 where it is hidden, 403 where it is only seen.
    "collation-api:review-publish": per_review(
        lambda s: check(
            s,
            _review(s),
            get=everyone(NOT_ALLOWED),
            post={"manager", "admin"},
            post_refused=manages(s, api=True),
        )
    ),
    "collation-api:review-upload": per_review(
        lambda s: check(
            s,
            _review(s),
            get=everyone(NOT_ALLOWED),
            post={"manager", "admin"},
            post_refused=manages(s, api=True),
        )
    ),
    "collation-api:document-list": [check()],
    "collation-api:document-detail": per_state(
        lambda s: check(s, lambda w: {"pk": getattr(w, f"{s}_document").pk}, get=visibility(s))
    ),
    "collation-api:document-pages": per_state(
        lambda s: check(s, lambda w: {"pk": getattr(w, f"{s}_document").pk}, get=visibility(s))
    ),
    "collation-api:document-public-copy": per_state(
        lambda s: check(
            s,
            lambda w: {"pk": getattr(w, f"{s}_document").pk},
            get=only("manager", public=NOT_FOUND, others=NOT_FOUND),
        )
    ),
    "collation-api:document-redactions": per_review(
        lambda s: check(
            s,
            lambda w: {"pk": getattr(w, f"{s}_document").pk},
            get=signed_in(NOT_ALLOWED, public=UNAUTHORIZED),
            post={"manager", "admin"},
            post_refused=manages(s, api=True),
        )
    ),
    "collation-api:job-list": [check()],
    "collation-api:job-detail": per_state(
        lambda s: check(s, lambda w: {"pk": getattr(w, f"{s}_document").job.pk}, get=visibility(s))
    ),
    "collation-api:recommendation-list": [check()],
    "collation-api:recommendation-detail": per_state(
        lambda s: check(
            s, lambda w: {"pk": getattr(w, f"{s}_recommendation").pk}, get=visibility(s)
        )
    ),
    "collation-api:flag-list": [check(get=API_SIGNED_IN)],
    "collation-api:flag-detail": per_review(
        lambda s: check(s, lambda w: {"pk": getattr(w, f"{s}_flag").pk}, get=API_FLAGS)
    ),
    "collation-api:flag-clear": per_review(
        lambda s: check(
            s,
            lambda w: {"pk": getattr(w, f"{s}_flag").pk},
            get=signed_in(NOT_ALLOWED, public=UNAUTHORIZED),
            post={"manager", "admin"},
            # The analyst reads flags but may not decide them.
            post_refused=API_FLAGS | {"analyst": FORBIDDEN},
        )
    ),
    "collation-api:flag-decide": per_review(
        lambda s: check(
            s,
            lambda w: {"pk": getattr(w, f"{s}_flag").pk},
            get=signed_in(NOT_ALLOWED, public=UNAUTHORIZED),
            post={"manager", "admin"},
            # The analyst reads flags but may not decide them.
            post_refused=API_FLAGS | {"analyst": FORBIDDEN},
        )
    ),
    "collation-api:flag-undo": per_review(
        lambda s: check(
            s,
            lambda w: {"pk": getattr(w, f"{s}_flag").pk},
            get=signed_in(NOT_ALLOWED, public=UNAUTHORIZED),
            post={"manager", "admin"},
            # The analyst reads flags but may not decide them.
            post_refused=API_FLAGS | {"analyst": FORBIDDEN},
        )
    ),
    "collation-api:stage-list": [check()],
    "collation-api:stage-detail": [check("a stage", lambda w: {"pk": w.stage.pk})],
    "collation-api:issue-list": [check()],
    "collation-api:issue-detail": [check("an issue", lambda w: {"code": w.issue.code})],
    "collation-api:coding-list": [check(get=API_ANALYSTS, post={"analyst", "admin"})],
    # "Your codings": each analyst's own; an administrator has none of their own.
    "collation-api:coding-detail": [
        check(
            "the analyst's coding",
            lambda w: {"pk": w.coding.pk},
            get=API_ANALYSTS | {"admin": NOT_FOUND},
        )
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
    "alliance": ALLIANCE,
    "accounts-api": ACCOUNTS_API,
    "collation-api": COLLATION_API,
    "quality-markers-api": QUALITY_MARKERS_API,
    "masterclasses-api": MASTERCLASSES_API,
    "alliance-api": ALLIANCE_API,
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
