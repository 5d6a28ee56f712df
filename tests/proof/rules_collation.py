"""Collation: who gets what (``collation/visibility.py`` and ``collation/rules.py`` say why).

Reviews: published ones are public; a draft, a withdrawn review, a replaced
document and a document held back for checking are seen by the review's board,
its lead reviewer, analysts and administrators (``visibility``); its managers
(and administrators) change it (``manages``). Flags quote personal data: the
board's managers, analysts and administrators read them; managers decide them.

Subjects (``world.py``): ``published`` and ``draft`` reviews of the manager's
board, each with a document, a flag, a recommendation and a coding; and the
hidden states (``HIDDEN_STATES``), each with the same.
"""

from collections.abc import Callable

from .rows import (
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
    check,
    everyone,
    manages,
    only,
    signed_in,
    visibility,
)
from .rules_following import FOLLOWING, FOLLOWING_API
from .rules_learning import LEARNING, LEARNING_API
from .rules_local import LOCAL, LOCAL_API


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


def metadata_proposals(subject: str) -> dict:
    """The review's managers and analysts; others who see the document are refused (the
    public asked for credentials); a hidden document stays a 404."""
    row = visibility(subject)
    row = {
        role: outcome
        if outcome is NOT_FOUND or role in {"manager", "analyst", "admin"}
        else FORBIDDEN
        for role, outcome in row.items()
    }
    if row["public"] is FORBIDDEN:
        row["public"] = UNAUTHORIZED
    return row


# Actions that are POST only, for analysts: a GET is 405 for them, refused for others.
ANALYST_ACTIONS = only("analyst", analyst=NOT_ALLOWED, admin=NOT_ALLOWED, public=UNAUTHORIZED)


COLLATION = {
    **FOLLOWING,
    **LOCAL,
    **LEARNING,
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
    # Verification: analysts only.
    "collation:verification": [check(get=ANALYSTS)],
    "collation:calibration": [check(get=ANALYSTS)],
    # A review's summary is drafted from its codings: analysts write it.
    "collation:review-summary": per_review(
        lambda s: check(s, _review(s), get=ANALYSTS, post={"analyst", "admin"})
    ),
    "collation:verify-review": per_review(
        lambda s: check(s, _review(s), get=ANALYSTS, post={"analyst", "admin"})
    ),
    "collation:coding-resolve": [
        check(
            "a disputed coding",
            lambda w: {"coding_pk": w.disputed_coding.pk},
            get=ANALYSTS,
            post={"analyst", "admin"},
        )
    ],
    # Deciding a suggestion is POST only (a GET is 405 for analysts).
    "collation:suggestion-decide": [
        check(
            "a suggestion",
            lambda w: {"suggestion_pk": w.suggestion.pk, "decision": "reject"},
            get=only("analyst", analyst=NOT_ALLOWED, admin=NOT_ALLOWED),
            post={"analyst", "admin"},
            post_refused=ANALYSTS,
        )
    ],
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
    "collation:codings-csv": [check()],
    "collation:corpus-qdpx": [check()],
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


COLLATION_API = {
    **FOLLOWING_API,
    **LOCAL_API,
    **LEARNING_API,
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
    "collation-api:document-suggestions": per_review(
        lambda s: check(s, lambda w: {"pk": getattr(w, f"{s}_document").pk}, get=API_ANALYSTS)
    ),
    "collation-api:document-metadata-suggestions": per_review(
        lambda s: check(
            s, lambda w: {"pk": getattr(w, f"{s}_document").pk}, get=metadata_proposals(s)
        )
    ),
    "collation-api:suggestion-list": [check(get=API_ANALYSTS)],
    **{
        f"collation-api:suggestion-{verb}": [
            check(
                "a suggestion",
                lambda w: {"pk": w.suggestion.pk},
                get=ANALYST_ACTIONS,
                post={"analyst", "admin"},
                post_refused=API_ANALYSTS,
            )
        ]
        for verb in ("accept", "reject")
    },
    "collation-api:verification-list": [check(get=API_ANALYSTS)],
    # The analyst coded the disputed coding: they may resolve it, never verify it.
    "collation-api:verification-verify": [
        check(
            "a disputed coding",
            lambda w: {"pk": w.disputed_coding.pk},
            get=ANALYST_ACTIONS,
            post={"admin"},
            post_refused=API_ANALYSTS | {"analyst": FORBIDDEN},
        )
    ],
    "collation-api:verification-resolve": [
        check(
            "a disputed coding",
            lambda w: {"pk": w.disputed_coding.pk},
            get=ANALYST_ACTIONS,
            post={"analyst", "admin"},
            post_refused=API_ANALYSTS,
        )
    ],
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
