"""Boards' local learning (collation): who gets what (``visibility.local_learning_q``).

A board's grid, local actions and recommendation outcomes are private to its managers
(and administrators): other boards' managers, lead reviewers, analysts, Alliance members
and practitioners get 404, the public is asked to sign in. Once the board shares them,
the professional roles read them (404 stays for practitioners: anyone may register as
one); only the board's own managers record, the others get 403. The national figures
are public (small numbers hidden: ``tests/collation/test_local_national.py``).

The world (``world_local.py``): the manager's board is private, the other board shares;
each answered the issue, has an action and an outcome of a published recommendation.
"""

from .rows import (
    FORBIDDEN,
    NOT_ALLOWED,
    NOT_FOUND,
    UNAUTHORIZED,
    check,
    only,
    signed_in,
)

PROFESSIONALS = ("manager", "other_manager", "reviewer", "analyst", "alliance")
PRIVATE = only("manager", others=NOT_FOUND)
SHARED = only(*PROFESSIONALS, others=NOT_FOUND)
# Recording on the shared board: its own manager; the other professionals may only read.
SHARED_RECORD = only("other_manager", others=FORBIDDEN, practitioner=NOT_FOUND)
OWN, OTHER = {"manager", "admin"}, {"other_manager", "admin"}
HIDDEN = only(others=NOT_FOUND, admin=NOT_FOUND)


def _board(w):
    return {"slug": w.board.slug}


def _shared_board(w):
    return {"slug": w.other_board.slug}


def _issue(board):
    return lambda w: {"slug": getattr(w, board).slug, "code": w.issue.code}


def _action(w):
    return {"slug": w.board.slug, "action_pk": w.local.action.pk}


def _shared_action(w):
    return {"slug": w.other_board.slug, "action_pk": w.local.shared_action.pk}


def _outcomes(review):
    return lambda w: {"pk": review(w).pk}


def _record(review, recommendation):
    return lambda w: {"pk": review(w).pk, "recommendation_pk": recommendation(w).pk}


PRIVATE_SUBJECT, SHARED_SUBJECT = "the manager's board (private)", "the other board (shared)"

LOCAL = {
    "collation:local-grid": [
        check(PRIVATE_SUBJECT, _board, get=PRIVATE),
        check(SHARED_SUBJECT, _shared_board, get=SHARED),
    ],
    "collation:local-sharing": [
        check(PRIVATE_SUBJECT, _board, get=PRIVATE, post=OWN),
        check(SHARED_SUBJECT, _shared_board, get=SHARED_RECORD, post=OTHER),
    ],
    "collation:local-issue": [
        check(PRIVATE_SUBJECT, _issue("board"), get=PRIVATE, post=OWN),
        check(SHARED_SUBJECT, _issue("other_board"), get=SHARED, post=OTHER),
    ],
    "collation:local-action-create": [
        check(PRIVATE_SUBJECT, _issue("board"), get=PRIVATE, post=OWN),
        check(SHARED_SUBJECT, _issue("other_board"), get=SHARED_RECORD, post=OTHER),
    ],
    "collation:local-action": [
        check(PRIVATE_SUBJECT, _action, get=PRIVATE, post=OWN),
        check(SHARED_SUBJECT, _shared_action, get=SHARED, post=OTHER),
        # Another board's action is not found under this board's address.
        check(
            "the shared board's action under the private board",
            lambda w: {"slug": w.board.slug, "action_pk": w.local.shared_action.pk},
            get=only(others=NOT_FOUND, manager=NOT_FOUND, admin=NOT_FOUND),
        ),
    ],
    "collation:recommendation-outcomes": [
        check(PRIVATE_SUBJECT, _outcomes(lambda w: w.published), get=PRIVATE),
        check(SHARED_SUBJECT, _outcomes(lambda w: w.local.shared_review), get=SHARED),
        # Outcomes are for published reviews: a draft's are nobody's to read.
        check("a draft", _outcomes(lambda w: w.draft), get=HIDDEN),
    ],
    "collation:recommendation-outcome-record": [
        check(
            PRIVATE_SUBJECT,
            _record(lambda w: w.published, lambda w: w.published_recommendation),
            get=PRIVATE,
            post=OWN,
        ),
        check(
            SHARED_SUBJECT,
            _record(lambda w: w.local.shared_review, lambda w: w.local.shared_recommendation),
            get=SHARED_RECORD,
            post=OTHER,
        ),
        check(
            "a draft",
            _record(lambda w: w.draft, lambda w: w.draft_recommendation),
            get=HIDDEN,
        ),
    ],
    # National figures, small numbers hidden: everyone.
    "collation:local-national": [check()],
    "collation:recommendation-outcome-rates": [check()],
}

# --- The API ---------------------------------------------------------------------

API_PRIVATE = only("manager", public=UNAUTHORIZED, others=NOT_FOUND)
API_SHARED = only(*PROFESSIONALS, public=UNAUTHORIZED, others=NOT_FOUND)
API_LIST = signed_in(public=UNAUTHORIZED)
RECORDERS = {"manager", "other_manager", "admin"}


def _pk(name):
    return lambda w: {"pk": getattr(w.local, name).pk}


def _entry(board):
    from collation.models import LocalIssue

    return lambda w: {"pk": LocalIssue.objects.get(board=getattr(w, board), issue=w.issue).pk}


def _outcome(recommendation):
    return lambda w: {"pk": recommendation(w).outcomes.get().pk}


def _updates(name, board_records, others):
    return check(
        name,
        _pk(board_records),
        get=signed_in(NOT_ALLOWED, public=UNAUTHORIZED),
        post=others,
        post_refused={
            "public": UNAUTHORIZED,
            **{
                role: (
                    FORBIDDEN
                    if board_records == "shared_action" and role in PROFESSIONALS
                    else NOT_FOUND
                )
                for role in ("manager", "other_manager", "reviewer", "analyst", "alliance")
            },
            "practitioner": NOT_FOUND,
            "admin": NOT_FOUND,
        },
    )


LOCAL_API = {
    "collation-api:local-issue-list": [check(get=API_LIST, post=RECORDERS)],
    "collation-api:local-issue-detail": [
        check(PRIVATE_SUBJECT, _entry("board"), get=API_PRIVATE),
        check(SHARED_SUBJECT, _entry("other_board"), get=API_SHARED),
    ],
    "collation-api:local-action-list": [check(get=API_LIST, post=RECORDERS)],
    "collation-api:local-action-detail": [
        check(PRIVATE_SUBJECT, _pk("action"), get=API_PRIVATE),
        check(SHARED_SUBJECT, _pk("shared_action"), get=API_SHARED),
    ],
    "collation-api:local-action-updates": [
        _updates(PRIVATE_SUBJECT, "action", OWN),
        _updates(SHARED_SUBJECT, "shared_action", OTHER),
    ],
    "collation-api:recommendation-outcome-list": [check(get=API_LIST, post=RECORDERS)],
    "collation-api:recommendation-outcome-detail": [
        check(PRIVATE_SUBJECT, _outcome(lambda w: w.published_recommendation), get=API_PRIVATE),
        check(
            SHARED_SUBJECT,
            _outcome(lambda w: w.local.shared_recommendation),
            get=API_SHARED,
        ),
    ],
    "collation-api:local-sharing": [
        check(PRIVATE_SUBJECT, _board, get=API_PRIVATE),
        check(SHARED_SUBJECT, _shared_board, get=API_SHARED),
    ],
    "collation-api:local-national": [check()],
    "collation-api:recommendation-outcome-rates": [check()],
}
