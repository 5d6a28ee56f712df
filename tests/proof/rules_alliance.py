"""The Alliance: who gets what (``alliance/rules.py`` says why).

Member organisations, working groups, published actions (with their progress
and evidence), good practice and the progress feeds are public. An action
nobody has published is seen only by its organisations' representatives and
administrators: anyone else gets 404, the public included. Only those
representatives and administrators change an action (its details, progress,
evidence, publication); others who see it get 403. Meetings and their
decisions are the members' own record: Alliance members record them, analysts
read them, anyone else signed in gets 403 and the public is asked to sign in
(401 from the API). Alliance members set up working groups; Alliance members
and analysts record good practice, which only its author or an administrator
changes. Overdue actions are for Alliance members and administrators.

The world (``world_alliance.py``): the Alliance member represents one
organisation, which keeps an action unpublished; another organisation has
published one and keeps one unpublished. So the member sees an action it may
not change, one it may, and one it may not see.
"""

from .rows import (
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    UNAUTHORIZED,
    Row,
    check,
    everyone,
    only,
)
from .world import ROLES

MEMBERS = only("alliance")
READERS = only("alliance", "analyst")  # meetings and decisions
RECORDERS = only("alliance", "analyst")  # good practice
# Good practice recorded by the Alliance member: the analyst may record, not change it.
AUTHOR = only("alliance")

API_MEMBERS_AND_ANALYSTS = only("alliance", "analyst", public=UNAUTHORIZED)


def _pk(name: str):
    return lambda w: {"pk": getattr(w.alliance, name).pk}


def seen_by(*roles: str) -> Row:
    """An unpublished action: ``roles`` (and admins) see it; everyone else gets 404."""
    return {role: OK if role in {*roles, "admin"} else NOT_FOUND for role in ROLES}


def _organisation(w) -> dict:
    return {"slug": w.alliance.organisation.slug}


# The three actions of the world: (world name, who sees it, who changes it). Those who
# see an action but may not change it get 403 on its changing pages; the rest 404.
ACTIONS = {
    "another organisation's, published": ("action", everyone(), {"admin"}),
    "own draft": ("draft_action", seen_by("alliance"), {"alliance", "admin"}),
    "another organisation's draft": ("other_draft", seen_by(), {"admin"}),
}


def _changing(sees: Row, changers: set[str], *, public=LOGIN, allowed=OK) -> Row:
    row = {
        role: allowed if role in changers else FORBIDDEN if outcome is OK else outcome
        for role, outcome in sees.items()
    }
    return row | {"public": public}


def _changes() -> list:
    """A page that changes an action (details, progress, evidence), for each action."""
    return [
        check(subject, _pk(name), get=_changing(sees, changers), post=changers)
        for subject, (name, sees, changers) in ACTIONS.items()
    ]


def _publish() -> list:
    """POST only: a GET is 405 once past the checks that refuse it."""
    return [
        check(
            subject,
            _pk(name),
            get=_changing(sees, changers, allowed=NOT_ALLOWED),
            post=changers,
        )
        for subject, (name, sees, changers) in ACTIONS.items()
    ]


