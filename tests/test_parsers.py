"""The API's parsers: a NUL byte in a request body is a 400, never a 500."""

import pytest
from rest_framework.test import APIClient

from scr_platform.accounts.choices import Role
from scr_platform.parsers import NUL_MESSAGE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/collation/reviews/"


@pytest.fixture
def api(board):
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(UserFactory(roles=[Role.ADMINISTRATOR], board=board))
    return client


@pytest.fixture
def review(board) -> dict:
    return {
        "board": board.slug,
        "reference": "NS-01",
        "title": "Child A",
        "incident": "death",
        "child_age_band": "under_1",
        "child_sex": "female",
    }


@pytest.mark.parametrize("body_format", ["json", "multipart"])
@pytest.mark.parametrize(
    "changes",
    [
        {"board": "\x00"},  # a slug looked up in PostgreSQL
        {"board": "northshire\x00"},
        {"agencies": ["\x00"]},
        {"title": "Child\x00A"},
    ],
    ids=["slug", "slug-suffix", "slug-list", "text"],
)
def test_a_nul_byte_in_a_body_is_a_bad_request(api, review, body_format, changes):
    response = api.post(URL, {**review, **changes}, format=body_format)
    assert response.status_code == 400, response.content[:300]
    assert response.json() == {"non_field_errors": [NUL_MESSAGE]}


def test_a_nul_byte_in_a_form_body_is_a_bad_request(api, review):
    from urllib.parse import urlencode

    body = urlencode({**review, "board": "\x00"})
    response = api.post(URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400, response.content[:300]


@pytest.mark.parametrize("extra", [{"x\x00": 1}, {"extra": [{"a": ["\x00"]}]}])
def test_a_nul_byte_in_a_json_key_or_nested_value_is_a_bad_request(api, review, extra):
    assert api.post(URL, {**review, **extra}, format="json").status_code == 400


def test_the_same_body_without_the_nul_is_created(api, review):
    response = api.post(URL, review, format="json")
    assert response.status_code == 201, response.content[:300]
