"""Boards' local learning, proven on the world: what the public and the roles without a
board's say-so get, beyond the matrix's status codes.

- No route the public may read shows anything a board recorded (its evidence, its
  actions, its outcomes): the public sees the national aggregates only.
- Those aggregates hide what rests on too few boards: the world has two.
- Sharing opens a board's records to other boards' managers, and stopping closes them.
"""

import pytest
from django.test import Client
from django.urls import reverse

from collation.services.local import local_sharing_set

from .expectations import EXPECTATIONS
from .rows import OK
from .test_one_visibility_rule import _body
from .test_permission_matrix import _declared_routes, _url

SECRETS = {
    "evidence": "Two audits found it.",
    "action": "Audit of information sharing",
    "outcome": "Board minutes, March.",
    "the shared board's action": "Multi-agency audit",
}


def test_no_public_route_shows_what_a_board_recorded(world):
    # The board's own manager reads them all: the texts are there to leak.
    own = Client()
    own.force_login(world.users["manager"])
    issue = own.get(reverse("collation:local-issue", args=[world.board.slug, world.issue.code]))
    outcomes = own.get(reverse("collation:recommendation-outcomes", args=[world.published.pk]))
    shown = issue.content.decode() + outcomes.content.decode()
    assert all(text in shown for name, text in SECRETS.items() if "shared" not in name)
    client = Client()
    leaks = []
    for app in EXPECTATIONS:
        for route, checks in _declared_routes(app):
            for check in checks:
                if check.get["public"] is not OK:
                    continue
                url = _url(route, check, world)
                query = check.query(world) if callable(check.query) else check.query
                body = _body(client.get(url, query))
                leaks += [f"{url}: {name}" for name, text in SECRETS.items() if text in body]
    assert leaks == []


def test_the_national_figures_hide_what_rests_on_two_boards(world):
    client = Client()
    data = client.get(reverse("collation-api:local-national")).json()
    [row] = [item for item in data["issues"] if item["issue"] == world.issue.code]
    assert row == {
        "issue": world.issue.code,
        "boards_seeing_it": None,
        "boards_with_actions": None,
        "actions": None,
    }
    rates = client.get(reverse("collation-api:recommendation-outcome-rates")).json()
    assert rates["overall"]["with_outcome"] is None
    page = client.get(reverse("collation:local-national")).content.decode()
    assert "Hidden: fewer than 3 boards or 5 answers or actions" in page


@pytest.mark.parametrize(
    "route",
    ["collation:local-grid", "collation-api:local-sharing"],
)
def test_sharing_opens_a_board_to_other_boards_and_stopping_closes_it(world, route):
    client = Client()
    client.force_login(world.users["other_manager"])
    url = reverse(route, kwargs={"slug": world.board.slug})
    assert client.get(url).status_code == 404
    local_sharing_set(user=world.users["manager"], board=world.board, shared=True)
    assert client.get(url).status_code == 200
    local_sharing_set(user=world.users["manager"], board=world.board, shared=False)
    assert client.get(url).status_code == 404
