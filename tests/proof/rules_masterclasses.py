"""Reviewer development: who gets what (``masterclasses/rules.py`` says why).

The catalogue (topics, reading, sessions, rounds) is public; administrators
change it. The directory shows each profile to whom its reviewer chose: a
profile for boards is found by board managers and administrators (and its
owner); anyone else gets 404. Lead reviewers keep their own profile, apply for
masterclasses, withdraw from their places, give feedback on sessions they
attended and keep a CPD log that nobody else reads, administrators included.
Administrators run the allocation, record attendance and read the feedback.

Administrators pass every role check, so they reach a lead reviewer's pages,
but what is personal stays the reviewer's: another's CPD activity or place is
a 404 to them, and feedback is given only by those who attended.

The world (``world_apps.py``): the lead reviewer's profile is for boards, a
colleague's is public; a past round allocated (the reviewer placed on today's
session, attended, gave feedback), an open round; a CPD activity of the reviewer.
"""

from .rows import (
    API_ADMINS,
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    REDIRECT,
    UNAUTHORIZED,
    Row,
    check,
    everyone,
    only,
)

REVIEWERS = only("reviewer")
ADMINS = only()
# Found by board managers and administrators, and by its owner.
FOR_BOARDS = everyone(NOT_FOUND) | dict.fromkeys(
    ("manager", "other_manager", "reviewer", "admin"), OK
)
# The lead reviewer's own: their place, their CPD activity (an administrator gets 404).
OWN = only("reviewer", admin=NOT_FOUND)

API_REVIEWERS = only("reviewer", public=UNAUTHORIZED)
API_OWN = only("reviewer", public=UNAUTHORIZED, admin=NOT_FOUND)


# A CPD summary for a year no date can have: the roles that reach the page get 404.
NO_YEAR = only("reviewer", reviewer=NOT_FOUND, admin=NOT_FOUND)
REFUSED = {LOGIN, UNAUTHORIZED, FORBIDDEN, NOT_FOUND}


def _dev(name: str):
    """The pk of one of reviewer development's world objects."""
    return lambda w: {"pk": getattr(w.dev, name).pk}


def _post_only(allowed: set[str], refused: Row) -> dict:
    """An API action that only takes a POST: a GET is 405 once past the permission check."""
    get = {
        role: outcome if outcome in REFUSED else NOT_ALLOWED for role, outcome in refused.items()
    }
    return {"get": get, "post": allowed, "post_refused": refused}


MASTERCLASSES = {
    # The directory.
    "masterclasses:directory": [check()],
    "masterclasses:profile-edit": [check(get=REVIEWERS, post={"reviewer", "admin"})],
    "masterclasses:reviewer-detail": [
        check("a profile for boards", _dev("profile"), get=FOR_BOARDS),
        check("a public profile", _dev("public_profile")),
    ],
    # The catalogue, applications and places.
    "masterclasses:catalogue": [check()],
    "masterclasses:topic-detail": [check("a topic", lambda w: {"slug": w.dev.topic.slug})],
    "masterclasses:yours": [check(get=REVIEWERS)],
    "masterclasses:apply": [
        check(
            "the open round",
            _dev("open_round"),
            get=REVIEWERS,
            post={"reviewer", "admin"},
        ),
        # Closed: applicants are sent to their outcome (a POST is a form error).
        check(
            "the allocated round",
            _dev("past_round"),
            get=only("reviewer", reviewer=REDIRECT, admin=REDIRECT),
            post={"reviewer", "admin"},
        ),
    ],
    "masterclasses:place-withdraw": [
        check("the reviewer's place", _dev("place"), get=OWN, post={"reviewer"})
    ],
    # Only those who attended give feedback (an administrator did not attend).
    "masterclasses:feedback": [
        check(
            "the session attended",
            _dev("session"),
            get=only("reviewer", admin=FORBIDDEN),
            post={"reviewer"},
        )
    ],
    # Administrators.
    "masterclasses:round-list": [check(get=ADMINS)],
    "masterclasses:round-detail": [
        check("the open round", _dev("open_round"), get=ADMINS, post={"admin"}),
        check("the allocated round", _dev("past_round"), get=ADMINS, post={"admin"}),
    ],
    # Closing early asks first; a closed round's confirmation page sends back to the round.
    "masterclasses:round-close": [
        check("the open round", _dev("open_round"), get=ADMINS, post={"admin"}),
        check("the allocated round", _dev("past_round"), get=only(admin=REDIRECT), post={"admin"}),
    ],
    "masterclasses:run-detail": [
        check("the confirmed run", _dev("run"), get=ADMINS, post={"admin"})
    ],
    "masterclasses:attendance": [
        check("today's session", _dev("session"), get=ADMINS, post={"admin"})
    ],
    "masterclasses:feedback-summary": [check(get=ADMINS)],
    # The CPD log: each reviewer's own.
    "masterclasses:cpd-log": [check(get=REVIEWERS)],
    "masterclasses:cpd-new": [check(get=REVIEWERS, post={"reviewer", "admin"})],
    "masterclasses:cpd-edit": [
        check("the reviewer's activity", _dev("activity"), get=OWN, post={"reviewer"})
    ],
    "masterclasses:cpd-delete": [
        check("the reviewer's activity", _dev("activity"), get=OWN, post={"reviewer"})
    ],
    "masterclasses:cpd-summary": [
        check("the activity's year", lambda w: {"year": w.dev.activity.date.year}, get=REVIEWERS),
        # A year no date can have names no page.
        check("year 0", lambda w: {"year": 0}, get=NO_YEAR),
    ],
    "masterclasses:cpd-summary-csv": [
        check("the activity's year", lambda w: {"year": w.dev.activity.date.year}, get=REVIEWERS),
        check("year 0", lambda w: {"year": 0}, get=NO_YEAR),
    ],
}

