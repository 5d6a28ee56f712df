"""Following (collation): anyone may follow; the signed links in e-mails are the key.

/follow/ is open to everyone (the public give an address to confirm; signed-in
users follow with their account's). The confirmation, manage and unsubscribe
links are signed: whoever holds one may use it, signed in or not, and a forged
one is not found. The one-click unsubscribe takes a POST without a CSRF token
(RFC 8058). /follow/mine/ is a signed-in user's own list.
"""

from collation.models import Follow, Follower, PracticeIssue
from collation.services.following import (
    FollowTarget,
    confirmation_token,
    follow_add_for_user,
    manage_token,
    unsubscribe_token,
)

from .rows import (
    API_SIGNED_IN,
    NOT_FOUND,
    SIGNED_IN,
    UNAUTHORIZED,
    check,
    everyone,
    only,
    signed_in,
)
from .world import ROLES


def _follow(world) -> Follow:
    follower, _ = Follower.objects.get_or_create(email="proof-follower@example.org")
    follow, _ = Follow.objects.get_or_create(
        follower=follower, kind="issue", issue=PracticeIssue.objects.get(code=world.issue.code)
    )
    return follow


FOLLOWING = {
    "collation:follow": [check(post=ROLES)],
    "collation:follow-sent": [check()],
    "collation:follow-mine": [check(get=signed_in(), post=SIGNED_IN)],
    "collation:follow-confirm": [
        check(
            "a follow's link",
            lambda w: {"token": confirmation_token(_follow(w), "weekly")},
            post=ROLES,
        ),
        # A forged link shows the page; confirming it is refused with a message (400).
        check("a forged link", lambda w: {"token": "forged:link"}, post=ROLES),
    ],
    "collation:follow-manage": [
        check(
            "a follower's link",
            lambda w: {"token": manage_token(_follow(w).follower)},
            post=ROLES,
        ),
        check("a forged link", lambda w: {"token": "forged:link"}, get=everyone(NOT_FOUND)),
    ],
    "collation:follow-unsubscribe": [
        check(
            "a follower's link",
            lambda w: {"token": unsubscribe_token(_follow(w).follower)},
            post=ROLES,
        ),
        check("a forged link", lambda w: {"token": "forged:link"}, get=everyone(NOT_FOUND)),
    ],
}


def _analysts_follow(world) -> dict:
    follow = follow_add_for_user(
        user=world.users["analyst"], target=FollowTarget(kind="issue", issue=world.issue)
    )
    return {"pk": follow.pk}


# The API: a signed-in user's own follows; another's is not found, the public asked to sign in.
FOLLOWING_API = {
    "collation-api:follow-list": [check(get=API_SIGNED_IN, post=SIGNED_IN)],
    "collation-api:follow-detail": [
        check(
            "the analyst's follow",
            _analysts_follow,
            get=only("analyst", public=UNAUTHORIZED, others=NOT_FOUND, admin=NOT_FOUND),
        )
    ],
}
