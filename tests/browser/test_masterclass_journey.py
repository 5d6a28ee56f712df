"""A lead reviewer applies for a masterclass; an administrator closes the round, runs and
confirms the allocation; the reviewer sees the place, attends, leaves feedback and finds
the masterclass in their CPD log."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from masterclasses.models import ApplicationRound, Session, Topic
from masterclasses.services.profiles import profile_save
from scr_platform.accounts.models import User
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_apply_allocate_attend_give_feedback_and_find_it_in_the_cpd_log(
    page, live_server, screenshot
):
    UserFactory(username="riley", first_name="Riley", last_name="Reviewer", roles=["lead_reviewer"])
    UserFactory(username="ada", first_name="Ada", last_name="Admin", roles=["administrator"])
    today = timezone.localdate()
    application_round = ApplicationRound.objects.create(
        title="Masterclasses 2026", closing_date=today + timedelta(days=7)
    )
    for number, topic in enumerate(Topic.objects.order_by("position")):
        # The first session is today, so its attendance can be recorded in this test.
        Session.objects.create(
            topic=topic,
            round=application_round,
            date=today + timedelta(days=number * 7),
            venue=f"Venue {number + 1}",
            capacity=20,
        )
    systems = Session.objects.get(topic__title="Systems thinking")
    profile_save(
        user=User.objects.get(username="riley"),
        background="social_work",
        availability="available",
        visibility="boards",
        regions=["north-east"],
        methods=["scie_systems"],
    )

    # The reviewer finds the masterclasses and applies, by keyboard.
    sign_in(page, live_server, "riley")
    page.get_by_role("link", name="Masterclasses", exact=True).click()
    expect(page.get_by_role("heading", name="Masterclasses for lead reviewers")).to_be_visible()
    screenshot("catalogue")
    page.get_by_role("button", name="Apply for a masterclass").click()
    first = page.get_by_role("group", name="Your first choice")
    first.get_by_label(re.compile(r"^Systems thinking")).check()
    second = page.get_by_role("group", name="Your second choice (optional)")
    second.get_by_label(re.compile(r"^Group work")).focus()
    page.keyboard.press("Space")
    screenshot("application")
    page.get_by_role("button", name="Apply", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your application is saved.")).to_be_visible()
    expect(page.get_by_text("First choice: Systems thinking")).to_be_visible()
    screenshot("applied")
    sign_out(page)

    # The administrator finds Riley in the directory by region and method, then closes
    # the round, runs the allocation, checks it and confirms.
    sign_in(page, live_server, "ada")
    page.get_by_role("link", name="Reviewers", exact=True).click()
    page.get_by_label("Region").select_option(label="North East")
    page.get_by_label("Method").select_option(label="SCIE Learning Together (systems model)")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("status")).to_have_text("1 reviewer")
    expect(page.get_by_role("link", name="Riley Reviewer")).to_be_visible()
    screenshot("directory")
    page.goto(f"{live_server.url}/masterclasses/")
    page.get_by_role("link", name="Application rounds and allocation").click()
    page.get_by_role("link", name="Masterclasses 2026").click()
    page.get_by_role("button", name="Close applications now").click()
    expect(page.get_by_role("heading", name=re.compile("Close applications for"))).to_be_visible()
    page.get_by_role("button", name="Yes, close applications").click()
    expect(page.get_by_text("Applications are closed.")).to_be_visible()
    page.get_by_label("Seed for the draw (optional)").fill("2016")
    page.get_by_role("button", name="Run the allocation").click()
    expect(page.get_by_role("heading", name=re.compile("Check the allocation"))).to_be_visible()
    expect(page.get_by_text("Seed 2016")).to_be_visible()
    screenshot("preview")
    page.get_by_role("button", name="Confirm these places").click()
    expect(page.get_by_text("Places are confirmed.")).to_be_visible()
    screenshot("confirmed")
    sign_out(page)

    # The reviewer sees the place.
    sign_in(page, live_server, "riley")
    page.goto(f"{live_server.url}/masterclasses/yours/")
    places = page.get_by_role("table")
    expect(places.get_by_text("You have a place").first).to_be_visible()
    expect(places.get_by_role("link", name="Systems thinking", exact=True)).to_be_visible()
    expect(places.get_by_role("link", name="Withdraw for Systems thinking")).to_be_visible()
    screenshot("your-place")
    sign_out(page)

    # The administrator records attendance on the day.
    sign_in(page, live_server, "ada")
    page.goto(f"{live_server.url}/masterclasses/sessions/{systems.pk}/attendance/")
    page.get_by_label("Riley Reviewer").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance recorded: 1 attended.")).to_be_visible()
    screenshot("attendance")
    sign_out(page)

    # The reviewer gives feedback, missing a question first.
    sign_in(page, live_server, "riley")
    page.goto(f"{live_server.url}/masterclasses/yours/")
    page.get_by_role("link", name="Give feedback on Systems thinking").click()
    questions = page.get_by_role("group")
    questions.nth(0).get_by_label("Completely").check()
    questions.nth(1).get_by_label("To a large extent").check()
    page.get_by_role("button", name="Send your feedback").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    screenshot("feedback-error")
    page.get_by_role("link", name=re.compile("Select how far you agree: masterclasses")).click()
    page.get_by_role("group").nth(2).get_by_label("Completely").check()
    page.get_by_label("What was the most helpful part").fill("Mapping the case as a system.")
    page.get_by_role("button", name="Send your feedback").click()
    expect(page.get_by_text("Thank you. Your feedback is saved.")).to_be_visible()
    expect(
        page.get_by_role("link", name="Change your feedback on Systems thinking")
    ).to_be_visible()

    # And finds the masterclass in the CPD log.
    page.get_by_role("link", name="CPD log", exact=True).click()
    expect(
        page.get_by_role("cell", name=re.compile("^Masterclass: Systems thinking"))
    ).to_be_visible()
    expect(page.get_by_text("added when your attendance was recorded")).to_be_visible()
    screenshot("cpd-log")
    page.get_by_role("link", name=str(today.year), exact=True).click()
    expect(page.get_by_text(re.compile(r"1 activity, 6 hours in total"))).to_be_visible()
    screenshot("cpd-summary")
