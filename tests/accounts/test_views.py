import pytest
from django.urls import reverse

from scr_platform.accounts.choices import Role
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

# Links everyone sees, the public included.
PUBLIC = [
    "Reviews",
    "Search",
    "Trends",
    "Briefings",
    "Quality Markers",
    "Alliance",
    "Summits",
    "Masterclasses",
]

ROLE_NAVIGATION = {
    # role: links shown in the service navigation, besides "Sign out"
    Role.LSCB_MANAGER: [
        "Your work",
        *PUBLIC,
        "Register a review",
        "Reviewers",
        "Your board",
        "Your account",
    ],
    Role.LEAD_REVIEWER: ["Your work", *PUBLIC, "CPD log", "Your account"],
    Role.ANALYST: ["Your work", *PUBLIC, "Taxonomy", "Verify codings", "Your account"],
    Role.ALLIANCE_MEMBER: ["Your work", *PUBLIC, "Your account"],
    Role.PRACTITIONER: ["Your work", *PUBLIC, "Your account"],
    Role.ADMINISTRATOR: [
        "Your work",
        *PUBLIC,
        "Reviewers",
        "Taxonomy",
        "Verify codings",
        "Your account",
        "Administration",
        "Audit log",
    ],
}


def navigation_labels(response) -> list[str]:
    return [item["label"] for item in response.context["service_navigation"]]


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_its_own_navigation(client, user_for_role, role):
    client.force_login(user_for_role(role))
    response = client.get(reverse("start"))
    assert navigation_labels(response) == ROLE_NAVIGATION[role]
    assert b"Sign out" in response.content
    assert b">Sign in<" not in response.content


def test_the_public_sees_sign_in_and_no_private_links(client, db):
    response = client.get(reverse("start"))
    assert response.status_code == 200
    assert navigation_labels(response) == PUBLIC
    assert b"Sign in" in response.content
    assert b"Learn from Serious Case Reviews" in response.content


def test_sign_in_with_the_right_password_lands_on_your_work(client, analyst):
    response = client.post(
        reverse("accounts:login"), {"username": "analyst", "password": TEST_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert b'<h1 class="govuk-heading-l">Your work</h1>' in response.content
    assert b"Codings to verify" in response.content


def test_sign_in_goes_to_the_page_asked_for_before_your_work(client, analyst):
    response = client.post(
        f"{reverse('accounts:login')}?next={reverse('collation:verification')}",
        {"username": "analyst", "password": TEST_PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("collation:verification")


def test_sign_in_refuses_a_next_address_on_another_site(client, analyst):
    response = client.post(
        f"{reverse('accounts:login')}?next=https://evil.example.com/",
        {"username": "analyst", "password": TEST_PASSWORD},
    )
    assert response.url == reverse("dashboard")


def test_sign_in_with_a_wrong_password_shows_the_error_summary(client, analyst):
    response = client.post(
        reverse("accounts:login"), {"username": "analyst", "password": "wrong-password"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Enter a correct username and password" in content
    assert content.count("<title>Error: Sign in") == 1
    assert "_auth_user_id" not in client.session


def test_sign_in_with_empty_fields_names_each_field(client, db):
    response = client.post(reverse("accounts:login"), {"username": "", "password": ""})
    content = response.content.decode()
    assert 'href="#id_username">Enter your username' in content
    assert 'href="#id_password">Enter your password' in content
    assert "govuk-input--error" in content


def test_repeated_failures_lock_the_account_out(client, analyst, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "analyst", "password": "nope-nope"})
    response = client.post(
        reverse("accounts:login"), {"username": "analyst", "password": TEST_PASSWORD}
    )
    assert response.status_code == 429
    assert b"Sign in is paused" in response.content
    assert "_auth_user_id" not in client.session


def test_sign_out_needs_a_post_and_ends_the_session(client, analyst):
    client.force_login(analyst)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.url == reverse("start")
    assert "_auth_user_id" not in client.session


def test_your_account_asks_the_public_to_sign_in(client, db):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_manager_sees_their_own_board(client, manager, board):
    client.force_login(manager)
    response = client.get(reverse("accounts:my-board"), follow=True)
    assert response.status_code == 200
    assert board.name in response.content.decode()
    assert str(manager) in response.content.decode()


def test_a_manager_cannot_see_another_board(client, manager, other_board):
    client.force_login(manager)
    response = client.get(other_board.get_absolute_url())
    assert response.status_code == 404


@pytest.mark.parametrize("role", [Role.LEAD_REVIEWER, Role.ANALYST, Role.ALLIANCE_MEMBER])
def test_other_roles_are_refused_a_board_page_with_403(client, user_for_role, role, board):
    client.force_login(user_for_role(role))
    response = client.get(board.get_absolute_url())
    assert response.status_code == 403
    assert b"You cannot use this page" in response.content


def test_the_public_is_sent_to_sign_in_from_a_board_page(client, board):
    response = client.get(board.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_an_administrator_sees_any_board(client, administrator, other_board):
    client.force_login(administrator)
    assert client.get(other_board.get_absolute_url()).status_code == 200