ALLIANCE = {
    "alliance:action-list": [check(), check("an issue", query=lambda w: {"issues": w.issue.code})],
    "alliance:action-overdue": [check(get=MEMBERS)],
    "alliance:updates-feed": [check()],
    "alliance:updates-csv": [check()],
    "alliance:issue-updates-feed": [check("an issue", lambda w: {"code": w.issue.code})],
    "alliance:action-create": [check(get=MEMBERS, post={"alliance", "admin"})],
    "alliance:action-detail": [
        check(subject, _pk(name), get=sees) for subject, (name, sees, _) in ACTIONS.items()
    ],
    "alliance:action-edit": _changes(),
    "alliance:action-progress": _changes(),
    "alliance:action-evidence": _changes(),
    "alliance:action-publish": _publish(),
    "alliance:organisation-list": [check()],
    "alliance:organisation-detail": [check("the Alliance member's organisation", _organisation)],
    "alliance:working-group-list": [check()],
    "alliance:working-group-create": [check(get=MEMBERS, post={"alliance", "admin"})],
    "alliance:working-group-detail": [
        check("a working group", lambda w: {"slug": w.alliance.working_group.slug})
    ],
    "alliance:working-group-edit": [
        check(
            "a working group",
            lambda w: {"slug": w.alliance.working_group.slug},
            get=MEMBERS,
            post={"alliance", "admin"},
        )
    ],
    "alliance:meeting-list": [check(get=READERS)],
    "alliance:meeting-create": [check(get=MEMBERS, post={"alliance", "admin"})],
    "alliance:meeting-detail": [check("a meeting", _pk("meeting"), get=READERS)],
    "alliance:meeting-edit": [
        check("a meeting", _pk("meeting"), get=MEMBERS, post={"alliance", "admin"})
    ],
    "alliance:decision-create": [
        check("a meeting", _pk("meeting"), get=MEMBERS, post={"alliance", "admin"})
    ],
    "alliance:decision-edit": [
        check(
            "the meeting's decision",
            lambda w: {"pk": w.alliance.meeting.pk, "decision_pk": w.alliance.decision.pk},
            get=MEMBERS,
            post={"alliance", "admin"},
        )
    ],
    "alliance:good-practice-list": [check()],
    "alliance:good-practice-create": [check(get=RECORDERS, post={"alliance", "analyst", "admin"})],
    "alliance:good-practice-detail": [
        check("the Alliance member's good practice", _pk("good_practice"))
    ],
    "alliance:good-practice-edit": [
        check(
            "the Alliance member's good practice",
            _pk("good_practice"),
            get=AUTHOR,
            post={"alliance", "admin"},
        )
    ],
}

# --- The API ---------------------------------------------------------------------


def _api_actions() -> list:
    """A POST-only action on an action: any GET is 405 (reading is open, so nobody is asked
    to sign in first); a POST is refused as the action's pages refuse it, before any input
    is read."""
    return [
        check(
            subject,
            _pk(name),
            get=everyone(NOT_ALLOWED),
            post=changers,
            post_refused=_changing(sees, changers, public=UNAUTHORIZED),
        )
        for subject, (name, sees, changers) in ACTIONS.items()
    ]


ALLIANCE_API = {
    "alliance-api:organisation-list": [check()],
    "alliance-api:organisation-detail": [
        check("the Alliance member's organisation", _organisation)
    ],
    # Who represents whom names people: for Alliance members and analysts.
    "alliance-api:representative-list": [check(get=API_MEMBERS_AND_ANALYSTS)],
    "alliance-api:representative-detail": [
        check("the Alliance member's", _pk("representative"), get=API_MEMBERS_AND_ANALYSTS)
    ],
    "alliance-api:working-group-list": [check(post={"alliance", "admin"})],
    "alliance-api:working-group-detail": [
        check("a working group", lambda w: {"slug": w.alliance.working_group.slug})
    ],
    "alliance-api:meeting-list": [check(get=API_MEMBERS_AND_ANALYSTS, post={"alliance", "admin"})],
    "alliance-api:meeting-detail": [
        check("a meeting", _pk("meeting"), get=API_MEMBERS_AND_ANALYSTS)
    ],
    "alliance-api:decision-list": [check(get=API_MEMBERS_AND_ANALYSTS, post={"alliance", "admin"})],
    "alliance-api:decision-detail": [
        check("the meeting's decision", _pk("decision"), get=API_MEMBERS_AND_ANALYSTS)
    ],
    "alliance-api:action-list": [check(post={"alliance", "admin"})],
    "alliance-api:action-detail": [
        check(subject, _pk(name), get=sees) for subject, (name, sees, _) in ACTIONS.items()
    ],
    "alliance-api:action-evidence": _api_actions(),
    "alliance-api:action-progress": _api_actions(),
    "alliance-api:action-publish": _api_actions(),
    "alliance-api:good-practice-list": [check(post={"alliance", "analyst", "admin"})],
    "alliance-api:good-practice-detail": [
        check("the Alliance member's good practice", _pk("good_practice"))
    ],
}
