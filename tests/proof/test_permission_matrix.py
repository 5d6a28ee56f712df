"""The permission matrix: every route, every role, against the declared table.

Routes come from the URL resolver, so a new page or API route without a rule
in ``expectations.py`` fails ``test_every_route_has_a_rule`` by name. Each
declared check is then requested as each role: a GET, compared with the
table, and a POST with empty data, which only the roles allowed to write may
have answered (and then with a form error, never a 201 or a 5xx).
"""

import pytest
from django.test import Client
from django.urls import reverse

from .conftest import FIGURES, PENDING
from .expectations import EXPECTATIONS, KNOWN_DEVIATIONS, PENDING_APPS, Deviation
from .routes import Route, all_routes
from .rows import Check, Outcome
from .world import ROLES, World

REFUSALS = {
    Outcome.LOGIN,
    Outcome.ADMIN_LOGIN,
    Outcome.UNAUTHORIZED,
    Outcome.FORBIDDEN,
    Outcome.NOT_FOUND,
    Outcome.NOT_ALLOWED,
}
# What a permitted POST with empty data may get: the form again, a redirect, a 400.
HANDLED = {Outcome.OK, Outcome.REDIRECT, Outcome.BAD_REQUEST}


def _routes_by_app() -> dict[str, list[Route]]:
    routes: dict[str, list[Route]] = {}
    for route in all_routes():
        routes.setdefault(route.app, []).append(route)
    return routes


def outcome_of(response) -> Outcome | str:
    """The table's name for a response, or its bare status code if the table has none."""
    status = response.status_code
    if status in (301, 302):
        location = response["Location"]
        if location.startswith(reverse("accounts:login")):
            return Outcome.LOGIN
        if location.startswith(reverse("admin:login")):
            return Outcome.ADMIN_LOGIN
        return Outcome.REDIRECT
    try:
        return Outcome(str(status))
    except ValueError:
        return str(status)


def _name(outcome) -> str:
    return outcome.value if isinstance(outcome, Outcome) else outcome


def _url(route: Route, check: Check, world: World) -> str:
    params = check.params(world)
    missing = set(route.params) - set(params)
    assert not missing, f"{route}: the check for {check.subject!r} gives no value for {missing}"
    if route.key.startswith("/"):
        return route.key
    return reverse(route.key, kwargs={name: params[name] for name in route.params})


def _client(world: World, role: str) -> Client:
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    return client


class Clients:
    """One signed-in client per role, reused: signing in for every request would double the
    run's time. A request that signs its user out (the sign-out page) drops that client."""

    def __init__(self, world: World):
        self.world = world
        self.clients: dict[str, Client] = {}

    def __call__(self, role: str) -> Client:
        if role not in self.clients:
            self.clients[role] = _client(self.world, role)
        return self.clients[role]

    def after(self, role: str, response) -> None:
        if self.world.users[role] is not None and not response.wsgi_request.user.is_authenticated:
            del self.clients[role]


def _deviation(route: Route, check: Check, role: str, method: str) -> Deviation | None:
    deviation = KNOWN_DEVIATIONS.get((route.key, method))
    if deviation is None or role not in deviation.roles:
        return None
    if deviation.subject not in (None, check.subject):
        return None
    return deviation


def _post_acceptable(check: Check, role: str, get_outcome: Outcome) -> set[Outcome]:
    if role in check.post_handled:
        return HANDLED
    if check.post_refused is not None:
        return {check.post_refused[role]}
    if get_outcome in REFUSALS and get_outcome is not Outcome.NOT_ALLOWED:
        # Refused the same way as the GET: a 404 that hides a draft stays a 404 (an
        # anonymous POST may also be asked for credentials first: that says nothing).
        anonymous = {Outcome.UNAUTHORIZED, Outcome.LOGIN} if role == "public" else set()
        return {get_outcome, Outcome.NOT_ALLOWED} | anonymous
    return REFUSALS - {Outcome.LOGIN, Outcome.ADMIN_LOGIN} | (
        {Outcome.LOGIN} if role == "public" else set()
    )


# --- Every route has a rule ---------------------------------------------------


def test_every_route_has_a_rule():
    routes = all_routes()
    declared = {key for table in EXPECTATIONS.values() for key in table}
    missing = [
        route for route in routes if route.app not in PENDING_APPS and route.key not in declared
    ]
    stale = sorted(declared - {route.key for route in routes})
    message = []
    if missing:
        message.append(
            f"{len(missing)} route(s) have no rule in tests/proof/expectations.py. Add each to "
            "its app's dict (the name after the colon is the key) with a check() per subject "
            "and the GET outcome for every role (see the module's docstring):"
        )
        message += [f"  [{route.app}] {route}" for route in missing]
    if stale:
        message.append("Rules for routes that no longer exist (remove them):")
        message += [f"  {key}" for key in stale]
    assert not message, "\n".join(message)


def test_routes_of_apps_under_construction_are_reported():
    """Routes of apps still being built are listed, to be given rules when they land."""
    pending = [route for route in all_routes() if route.app in PENDING_APPS]
    PENDING[:] = [f"[{route.app}] {route}" for route in pending]
    if pending:
        pytest.xfail(
            f"{len(pending)} route(s) of apps under construction await rules in "
            "expectations.py (listed in the 'whole-service proof' summary); once added, take "
            "the app out of PENDING_APPS"
        )


# --- GET and POST as every role ------------------------------------------------


def _declared_routes(app: str) -> list[tuple[Route, list[Check]]]:
    table = EXPECTATIONS[app]
    return [
        (route, table[route.key]) for route in _routes_by_app().get(app, []) if route.key in table
    ]


@pytest.mark.parametrize("app", sorted(EXPECTATIONS))
def test_every_role_gets_the_declared_outcome(app, world):
    mismatches, counts, deviations = [], {"GET": 0, "POST": 0}, 0
    routes = _declared_routes(app)
    client = Clients(world)
    for route, checks in routes:
        for check in checks:
            url = _url(route, check, world)
            query = check.query(world) if callable(check.query) else check.query
            for role in ROLES:
                declared = check.get[role]
                for method in ("GET", "POST"):
                    if method == "GET":
                        acceptable = {declared}
                        response = client(role).get(url, query)
                    else:
                        acceptable = _post_acceptable(check, role, declared)
                        response = client(role).post(url, {})
                    client.after(role, response)
                    deviation = _deviation(route, check, role, method)
                    if deviation:
                        deviations += 1
                        acceptable = {deviation.outcome or declared}
                    got = outcome_of(response)
                    counts[method] += 1
                    if got in acceptable:
                        continue
                    wanted = " or ".join(sorted(_name(outcome) for outcome in acceptable))
                    line = (
                        f"{method:4} {url} [{check.subject}] as {role}: "
                        f"expected {wanted}, got {_name(got)}"
                    )
                    if deviation:
                        line += f" (known deviation: {deviation.why}; if fixed, remove it)"
                    mismatches.append(line)
    FIGURES["routes"] += len(routes)
    FIGURES["api_routes" if app.endswith("-api") else "page_routes"] += len(routes)
    FIGURES["subjects"] += sum(len(checks) for _, checks in routes)
    FIGURES["roles"] = len(ROLES)
    FIGURES["get_checks"] += counts["GET"]
    FIGURES["post_checks"] += counts["POST"]
    FIGURES["deviations"] += deviations
    assert not mismatches, (
        f"{len(mismatches)} outcome(s) differ from expectations.py:\n" + "\n".join(mismatches)
    )
