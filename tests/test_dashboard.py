"""Your work (/dashboard/): who may see it, what it says with nothing to do, the service's
health for administrators, and a fixed number of queries however much work waits."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collation.choices import DocumentStatus, JobStatus
from collation.models import (
    PersonalDataFlag,
    ProcessingJob,
    Recommendation,
    RecommendationOutcome,
)
from scr_platform.accounts.choices import Role
from tests.factories import TEST_PASSWORD, DocumentFactory, ReviewFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/dashboard/"


def page(client, user) -> str:
    """Your work as ``user`` sees it."""
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def sections(content: str) -> list[str]:
    """The role headings on the page, in order."""
    return re.findall(r'<h2 class="govuk-heading-m">([^<]+)</h2>', content)


def panels(content: str) -> list[str]:
    """Each panel's title with its count or state, as read aloud."""
    titles = re.findall(r'<h3 class="govuk-summary-card__title">(.*?)</h3>', content, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", title).split()) for title in titles]


EMPTY = {
    Role.LSCB_MANAGER: [
        "No possible personal data is waiting to be checked.",
        "No documents are being processed or need replacing.",
        "No drafts are ready to publish.",
        "No recommendation outcomes are overdue.",
    ],
    Role.ANALYST: [
        "No suggested codings are waiting for you.",
        "No codings by other analysts are waiting to be verified.",
        "No contribution to the digital summits is waiting to be checked.",
    ],
    Role.LEAD_REVIEWER: [
        "You have no self-assessments in draft.",
        "You have no masterclass places to come. No round is taking applications.",
    ],
    # The fixture member represents no organisation.
    Role.ALLIANCE_MEMBER: ["You do not represent a member organisation yet"],
    Role.PRACTITIONER: ["You have not contributed to a digital summit yet."],
    Role.ADMINISTRATOR: ["No processing or public-copy jobs have failed."],
}


def test_the_address_is_stable():
    assert reverse("dashboard") == URL


def test_the_public_is_sent_to_sign_in_and_brought_back(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={URL}"


def test_a_user_without_a_role_is_told_plainly(client):
    client.force_login(UserFactory(username="nobody"))
    content = client.get(URL).content.decode()
    assert "<title>Your work – SCR Learning Platform</title>" in content
    assert "You do not hold a role yet, so no work waits for you." in content
    assert sections(content) == []


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (
            Role.LSCB_MANAGER,
            [
                "Personal data to check",
                "Documents processing or failed",
                "Drafts ready to publish",
                "Overdue recommendation outcomes",
            ],
        ),
        (
            Role.ANALYST,
            ["Suggested codings waiting", "Codings to verify", "Contributions to check"],
        ),
        (Role.LEAD_REVIEWER, ["Assessments in draft", "Masterclass places"]),
        (Role.ALLIANCE_MEMBER, ["Overdue actions"]),
        (Role.PRACTITIONER, ["Your contributions"]),
        (Role.ADMINISTRATOR, ["Failed jobs", "Service health"]),
    ],
)
def test_each_role_has_its_section_and_says_when_nothing_waits(
    client, user_for_role, role, expected
):
    client.force_login(user_for_role(role))
    content = client.get(URL).content.decode()
    assert sections(content) == [role.label]
    assert [title.removesuffix(" 0").removesuffix(" Working") for title in panels(content)] == (
        expected
    )
    # Nothing waits in an empty service: each panel says so and lists nothing (the
    # administrator's health checks are always listed).
    rows = content.count("govuk-summary-list__row")
    assert rows == (2 if role == Role.ADMINISTRATOR else 0)
    for empty in EMPTY[role]:
        assert empty in content


def test_a_user_with_several_roles_gets_a_section_for_each_in_order(client, board):
    user = UserFactory(
        username="both", roles=[Role.ANALYST, Role.LSCB_MANAGER, Role.LEAD_REVIEWER], board=board
    )
    client.force_login(user)
    content = client.get(URL).content.decode()
    assert sections(content) == ["LSCB manager", "Lead reviewer", "Analyst"]


def test_an_administrator_is_not_shown_other_roles_work(client, administrator, manager):
    review = ReviewFactory(board=manager.board)
    document = DocumentFactory(review=review)
    PersonalDataFlag.objects.create(document=document, page=1, kind="name", text="Jane Doe")
    client.force_login(administrator)
    content = client.get(URL).content.decode()
    assert sections(content) == ["Administrator"]
    assert review.title not in content


