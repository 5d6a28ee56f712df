"""Digital summits: who gets what (``alliance/rules.py`` says why).

Rounds and approved contributions are public, and anyone may report an
approved one. Contributions not (or no longer) approved are seen only by their
author and analysts: everyone else gets 404, other practitioners included.
Only verified practitioners contribute (administrators pass every role check);
only analysts open and run rounds and moderate; a contribution is withdrawn only
by its author. Anyone may register; signed-in users are sent on instead.

The world (``world_alliance.py``): the analyst's round asks for causes; the
practitioner has a contribution waiting, another practitioner one approved and
one waiting.
"""

from .rows import (
    BAD_REQUEST,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    REDIRECT,
    UNAUTHORIZED,
    check,
    everyone,
    only,
    signed_in,
)
from .world import ROLES

ANALYSTS = only("analyst")
ANALYSTS_POST_ONLY = only("analyst", analyst=NOT_ALLOWED, admin=NOT_ALLOWED)
RUNNERS = {"analyst", "admin"}
CONTRIBUTORS = only("practitioner")  # administrators pass the role check too


def _round(w) -> dict:
    return {"pk": w.alliance.summit.pk}


def _pk(name: str):
    return lambda w: {"pk": getattr(w.alliance, name).pk}


# Contributions the world holds: (world name, who sees it).
UNMODERATED = {
    "the practitioner's own, waiting": "own_waiting",
    "another practitioner's, waiting": "other_waiting",
}

SUMMITS = {
    "alliance:summit-list": [check()],
    "alliance:summit-detail": [check("the analyst's round", _round)],
    "alliance:summit-create": [check(get=ANALYSTS, post=RUNNERS)],
    "alliance:summit-summary": [check("the analyst's round", _round, get=ANALYSTS, post=RUNNERS)],
    "alliance:summit-advance": [
        check("the analyst's round", _round, get=ANALYSTS_POST_ONLY, post=RUNNERS)
    ],
    "alliance:summit-contribute": [
        check("the analyst's round", _round, get=CONTRIBUTORS, post={"practitioner", "admin"})
    ],
    # Each sees their own (an empty list says so).
    "alliance:summit-mine": [check(get=signed_in())],
    "alliance:summit-moderation": [check(get=ANALYSTS)],
    "alliance:contribution-report": [
        check("another practitioner's, approved", _pk("approved"), post=ROLES),
        *(
            check(subject, _pk(name), get=everyone(NOT_FOUND))
            for subject, name in UNMODERATED.items()
        ),
    ],
    # POST only, by its author: anyone else signed in is told it does not exist.
    "alliance:contribution-withdraw": [
        check(
            "the practitioner's own, waiting",
            _pk("own_waiting"),
            get=signed_in(NOT_ALLOWED),
            post={"practitioner"},
            post_refused=signed_in(NOT_FOUND),
        ),
        *(
            check(
                subject,
                _pk(name),
                get=signed_in(NOT_ALLOWED),
                post_refused=signed_in(NOT_FOUND),
            )
            for subject, name in (
                ("another practitioner's, waiting", "other_waiting"),
                ("another practitioner's, approved", "approved"),
            )
        ),
    ],
    "alliance:contribution-approve": [
        check(subject, _pk(name), get=ANALYSTS_POST_ONLY, post=RUNNERS)
        for subject, name in UNMODERATED.items()
    ],
    "alliance:contribution-reject": [
        check(subject, _pk(name), get=ANALYSTS, post=RUNNERS)
        for subject, name in UNMODERATED.items()
    ],
    # Anyone may register; the signed-in are sent on (whatever they send).
    "alliance:practitioner-register": [check(get=signed_in(REDIRECT, public=OK), post=ROLES)],
    "alliance:practitioner-check-email": [check()],
    "alliance:practitioner-resend": [check(post=ROLES)],
    "alliance:practitioner-verify": [
        check(
            "the link e-mailed to the practitioner", lambda w: {"token": w.alliance.verify_token}
        ),
        check("an altered link", lambda w: {"token": "altered"}, get=everyone(BAD_REQUEST)),
    ],
}

# --- The API ---------------------------------------------------------------------

API_ANALYSTS_POST = only("analyst", public=UNAUTHORIZED)
# Who sees a contribution that is not approved: its author, analysts (and admins).
SEES_OWN_WAITING = only("practitioner", "analyst", public=NOT_FOUND, others=NOT_FOUND)
SEES_OTHER_WAITING = only("analyst", public=NOT_FOUND, others=NOT_FOUND)

# POST-only actions answer any GET with 405 (reading is open); a POST is refused as the
# pages refuse it. The analyst approves the other practitioner's contribution, the
# practitioner withdraws their own: later routes' rows allow for it.
SUMMITS_API = {
    "alliance-api:summit-round-list": [check(post=RUNNERS)],
    "alliance-api:summit-round-detail": [check("the analyst's round", _round)],
    "alliance-api:summit-round-advance": [
        check(
            "the analyst's round",
            _round,
            get=everyone(NOT_ALLOWED),
            post=RUNNERS,
            post_refused=API_ANALYSTS_POST,
        )
    ],
    "alliance-api:contribution-list": [check(post={"practitioner", "admin"})],
    "alliance-api:contribution-detail": [
        check("another practitioner's, approved", _pk("approved")),
        check("the practitioner's own, waiting", _pk("own_waiting"), get=SEES_OWN_WAITING),
        check("another practitioner's, waiting", _pk("other_waiting"), get=SEES_OTHER_WAITING),
    ],
    "alliance-api:contribution-approve": [
        check(
            "another practitioner's, waiting",
            _pk("other_waiting"),
            get=everyone(NOT_ALLOWED),
            post=RUNNERS,
            post_refused=API_ANALYSTS_POST,
        )
    ],
    "alliance-api:contribution-reject": [
        check(
            "the practitioner's own, waiting",
            _pk("own_waiting"),
            get=everyone(NOT_ALLOWED),
            post=RUNNERS,
            post_refused=API_ANALYSTS_POST,
        )
    ],
    "alliance-api:contribution-report": [
        check(
            "another practitioner's, approved",
            _pk("approved"),
            get=everyone(NOT_ALLOWED),
            post=ROLES,
        ),
        check(
            "the practitioner's own, waiting",
            _pk("own_waiting"),
            get=everyone(NOT_ALLOWED),
            post_refused=everyone(NOT_FOUND),
        ),
    ],
    "alliance-api:contribution-withdraw": [
        check(
            "the practitioner's own, waiting",
            _pk("own_waiting"),
            get=everyone(NOT_ALLOWED),
            post={"practitioner"},
            post_refused=signed_in(NOT_FOUND, public=UNAUTHORIZED),
        ),
        check(
            "another practitioner's, approved",
            _pk("approved"),
            get=everyone(NOT_ALLOWED),
            post_refused=signed_in(NOT_FOUND, public=UNAUTHORIZED),
        ),
    ],
}
