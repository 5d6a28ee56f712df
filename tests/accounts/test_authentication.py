"""A change made through the API with a token is traced to the token's user."""

import pytest
from auditlog.models import LogEntry
from rest_framework.authtoken.models import Token

from collation.models import Review

pytestmark = pytest.mark.django_db


def test_a_change_made_with_a_token_names_its_user_in_the_audit_log(api_client, manager, board):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=manager).key}")
    response = api_client.post(
        "/api/collation/reviews/",
        {
            "board": board.slug,
            "reference": "SCR-TOKEN-1",
            "title": "Registered with a token",
            "incident": "death",
            "child_age_band": "under_1",
            "child_sex": "female",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    review = Review.objects.get(reference="SCR-TOKEN-1")
    entry = LogEntry.objects.get_for_object(review).get(action=LogEntry.Action.CREATE)
    assert entry.actor == manager


def test_a_bad_token_is_still_a_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert api_client.post("/api/collation/reviews/", {}).status_code == 401