def test_signing_in_lands_on_your_work(client, manager):
    response = client.post(
        reverse("accounts:login"), {"username": "manager", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == URL


# --- The administrator: failed jobs and the service's health -------------------------


def test_failed_jobs_are_listed_with_where_to_act(client, administrator):
    document = DocumentFactory(status=DocumentStatus.FAILED, original_filename="broken.pdf")
    ProcessingJob.objects.create(
        document=document, status=JobStatus.FAILED, message="The PDF is damaged"
    )
    replaced = DocumentFactory(status=DocumentStatus.FAILED, original_filename="old.pdf")
    ProcessingJob.objects.create(document=replaced, status=JobStatus.FAILED, message="Old")
    replaced.superseded_by = DocumentFactory(review=replaced.review)
    replaced.save()
    client.force_login(administrator)
    content = client.get(URL).content.decode()
    assert f'href="{document.review.get_absolute_url()}">{document.review.reference}:' in content
    assert "Processing failed: The PDF is damaged" in content
    # A replaced document's failure needs nobody.
    assert "old.pdf" not in content
    assert panels(content)[0] == "Failed jobs 1"
    assert "?status__exact=failed" in content


def test_stuck_jobs_and_jobs_waiting_for_the_queue_are_counted(client, administrator):
    document = DocumentFactory(status=DocumentStatus.PROCESSING)
    ProcessingJob.objects.create(document=document, status=JobStatus.QUEUE_DOWN)
    client.force_login(administrator)
    content = client.get(URL).content.decode()
    assert "1 job has stopped or not reached the queue (1 waiting for the queue)." in content


def test_service_health_reads_the_health_checks(client, administrator, settings):
    settings.REDIS_URL = ""
    client.force_login(administrator)
    content = client.get(URL).content.decode()
    assert "Service health Working" in panels(content)
    assert "Not configured: tasks run in the web process, one at a time" in content


def test_service_health_says_when_the_queue_does_not_answer(client, administrator, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    client.force_login(administrator)
    content = client.get(URL).content.decode()
    assert "Service health Not working" in panels(content)
    assert "Not responding (ConnectionError)" in content
    assert "Documents wait to be processed until the task queue answers again" in content


# --- Queries: a fixed number, however much waits ---------------------------------------


def assert_fixed_queries(client, user, add_work, *, most: int, assert_max) -> None:
    """Your work costs the same queries with one item of work as with a dozen more of
    each kind, and at most ``most``."""
    client.force_login(user)
    add_work(1)
    client.get(URL)  # figures cached per public version (the demo banner's) are filled
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    add_work(12)
    client.get(URL)
    with assert_max(most), CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    assert response.status_code == 200
    assert len(many) == len(few), [query["sql"] for query in many]


def test_an_administrators_page_costs_fixed_queries(
    client, administrator, django_assert_max_num_queries
):
    def add_work(count):
        for _ in range(count):
            document = DocumentFactory(status=DocumentStatus.FAILED)
            ProcessingJob.objects.create(document=document, status=JobStatus.FAILED)
            stuck = DocumentFactory(status=DocumentStatus.PROCESSING)
            ProcessingJob.objects.create(document=stuck, status=JobStatus.QUEUE_DOWN)

    # Session, user, roles; failed jobs of each kind and the counts of each (4); the
    # database's health check.
    assert_fixed_queries(
        client, administrator, add_work, most=8, assert_max=django_assert_max_num_queries
    )


def test_a_manager_with_much_work_costs_no_more_queries(
    client, manager, django_assert_max_num_queries
):
    def add_work(count):
        for _ in range(count):
            flagged = DocumentFactory(review=ReviewFactory(board=manager.board))
            PersonalDataFlag.objects.create(document=flagged, page=1, kind="name", text="J Doe")
            DocumentFactory(review=ReviewFactory(board=manager.board), status=DocumentStatus.FAILED)
            DocumentFactory(review=ReviewFactory(board=manager.board))  # ready to publish
            published = DocumentFactory(review=ReviewFactory(board=manager.board, publish=True))
            recommendation = Recommendation.objects.create(
                document=published, position=1, number=1, page=1, text="Audit sharing."
            )
            RecommendationOutcome.objects.create(
                recommendation=recommendation,
                status="in_progress",
                response="Accepted.",
                evidence="Minutes.",
                due_on=datetime.date(2020, 1, 31),  # overdue
                recorded_by=manager,
            )

    # Session, user, roles; flags, documents, drafts and the publication gate (3); overdue
    # recommendation outcomes.
    assert_fixed_queries(
        client, manager, add_work, most=10, assert_max=django_assert_max_num_queries
    )
    content = client.get(URL).content.decode()
    assert content.count("Ready to publish") == 10  # of 13
    assert content.count("In progress, due 31 January 2020") == 10  # of 13
