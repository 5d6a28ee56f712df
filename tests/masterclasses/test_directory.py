"""The reviewer directory: reviewers choose what is public; managers find reviewers."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from masterclasses.models import ProfileMethod, ProfileRegion, ReviewerProfile
from masterclasses.services.profiles import profile_save
from tests.factories import ReviewFactory, UserFactory
from tests.masterclasses.conftest import make_reviewers

pytestmark = pytest.mark.django_db


def save(user, **overrides):
    arguments = {
        "background": "social_work",
        "availability": "available",
        "visibility": "public",
        "years_reviewing": 5,
        "other_reviews_led": 3,
        "regions": ["north-east"],
        "methods": ["scie_systems"],
        **overrides,
    }
    return profile_save(user=user, **arguments)


@pytest.fixture
def people(db):
    """Three reviewers: public with region hidden, listed for boards only, and private."""
    public, boards, private = (
        UserFactory(
            username=name, first_name=name.title(), last_name="Reviewer", roles=["lead_reviewer"]
        )
        for name in ("pat", "bea", "priya")
    )
    save(public, show_regions=False, regions=["london"], methods=["silp"])
    save(boards, visibility="boards", regions=["london"], methods=["silp"])
    save(private, visibility="private", regions=["london"], methods=["silp"])
    return public, boards, private


def names(response) -> list[str]:
    return [profile.user.username for profile in response.context["page"].object_list]


def test_the_public_sees_public_profiles_and_only_their_public_parts(client, people):
    response = client.get(reverse("masterclasses:directory"))
    assert names(response) == ["pat"]
    content = response.content.decode()
    assert "Social work" in content
    assert "Regions</dt>" not in content  # Pat keeps regions private
    assert "Methods</dt>" in content
    assert "pat@example.org" not in content  # never the email to the public


def test_filters_never_reveal_a_hidden_part(client, people):
    # Pat works in London but keeps it private: a public region filter must not find Pat.
    assert names(client.get(reverse("masterclasses:directory"), {"region": "london"})) == []
    assert names(client.get(reverse("masterclasses:directory"), {"method": "silp"})) == ["pat"]


def test_a_manager_finds_a_reviewer_by_region_and_method(client, manager, people):
    client.force_login(manager)
    response = client.get(
        reverse("masterclasses:directory"), {"region": "london", "method": "silp"}
    )
    assert names(response) == ["bea", "pat"]  # never Priya, who chose "only me"
    content = response.content.decode()
    assert "bea@example.org" in content and "Regions</dt>" in content


def test_other_filters_and_free_text(client, manager, people):
    _, boards, _ = people
    save(
        boards,
        visibility="boards",
        availability="unavailable",
        background="police",
        biography="Reviews of child sexual exploitation.",
    )
    client.force_login(manager)
    url = reverse("masterclasses:directory")
    assert names(client.get(url, {"availability": "unavailable"})) == ["bea"]
    assert names(client.get(url, {"background": "police"})) == ["bea"]
    assert names(client.get(url, {"q": "exploitation"})) == ["bea"]
    assert names(client.get(url, {"q": "Pat"})) == ["pat"]
    response = client.get(url, {"region": "atlantis"})
    assert response.status_code == 200 and names(response) == []
    assert "Select a valid choice" in response.content.decode()


def test_a_profile_page_shows_linked_reviews_the_viewer_may_see(client, manager, people):
    public, _, _ = people
    published = ReviewFactory(lead_reviewer=public, publish=True, title="SCR: Child P")
    ReviewFactory(lead_reviewer=public, title="SCR: Child Q (draft)")
    profile = public.reviewer_profile
    content = client.get(profile.get_absolute_url()).content.decode()
    assert published.title in content
    assert "Child Q" not in content
    assert "4 reviews led (1 published on this platform)" in content  # 3 elsewhere + 1


def test_a_hidden_profile_is_not_found(client, analyst, manager, people):
    _, boards, private = people
    for user, profile, status in (
        (None, boards, 404),
        (analyst, boards, 404),
        (manager, boards, 200),
        (manager, private, 404),
        (private, private, 200),  # the owner always sees their own
    ):
        client.logout()
        if user:
            client.force_login(user)
        response = client.get(profile.reviewer_profile.get_absolute_url())
        assert response.status_code == status, (user, profile)


def test_the_directory_runs_a_fixed_number_of_queries(
    client, manager, django_assert_max_num_queries
):
    for user in make_reviewers(25):
        save(user, regions=["london", "north-east"], methods=["silp", "scie_systems"])
        ReviewFactory(lead_reviewer=user, publish=True)
    client.force_login(manager)
    # Session, user, roles, count, page, regions, methods: the same for 1 or 25 profiles.
    with django_assert_max_num_queries(8):
        response = client.get(reverse("masterclasses:directory"), {"region": "london"})
    assert response.context["page"].paginator.count == 25


# --- Keeping your profile ------------------------------------------------------------


def test_saving_again_changes_regions_and_methods(reviewer):
    save(reviewer, regions=["london", "north-east"], methods=["silp"])
    save(reviewer, regions=["london"], methods=["scie_systems", "silp"])
    assert list(ProfileRegion.objects.values_list("region", flat=True)) == ["london"]
    assert sorted(ProfileMethod.objects.values_list("method", flat=True)) == [
        "scie_systems",
        "silp",
    ]
    assert ReviewerProfile.objects.count() == 1


def test_bad_profile_values_are_refused_and_nothing_changes(reviewer):
    with pytest.raises(ValidationError) as error:
        save(reviewer, background="astronaut", years_reviewing=99, regions=["mars"])
    assert set(error.value.message_dict) == {"background", "years_reviewing", "regions"}
    assert not ReviewerProfile.objects.exists()


@pytest.mark.parametrize("who", ["manager", "analyst", "alliance_member"])
def test_only_lead_reviewers_keep_a_profile(who, request):
    with pytest.raises(PermissionDenied):
        save(request.getfixturevalue(who))


def test_the_profile_page_saves_and_explains_mistakes(client, reviewer):
    client.force_login(reviewer)
    url = reverse("masterclasses:profile-edit")
    response = client.post(url, {"years_reviewing": "lots"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Select your professional background" in content
    assert "Years as a lead reviewer must be a whole number, like 4" in content
    assert "Select who can find your profile" in content
    assert not ReviewerProfile.objects.exists()
    response = client.post(
        url,
        {
            "background": "health",
            "years_reviewing": "3",
            "other_reviews_led": "2",
            "methods": ["silp"],
            "regions": ["london"],
            "availability": "limited",
            "visibility": "public",
            "public_parts": ["background", "regions"],
        },
        follow=True,
    )
    profile = ReviewerProfile.objects.get()
    assert response.redirect_chain[-1][0] == profile.get_absolute_url()
    assert (profile.show_background, profile.show_regions, profile.show_methods) == (
        True,
        True,
        False,
    )
    # The form comes back filled in.
    form = client.get(url).context["form"]
    assert form.initial["regions"] == ["london"] and form.initial["public_parts"] == [
        "background",
        "regions",
    ]
