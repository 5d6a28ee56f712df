"""Attendance adds the masterclass to the CPD log, once; attendees give feedback; the summary."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from masterclasses.models import Attendance, CpdActivity, Feedback, Session
from masterclasses.selectors.feedback import feedback_summaries
from masterclasses.services.allocation import allocation_confirm, allocation_run
from masterclasses.services.applications import application_save
from masterclasses.services.attendance import attendance_record, feedback_save
from tests.masterclasses.conftest import close, make_reviewers

pytestmark = pytest.mark.django_db

AGREE = {"skills": "completely", "ideas": "to_a_large_extent", "ongoing": "dont_know"}


@pytest.fixture
def held(application_round, sessions, administrator):
    """Four reviewers placed on the first session, which took place today."""
    reviewers = make_reviewers(4)
    for reviewer in reviewers:
        application_save(
            user=reviewer, application_round=application_round, first_choice=sessions[0]
        )
    close(application_round)
    allocation_confirm(
        user=administrator,
        run=allocation_run(user=administrator, application_round=application_round, seed=1),
    )
    Session.objects.filter(pk=sessions[0].pk).update(date=timezone.localdate())
    sessions[0].refresh_from_db()
    return sessions[0], reviewers


def test_attending_adds_the_masterclass_to_the_cpd_log_once(held, administrator):
    session, (came, absent, *_) = held
    for _ in range(3):
        attendance_record(
            user=administrator, session=session, attended={came.pk: True, absent.pk: False}
        )
    activity = CpdActivity.objects.get(reviewer=came)
    assert activity.session == session
    assert activity.title == "Masterclass: Systems thinking"
    assert activity.kind == "masterclass" and activity.hours == session.cpd_hours
    assert activity.date == session.date
    assert not CpdActivity.objects.filter(reviewer=absent).exists()


def test_correcting_attendance_takes_the_entry_out(held, administrator):
    session, (came, *_) = held
    attendance_record(user=administrator, session=session, attended={came.pk: True})
    attendance_record(user=administrator, session=session, attended={came.pk: False})
    assert not CpdActivity.objects.filter(reviewer=came).exists()
    attendance_record(user=administrator, session=session, attended={came.pk: True})
    assert CpdActivity.objects.filter(reviewer=came).count() == 1


def test_attendance_only_for_placed_reviewers_from_the_day(held, administrator, reviewer, sessions):
    session, (came, *_) = held
    with pytest.raises(ValidationError, match="placed on the session"):
        attendance_record(user=administrator, session=session, attended={reviewer.pk: True})
    with pytest.raises(ValidationError, match="from the day of the session"):
        attendance_record(user=administrator, session=sessions[1], attended={})
    with pytest.raises(PermissionDenied):
        attendance_record(user=came, session=session, attended={came.pk: True})
    assert not CpdActivity.objects.exists()


def test_only_attendees_give_feedback_once_and_may_change_it(held, administrator):
    session, (came, absent, *_) = held
    attendance_record(
        user=administrator, session=session, attended={came.pk: True, absent.pk: False}
    )
    with pytest.raises(PermissionDenied):
        feedback_save(user=absent, session=session, **AGREE)
    first = feedback_save(user=came, session=session, **AGREE, improve="More exercises")
    second = feedback_save(user=came, session=session, **{**AGREE, "skills": "not_at_all"})
    assert first.pk == second.pk
    assert Feedback.objects.get().skills == "not_at_all"
    with pytest.raises(ValidationError) as error:
        feedback_save(user=came, session=session, skills="", ideas="sort of", ongoing="completely")
    assert set(error.value.message_dict) == {"skills", "ideas"}


def test_the_summary_counts_each_point_of_the_scale(held, administrator, topics, application_round):
    session, reviewers = held
    attendance_record(user=administrator, session=session, attended={r.pk: True for r in reviewers})
    answers = ["completely", "to_a_large_extent", "to_a_moderate_extent", "dont_know"]
    for reviewer, answer in zip(reviewers, answers, strict=True):
        feedback_save(
            user=reviewer,
            session=session,
            skills=answer,
            ideas="completely",
            ongoing="not_at_all",
            most_helpful=f"Helpful {reviewer.username}",
        )
    per_session, per_topic = feedback_summaries()
    assert len(per_session) == 1 and len(per_topic) == 1
    topic = per_topic[0]
    assert topic.title == "Systems thinking" and topic.responses == 4
    skills, ideas, ongoing = topic.questions
    assert dict(skills.counts) == {
        "Completely": 1,
        "To a large extent": 1,
        "To a moderate extent": 1,
        "To a small extent": 0,
        "Not at all": 0,
        "Don't know": 1,
    }
    assert (skills.total, skills.agreeing, skills.agreeing_percent) == (4, 2, 50.0)
    assert (ideas.agreeing, ideas.agreeing_percent) == (4, 100.0)
    assert (ongoing.agreeing, ongoing.agreeing_percent) == (0, 0.0)
    assert len(topic.comments) == 4


def test_the_topic_summary_adds_its_sessions_together(
    held, administrator, topics, application_round
):
    session, (one, two, *_) = held
    other = Session.objects.create(
        topic=topics[0], round=application_round, date=timezone.localdate(), online=True
    )
    attendance_record(user=administrator, session=session, attended={one.pk: True})
    Attendance.objects.create(session=other, reviewer=two, attended=True)
    feedback_save(user=one, session=session, **AGREE)
    feedback_save(user=two, session=other, **{**AGREE, "skills": "to_a_small_extent"})
    per_session, per_topic = feedback_summaries()
    assert [s.responses for s in per_session] == [1, 1]
    assert per_topic[0].responses == 2
    assert per_topic[0].questions[0].agreeing_percent == 50.0


def test_the_pages_record_attendance_and_take_feedback(client, held, administrator):
    session, (came, absent, *_) = held
    client.force_login(administrator)
    url = reverse("masterclasses:attendance", args=[session.pk])
    response = client.post(url, {"attended": [str(came.pk)]}, follow=True)
    assert "Attendance recorded: 1 attended." in response.content.decode()
    client.force_login(came)
    response = client.get(reverse("masterclasses:yours"))
    assert "Give feedback" in response.content.decode()
    feedback_url = reverse("masterclasses:feedback", args=[session.pk])
    response = client.post(feedback_url, {"skills": "completely"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Select how far you agree: the key ideas from the field" in content
    response = client.post(feedback_url, {**AGREE, "most_helpful": "The case study"}, follow=True)
    assert "Your feedback is saved" in response.content.decode()
    client.force_login(absent)
    assert client.get(feedback_url).status_code == 403
    client.force_login(administrator)
    summary = client.get(reverse("masterclasses:feedback-summary")).content.decode()
    assert "The case study" in summary and "100.0%" in summary


def test_a_session_with_nobody_placed_says_so(client, administrator, sessions):
    client.force_login(administrator)
    response = client.get(reverse("masterclasses:attendance", args=[sessions[3].pk]))
    assert "Nobody has a confirmed place on this session." in response.content.decode()


def test_attendance_before_the_day_shows_the_reason(client, held, administrator):
    session, (came, *_) = held
    Session.objects.filter(pk=session.pk).update(date=timezone.localdate() + timedelta(days=2))
    client.force_login(administrator)
    response = client.post(
        reverse("masterclasses:attendance", args=[session.pk]), {"attended": [str(came.pk)]}
    )
    assert response.status_code == 400
    assert "from the day of the session" in response.content.decode()
    assert not CpdActivity.objects.exists()


def test_the_feedback_summary_is_one_object_and_the_schema_says_so(api_client, administrator):
    api_client.force_authenticate(administrator)
    response = api_client.get("/api/masterclasses/feedback/summary/", {"page": 2})
    assert response.status_code == 200
    assert response.json() == {"topics": [], "sessions": []}
    schema = api_client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/masterclasses/feedback/summary/"]["get"]
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    component = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[-1]]
    assert component["type"] == "object"
    assert set(component["properties"]) == {"topics", "sessions"}
    assert component["properties"]["topics"]["type"] == "array"
    # Neither paged nor filtered: it covers every session.
    assert not {p["name"] for p in operation.get("parameters", [])} & {"page", "session"}
