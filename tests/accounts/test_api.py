import pytest
from rest_framework.authtoken.models import Token

from scr_platform.accounts.choices import Role

pytestmark = pytest.mark.django_db


def test_the_api_root_lists_every_collection(api_client):
    response = api_client.get("/api/")
    assert response.status_code == 200
    assert response.data["accounts/boards"].endswith("/api/accounts/boards/")
    assert response.data["schema"].endswith("/api/schema/")


def test_boards_are_public_and_paginated(api_client, board, other_board):
    response = api_client.get("/api/accounts/boards/")
    assert response.status_code == 200
    assert response.data["count"] == 2
    assert {b["name"] for b in response.data["results"]} == {board.name, other_board.name}


def test_boards_filter_by_region_and_search(api_client, board):
    assert api_client.get("/api/accounts/boards/?region=london").data["count"] == 1
    assert api_client.get("/api/accounts/boards/?region=north-east").data["count"] == 0
    assert api_client.get("/api/accounts/boards/?q=northshire").data["count"] == 1


def test_an_unknown_region_is_a_clear_400(api_client, board):
    response = api_client.get("/api/accounts/boards/?region=atlantis")
    assert response.status_code == 400
    assert "region" in response.data


def test_boards_cannot_be_written_through_the_api(api_client, administrator):
    api_client.force_authenticate(administrator)
    response = api_client.post("/api/accounts/boards/", {"name": "X", "region": "london"})
    assert response.status_code == 405


def test_the_public_cannot_list_users(api_client, administrator):
    assert api_client.get("/api/accounts/users/").status_code in (401, 403)


@pytest.mark.parametrize(
    "role", [Role.LSCB_MANAGER, Role.LEAD_REVIEWER, Role.ANALYST, Role.ALLIANCE_MEMBER]
)
def test_the_wrong_role_gets_403_on_the_users_api(api_client, user_for_role, role):
    api_client.force_authenticate(user_for_role(role))
    response = api_client.get("/api/accounts/users/")
    assert response.status_code == 403
    assert "role" in response.data["detail"]


def test_administrators_list_users_with_their_roles(api_client, administrator, manager):
    api_client.force_authenticate(administrator)
    response = api_client.get("/api/accounts/users/?role=lscb_manager")
    assert response.status_code == 200
    assert [u["username"] for u in response.data["results"]] == ["manager"]
    assert response.data["results"][0]["roles"] == ["LSCB manager"]
    assert response.data["results"][0]["board"] == manager.board.slug


def test_token_authentication_identifies_the_user(api_client, analyst):
    token = Token.objects.create(user=analyst)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api_client.get("/api/accounts/me/")
    assert response.status_code == 200
    assert response.data["username"] == "analyst"
    assert response.data["roles"] == ["Analyst"]


def test_a_bad_token_is_refused(api_client, analyst):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert api_client.get("/api/accounts/me/").status_code == 401


def test_session_authentication_works_for_the_browser(client, analyst):
    client.force_login(analyst)
    assert client.get("/api/accounts/me/").json()["username"] == "analyst"