# --- The API ---------------------------------------------------------------------

MASTERCLASSES_API = {
    "masterclasses-api:reviewer-list": [check()],
    "masterclasses-api:reviewer-detail": [
        check("a profile for boards", _dev("profile"), get=FOR_BOARDS),
        check("a public profile", _dev("public_profile")),
    ],
    # Your own profile: the administrator has none.
    "masterclasses-api:reviewer-me": [
        check(get=only("reviewer", public=UNAUTHORIZED, admin=NOT_FOUND))
    ],
    "masterclasses-api:topic-list": [check(post={"admin"})],
    "masterclasses-api:topic-detail": [check("a topic", lambda w: {"slug": w.dev.topic.slug})],
    "masterclasses-api:reading-list": [check(post={"admin"})],
    "masterclasses-api:reading-detail": [check("a reading item", _dev("reading"))],
    "masterclasses-api:round-list": [check(post={"admin"})],
    "masterclasses-api:round-detail": [check("the allocated round", _dev("past_round"))],
    "masterclasses-api:round-close": [
        check("the allocated round", _dev("past_round"), **_post_only({"admin"}, API_ADMINS))
    ],
    "masterclasses-api:session-list": [check(post={"admin"})],
    "masterclasses-api:session-detail": [check("today's session", _dev("session"))],
    "masterclasses-api:session-attendance": [
        check("today's session", _dev("session"), **_post_only({"admin"}, API_ADMINS))
    ],
    "masterclasses-api:application-list": [check(get=API_REVIEWERS, post={"reviewer", "admin"})],
    "masterclasses-api:application-detail": [
        check("the reviewer's application", _dev("application"), get=API_REVIEWERS)
    ],
    "masterclasses-api:run-list": [check(get=API_ADMINS, post={"admin"})],
    "masterclasses-api:run-detail": [check("the confirmed run", _dev("run"), get=API_ADMINS)],
    "masterclasses-api:run-confirm": [
        check("the confirmed run", _dev("run"), **_post_only({"admin"}, API_ADMINS))
    ],
    "masterclasses-api:place-list": [check(get=API_REVIEWERS)],
    "masterclasses-api:place-detail": [
        check("the reviewer's place", _dev("place"), get=API_REVIEWERS)
    ],
    "masterclasses-api:place-withdraw": [
        check(
            "the reviewer's place",
            _dev("place"),
            **_post_only({"reviewer", "admin"}, API_REVIEWERS),
        )
    ],
    "masterclasses-api:feedback-list": [check(get=API_REVIEWERS, post={"reviewer", "admin"})],
    "masterclasses-api:feedback-detail": [
        check("the reviewer's feedback", _dev("feedback"), get=API_REVIEWERS)
    ],
    "masterclasses-api:feedback-summary": [check(get=API_ADMINS)],
    "masterclasses-api:cpd-list": [check(get=API_REVIEWERS, post={"reviewer", "admin"})],
    "masterclasses-api:cpd-detail": [
        check("the reviewer's activity", _dev("activity"), get=API_OWN)
    ],
    "masterclasses-api:cpd-summary": [
        check(get=API_REVIEWERS),
        check("a year", query={"year": 2016}, get=API_REVIEWERS),
    ],
}
