"""Who may open every page and API endpoint: the public and each role."""

import pytest
from django.urls import reverse
from django.utils import timezone

from masterclasses.models import Attendance, Place, Session
from masterclasses.services.allocation import allocation_confirm, allocation_run
from masterclasses.services.applications import application_save
from masterclasses.services.profiles import profile_save
from scr_platform.accounts.choices import Role
from tests.masterclasses.conftest import close

pytestmark = pytest.mark.django_db

PUBLIC = "public"
ROLES = [PUBLIC, *Role]
EVERYONE = set(ROLES)
REVIEWERS = {Role.LEAD_REVIEWER, Role.ADMINISTRATOR}
ADMINISTRATORS = {Role.ADMINISTRATOR}


@pytest.fixture
def world(application_round, sessions, reviewer, administrator):
    """A public profile, a confirmed place for the reviewer on a session held today."""
    profile = profile_save(
        user=reviewer, background="health", availability="available", visibility="public"
    )
    application_save(user=reviewer, application_round=application_round, first_choice=sessions[0])
    close(application_round)
    run = allocation_run(user=administrator, application_round=application_round, seed=1)
    allocation_confirm(user=administrator, run=run)
    Session.objects.filter(pk=sessions[0].pk).update(date=timezone.localdate())
    Attendance.objects.create(session=sessions[0], reviewer=reviewer, attended=True)
    return {
        "profile": profile,
        "round": application_round,
        "run": run,
        "session": sessions[0],
        "place": Place.objects.get(run=run),
        "topic": sessions[0].topic,
    }


PAGES = [
    # (name, args from the world, who may open it)
    ("masterclasses:catalogue", None, EVERYONE),
    ("masterclasses:topic-detail", lambda w: [w["topic"].slug], EVERYONE),
    ("masterclasses:directory", None, EVERYONE),
    ("masterclasses:reviewer-detail", lambda w: [w["profile"].pk], EVERYONE),
    ("masterclasses:profile-edit", None, REVIEWERS),
    ("masterclasses:yours", None, REVIEWERS),
    ("masterclasses:cpd-log", None, REVIEWERS),
    ("masterclasses:cpd-new", None, REVIEWERS),
    ("masterclasses:cpd-summary", lambda w: [2016], REVIEWERS),
    ("masterclasses:cpd-summary-csv", lambda w: [2016], REVIEWERS),
    ("masterclasses:round-list", None, ADMINISTRATORS),
    ("masterclasses:round-detail", lambda w: [w["round"].pk], ADMINISTRATORS),
    ("masterclasses:run-detail", lambda w: [w["run"].pk], ADMINISTRATORS),
    ("masterclasses:attendance", lambda w: [w["session"].pk], ADMINISTRATORS),
    ("masterclasses:feedback-summary", None, ADMINISTRATORS),
    # Only the reviewer attended, so only the reviewer (not even an administrator) gives feedback.
    ("masterclasses:feedback", lambda w: [w["session"].pk], {Role.LEAD_REVIEWER}),
]


def sign_in(client, user_for_role, role):
    if role != PUBLIC:
        client.force_login(user_for_role(role))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "args", "allowed"), PAGES, ids=[page[0] for page in PAGES])
def test_pages(client, world, user_for_role, role, name, args, allowed):
    sign_in(client, user_for_role, role)
    url = reverse(name, args=args(world) if args else None)
    response = client.get(url)
    if role in allowed:
        assert response.status_code == 200, (role, url)
    elif role == PUBLIC:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403, (role, url)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_holder_withdraws_from_a_place(client, world, user_for_role, role):
    sign_in(client, user_for_role, role)
    response = client.get(reverse("masterclasses:place-withdraw", args=[world["place"].pk]))
    expected = {PUBLIC: 302, Role.LEAD_REVIEWER: 200, Role.ADMINISTRATOR: 404}.get(role, 403)
    assert response.status_code == expected


API = [
    # (method, path from the world, who may, status when allowed)
    ("get", lambda w: "/api/masterclasses/reviewers/", EVERYONE, 200),
    ("get", lambda w: f"/api/masterclasses/reviewers/{w['profile'].pk}/", EVERYONE, 200),
    ("get", lambda w: "/api/masterclasses/topics/", EVERYONE, 200),
    ("get", lambda w: f"/api/masterclasses/topics/{w['topic'].slug}/", EVERYONE, 200),
    ("get", lambda w: "/api/masterclasses/reading/", EVERYONE, 200),
    ("get", lambda w: "/api/masterclasses/sessions/", EVERYONE, 200),
    ("get", lambda w: "/api/masterclasses/rounds/", EVERYONE, 200),
    ("post", lambda w: "/api/masterclasses/topics/", ADMINISTRATORS, 201),
    ("post", lambda w: f"/api/masterclasses/rounds/{w['round'].pk}/close/", ADMINISTRATORS, 400),
    ("get", lambda w: "/api/masterclasses/applications/", REVIEWERS, 200),
    ("get", lambda w: "/api/masterclasses/places/", REVIEWERS, 200),
    ("get", lambda w: "/api/masterclasses/feedback/", REVIEWERS, 200),
    ("get", lambda w: "/api/masterclasses/cpd/", REVIEWERS, 200),
    ("get", lambda w: "/api/masterclasses/cpd/summary/", REVIEWERS, 200),
    ("get", lambda w: "/api/masterclasses/reviewers/me/", REVIEWERS, None),
    ("get", lambda w: "/api/masterclasses/runs/", ADMINISTRATORS, 200),
    ("get", lambda w: f"/api/masterclasses/runs/{w['run'].pk}/", ADMINISTRATORS, 200),
    ("post", lambda w: f"/api/masterclasses/runs/{w['run'].pk}/confirm/", ADMINISTRATORS, 400),
    ("get", lambda w: "/api/masterclasses/feedback/summary/", ADMINISTRATORS, 200),
    (
        "post",
        lambda w: f"/api/masterclasses/sessions/{w['session'].pk}/attendance/",
        ADMINISTRATORS,
        204,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "path", "allowed", "success"), API, ids=[f"{a[0]}-{i}" for i, a in enumerate(API)]
)
def test_api(api_client, world, user_for_role, role, method, path, allowed, success):
    if role != PUBLIC:
        api_client.force_authenticate(user_for_role(role))
    data = {
        "/topics/": {"title": "Mentoring", "slug": "mentoring", "summary": "How to mentor"},
        "/attendance/": {"attended": {str(world["place"].application.reviewer_id): True}},
    }
    url = path(world)
    body = next((value for key, value in data.items() if url.endswith(key)), {})
    response = getattr(api_client, method)(url, body, format="json")
    if role in allowed:
        if success is None:  # your own profile: only the reviewer has one
            assert response.status_code == (200 if role == Role.LEAD_REVIEWER else 404)
        else:
            assert response.status_code == success, (role, url, response.content)
    elif role == PUBLIC:
        assert response.status_code == 401, url
    else:
        assert response.status_code == 403, (role, url)


def test_read_only_pages_refuse_a_post_with_405(client, reviewer, topics):
    profile = profile_save(
        user=reviewer, background="health", availability="available", visibility="public"
    )
    client.force_login(reviewer)
    for url in [
        reverse("masterclasses:directory"),
        reverse("masterclasses:reviewer-detail", args=[profile.pk]),
        reverse("masterclasses:catalogue"),
        reverse("masterclasses:topic-detail", args=[topics[0].slug]),
    ]:
        assert client.post(url).status_code == 405, url
        assert client.get(url).status_code == 200, url
