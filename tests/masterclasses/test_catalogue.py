"""The public catalogue: the four LiPP topics, their reading and sessions."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from masterclasses.models import ReadingItem, Session, Topic
from masterclasses.reference_data import topics_load
from scr_platform.reference import reference

pytestmark = pytest.mark.django_db


def test_the_four_topics_come_from_the_reference_data(topics):
    expected = reference()["masterclass_topics"]
    assert [(t.title, t.summary) for t in topics] == [(e["title"], e["summary"]) for e in expected]
    assert [t.slug for t in topics] == [
        "systems-thinking",
        "group-work",
        "legal-approaches",
        "qualitative-research",
    ]


def test_loading_again_adds_only_what_is_missing(topics):
    topics[0].summary = "Changed by an administrator"
    topics[0].save()
    topics[3].delete()
    topics_load()
    assert Topic.objects.count() == 4
    assert Topic.objects.get(pk=topics[0].pk).summary == "Changed by an administrator"


def test_the_catalogue_shows_topics_sessions_and_how_to_apply(client, application_round):
    response = client.get(reverse("masterclasses:catalogue"))
    content = response.content.decode()
    assert "Systems thinking" in content and "Qualitative research" in content
    assert "Venue 1" in content
    assert "applications close on" in content
    assert "sign in</a> to apply" in content


def test_a_topic_page_lists_pre_reading_further_reading_and_sessions(client, application_round):
    topic = Topic.objects.get(slug="systems-thinking")
    ReadingItem.objects.create(
        topic=topic, kind="pre", title="Vital reading", url="https://example.org/a"
    )
    ReadingItem.objects.create(topic=topic, kind="further", title="Further reading item")
    content = client.get(topic.get_absolute_url()).content.decode()
    pre, further = content.index("Vital reading"), content.index("Further reading item")
    assert content.index("Pre-reading") < pre < content.index(">Further reading<") < further
    assert 'href="https://example.org/a"' in content
    assert "Venue 1" in content


def test_an_unknown_topic_is_not_found(client, db):
    assert client.get("/masterclasses/topics/knitting/").status_code == 404


def test_the_catalogue_runs_a_fixed_number_of_queries(
    client, application_round, topics, django_assert_max_num_queries
):
    for topic in topics:
        for number in range(5):
            ReadingItem.objects.create(topic=topic, kind="pre", title=f"Item {number}")
            Session.objects.create(
                topic=topic,
                round=application_round,
                date=timezone.localdate() + timedelta(days=60 + number),
                online=True,
            )
    # Open round, topics, reading, sessions (with topic and round): however many there are.
    with django_assert_max_num_queries(5):
        response = client.get(reverse("masterclasses:catalogue"))
    assert response.content.decode().count("Online") == 20


def test_past_sessions_leave_the_catalogue_but_stay_on_the_topic_page(
    client, application_round, topics
):
    Session.objects.create(
        topic=topics[0],
        round=application_round,
        date=timezone.localdate() - timedelta(days=3),
        venue="Last week's venue",
    )
    assert (
        "Last week&#x27;s venue"
        not in client.get(reverse("masterclasses:catalogue")).content.decode()
    )
    assert "Last week&#x27;s venue" in client.get(topics[0].get_absolute_url()).content.decode()
