"""Quality Markers: who gets what (``quality_markers/rules.py`` says why).

The markers are public. An assessment is private to its review's board
managers, the review's lead reviewer and its author; administrators see every
one. Anyone else signed in gets 404 (its existence is private too) and the
public is sent to sign in. Only the author changes an assessment, and only
while it is a draft: everyone else who sees it gets 403 on its marker and
submit pages. Assessing (the list, starting one) is for board managers and
lead reviewers. A board's summary is its managers'; the national one is public.

The world (``world_apps.py``): the lead reviewer's draft assessment of the
draft review, and the board manager's submitted one of the same review.
"""

from .rows import (
    API_ADMINS,
    API_SIGNED_IN,
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    SIGNED_IN,
    UNAUTHORIZED,
    Row,
    check,
    only,
    signed_in,
)
from .world import ROLES

# Who sees both assessments of the world: the board's manager, the review's lead reviewer, admins.
READERS = {"manager", "reviewer", "admin"}
ASSESSORS = {"manager", "other_manager", "reviewer"}


def private(outcome=OK, *, public=LOGIN, readers=READERS) -> Row:
    """An assessment: ``outcome`` for those who see it, 404 for everyone else signed in."""
    return {
        role: public if role == "public" else outcome if role in readers else NOT_FOUND
        for role in ROLES
    }


def editing(author: str | None, *, public=LOGIN) -> Row:
    """Changing an assessment: its author while a draft; 403 for others who see it."""
    row = private(FORBIDDEN, public=public)
    if author:
        row[author] = OK
    return row


def _assessment(kind: str):
    return lambda w: {"pk": getattr(w.qm, kind).pk}


def _marker_page(kind: str):
    return lambda w: {"pk": getattr(w.qm, kind).pk, "number": w.qm.marker.number}


QUALITY_MARKERS = {
    "quality_markers:framework": [check(), check("an audience", query={"audience": "chair"})],
    # Anyone signed in may comment on a marker.
    "quality_markers:marker-feedback": [
        check("a marker", lambda w: {"pk": w.qm.marker.pk}, get=signed_in(), post=SIGNED_IN)
    ],
    "quality_markers:national": [check()],
    "quality_markers:board": [
        check(
            "the manager's board",
            lambda w: {"board_id": w.board.pk},
            get=only("manager"),
            post={"manager", "admin"},
        )
    ],
    "quality_markers:assessment-list": [check(get=only(*ASSESSORS))],
    "quality_markers:assessment-start": [check(get=only(*ASSESSORS), post={*ASSESSORS, "admin"})],
    "quality_markers:assessment-compare": [
        # Nothing chosen: nothing to show, for anyone signed in.
        check(get=signed_in(NOT_FOUND)),
        check(
            "two assessments of the draft",
            query=lambda w: {"left": w.qm.submitted.pk, "right": w.qm.assessment.pk},
            get=private(),
        ),
    ],
    "quality_markers:assessment": [
        check("the reviewer's draft", _assessment("assessment"), get=private()),
        check("the manager's submitted", _assessment("submitted"), get=private()),
    ],
    "quality_markers:rating": [
        check(
            "the reviewer's draft",
            _marker_page("assessment"),
            get=editing("reviewer"),
            post={"reviewer"},
        ),
        # Submitted: a record, changed by nobody.
        check("the manager's submitted", _marker_page("submitted"), get=editing(None)),
    ],
    "quality_markers:assessment-submit": [
        check(
            "the reviewer's draft",
            _assessment("assessment"),
            get=editing("reviewer"),
            post={"reviewer"},
        ),
        check("the manager's submitted", _assessment("submitted"), get=editing(None)),
    ],
    "quality_markers:assessment-summary": [
        check("the reviewer's draft", _assessment("assessment"), get=private()),
        check("the manager's submitted", _assessment("submitted"), get=private()),
    ],
}

# --- The API ---------------------------------------------------------------------


def _api_action(author: str | None) -> dict:
    """A POST-only action on an assessment (ratings, submit): every GET is 405."""
    return {
        "get": signed_in(NOT_ALLOWED, public=UNAUTHORIZED),
        "post": {author} if author else (),
        "post_refused": editing(None, public=UNAUTHORIZED),
    }


QUALITY_MARKERS_API = {
    "quality-markers-api:framework-list": [check()],
    "quality-markers-api:framework-detail": [
        check("version 1", lambda w: {"pk": w.qm.framework.pk})
    ],
    # Each sees the assessments they may (none, for most); starting one checks the review.
    "quality-markers-api:assessment-list": [check(get=API_SIGNED_IN, post=SIGNED_IN)],
    "quality-markers-api:assessment-detail": [
        check(
            "the reviewer's draft",
            _assessment("assessment"),
            get=private(public=UNAUTHORIZED),
        ),
        check(
            "the manager's submitted",
            _assessment("submitted"),
            get=private(public=UNAUTHORIZED),
        ),
    ],
    "quality-markers-api:assessment-ratings": [
        check("the reviewer's draft", _assessment("assessment"), **_api_action("reviewer")),
        check("the manager's submitted", _assessment("submitted"), **_api_action(None)),
    ],
    "quality-markers-api:assessment-submit": [
        check("the reviewer's draft", _assessment("assessment"), **_api_action("reviewer")),
        check("the manager's submitted", _assessment("submitted"), **_api_action(None)),
    ],
    # Feedback on the markers: anyone signed in writes; administrators read it.
    "quality-markers-api:feedback-list": [check(get=API_ADMINS, post=SIGNED_IN)],
    "quality-markers-api:feedback-detail": [
        check("the reviewer's feedback", lambda w: {"pk": w.qm.feedback.pk}, get=API_ADMINS)
    ],
}
