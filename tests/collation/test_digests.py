"""Digests over a real SMTP server (aiosmtpd): one per period, never twice (a crash and a
rerun included), only what the public may see, and one-click unsubscribe without signing in."""

import re
import threading
from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from collation import tasks
from collation.choices import CodingVerification
from collation.models import Briefing, Coding, DigestDelivery, Follow, Follower, PracticeIssue
from collation.selectors.digests import last_complete_period
from collation.services import digests as digests_service
from collation.services.digests import digests_send
from collation.services.trends import review_issues_rebuild
from tests.collation.conftest import searchable_document
from tests.factories import DocumentFactory, ReviewFactory, UserFactory
from tests.smtp import html_part, text_part

pytestmark = pytest.mark.django_db

# Next Monday: this week's digest is due then (and until the Monday after).
NEXT_WEEK = timezone.localdate() + timedelta(days=7 - timezone.localdate().weekday())
SUMMARY = "Learning themes include: decisions not recorded (C7).\n\nRecommendations include: …"


@pytest.fixture
def coder(db):
    return UserFactory(username="coder", roles=["analyst"])


@pytest.fixture
def verifier(db):
    return UserFactory(username="verifier", roles=["analyst"])


def _follower(email="reader@example.org", code="C7", frequency="weekly"):
    follower = Follower.objects.create(email=email, frequency=frequency)
    Follow.objects.create(
        follower=follower,
        kind=Follow.Kind.ISSUE,
        issue=PracticeIssue.objects.get(code=code),
        confirmed_at=timezone.now() - timedelta(hours=1),
    )
    return follower


def _coded_review(board, coder, verifier, *, title, code="C7", verified=True, **review):
    review = ReviewFactory(board=board, title=title, **review)
    document = DocumentFactory(review=review)
    Coding.objects.create(
        document=document,
        page=1,
        excerpt="the decision was not recorded",
        issue=PracticeIssue.objects.get(code=code),
        coder=coder,
        verification=CodingVerification.AGREED if verified else CodingVerification.UNVERIFIED,
        verified_by=verifier if verified else None,
        verified_at=timezone.now() if verified else None,
    )
    return review


def test_a_follower_gets_exactly_one_digest_per_period(board, coder, verifier, smtp_server):
    follower = _follower()
    _coded_review(board, coder, verifier, title="Child P", publish=True, summary=SUMMARY)

    digests_send(today=NEXT_WEEK)
    digests_send(today=NEXT_WEEK)  # a rerun the same day
    digests_send(today=NEXT_WEEK + timedelta(days=3))  # and later in the same week

    messages = smtp_server.to(follower.email)
    assert len(messages) == 1
    assert "Child P" in text_part(messages[0])
    period = last_complete_period("weekly", NEXT_WEEK)
    assert DigestDelivery.objects.get(follower=follower).period == period.key

    # The next period has its own digest, with what is new since the last one only.
    later = _coded_review(board, coder, verifier, title="Child R", publish=True)
    later.published_at = timezone.now() + timedelta(days=7)
    later.save()
    digests_send(today=NEXT_WEEK + timedelta(days=7))
    digests_send(today=NEXT_WEEK + timedelta(days=7))
    messages = smtp_server.to(follower.email)
    assert len(messages) == 2
    second = text_part(messages[1])
    assert "Child R" in second and "Child P" not in second


def test_the_digest_holds_what_changed_and_nothing_unpublished(board, coder, verifier, smtp_server):
    follower = _follower()
    _coded_review(
        board, coder, verifier, title="Published and verified", publish=True, summary=SUMMARY
    )
    _coded_review(board, coder, verifier, title="A draft review")
    _coded_review(
        board, coder, verifier, title="Only an unverified coding", publish=True, verified=False
    )
    withdrawn = _coded_review(board, coder, verifier, title="A withdrawn review", publish=True)
    withdrawn.status, withdrawn.withdrawn_at = "withdrawn", timezone.now()
    withdrawn.withdrawal_reason = "Published in error"
    withdrawn.save()
    replaced = _coded_review(
        board, coder, verifier, title="Coded on a replaced document", publish=True
    )
    old = replaced.documents.get()
    old.superseded_by = DocumentFactory(review=replaced)
    old.save()
    _coded_review(board, coder, verifier, title="Another issue only", code="A1", publish=True)
    review_issues_rebuild()  # the codings were written here, not through the service

    digests_send(today=NEXT_WEEK)

    [message] = smtp_server.to(follower.email)
    text, html = text_part(message), html_part(message)
    for part in (text, html):
        assert "Published and verified" in part
        assert "Learning themes include: decisions not recorded (C7)." in part  # its summary
        for hidden in (
            "A draft review",
            "Only an unverified coding",
            "A withdrawn review",
            "Coded on a replaced document",
            "Another issue only",
        ):
            assert hidden not in part
    # The trend figures: C7 counts the one verified, published review this year.
    assert re.search(r"C7: .*: 1 review, ", text)
    assert "/follow/manage/" in text and "/follow/unsubscribe/" in text
    unsubscribe = message["List-Unsubscribe"].strip()  # a long header arrives folded
    assert re.fullmatch(r"<https?://[^>]+/follow/unsubscribe/[^>]+/>", unsubscribe)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Subject"].startswith("Your weekly digest: 1 new review")


def test_a_digest_with_nothing_new_is_not_sent(board, coder, verifier, smtp_server):
    follower = _follower()
    _coded_review(board, coder, verifier, title="A draft review")

    run = digests_send(today=NEXT_WEEK)

    assert smtp_server.to(follower.email) == []
    assert run.empty == 1
    assert DigestDelivery.objects.get(follower=follower).status == DigestDelivery.Status.EMPTY


def test_a_crash_between_claim_and_send_is_sent_once_by_the_rerun(
    board, coder, verifier, smtp_server
):
    follower = _follower()
    _coded_review(board, coder, verifier, title="Child P", publish=True)

    # The process dies after the claim is committed, before the message goes.
    with (
        mock.patch.object(digests_service, "_deliver", side_effect=KeyboardInterrupt),
        pytest.raises(KeyboardInterrupt),
    ):
        digests_send(today=NEXT_WEEK)
    delivery = DigestDelivery.objects.get(follower=follower)
    assert delivery.status == DigestDelivery.Status.CLAIMED
    assert smtp_server.to(follower.email) == []

    digests_send(today=NEXT_WEEK)
    digests_send(today=NEXT_WEEK)

    assert len(smtp_server.to(follower.email)) == 1
    delivery.refresh_from_db()
    assert delivery.status == DigestDelivery.Status.SENT and delivery.sent_at is not None


def test_a_refused_message_is_left_claimed_and_others_still_get_theirs(
    board, coder, verifier, smtp_server
):
    first, second = _follower("first@example.org"), _follower("second@example.org")
    _coded_review(board, coder, verifier, title="Child P", publish=True)
    real_send = digests_service.EmailMultiAlternatives.send

    def refuse_first(message, *args, **kwargs):
        if first.email in message.to:
            raise ConnectionResetError("the mail server went away")
        return real_send(message, *args, **kwargs)

    with mock.patch.object(digests_service.EmailMultiAlternatives, "send", refuse_first):
        run = digests_send(today=NEXT_WEEK)

    assert (run.sent, run.failed) == (1, 1)
    assert len(smtp_server.to(second.email)) == 1
    assert DigestDelivery.objects.get(follower=first).status == DigestDelivery.Status.CLAIMED
    digests_send(today=NEXT_WEEK)
    assert len(smtp_server.to(first.email)) == 1
    assert len(smtp_server.to(second.email)) == 1


def test_unsubscribe_works_without_signing_in_by_one_click(board, coder, verifier, smtp_server):
    follower = _follower()
    other = _follower("other@example.org")
    _coded_review(board, coder, verifier, title="Child P", publish=True)
    digests_send(today=NEXT_WEEK)
    [message] = smtp_server.to(follower.email)
    path = re.search(r"/follow/unsubscribe/[^>]+/", message["List-Unsubscribe"])[0]

    # RFC 8058: the mail client POSTs this body, with no session and no CSRF token.
    client = Client(enforce_csrf_checks=True)
    page = client.get(path)
    assert page.status_code == 200 and b"Unsubscribe" in page.content
    assert Follower.objects.filter(pk=follower.pk).exists()  # a GET changes nothing
    response = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert b"You are unsubscribed" in response.content
    assert not Follower.objects.filter(pk=follower.pk).exists()
    assert Follower.objects.filter(pk=other.pk).exists()  # nobody else's
    assert client.post(path).status_code == 200  # a second click says the same
    _coded_review(board, coder, verifier, title="Child S", publish=True)
    digests_send(today=NEXT_WEEK + timedelta(days=7))
    assert len(smtp_server.to(follower.email)) == 1


def test_a_forged_unsubscribe_link_is_not_found(board):
    follower = _follower()
    client = Client(enforce_csrf_checks=True)
    for token in ("nonsense", f"{follower.pk}:forged-signature"):
        assert client.post(f"/follow/unsubscribe/{token}/").status_code == 404
    assert Follower.objects.filter(pk=follower.pk).exists()


def test_send_digests_command_reports_what_it_did(board, coder, verifier, smtp_server, capsys):
    _follower()
    _coded_review(board, coder, verifier, title="Child P", publish=True)

    call_command("send_digests", "--date", NEXT_WEEK.isoformat())
    call_command("send_digests", "--date", NEXT_WEEK.isoformat())

    out = capsys.readouterr().out
    assert "Digests sent: 1;" in out and "sent before: 1;" in out
    with pytest.raises(Exception, match="--date must be a date"):
        call_command("send_digests", "--date", "next tuesday")


@pytest.mark.parametrize(
    "frequency, today, key, start, end",
    [
        ("weekly", date(2026, 12, 7), "2026-W49", date(2026, 11, 30), date(2026, 12, 7)),
        ("weekly", date(2026, 12, 13), "2026-W49", date(2026, 11, 30), date(2026, 12, 7)),
        ("weekly", date(2027, 1, 4), "2026-W53", date(2026, 12, 28), date(2027, 1, 4)),
        ("monthly", date(2026, 12, 1), "2026-11", date(2026, 11, 1), date(2026, 12, 1)),
        ("monthly", date(2027, 1, 31), "2026-12", date(2026, 12, 1), date(2027, 1, 1)),
        ("quarterly", date(2027, 1, 1), "2026-Q4", date(2026, 10, 1), date(2027, 1, 1)),
        ("quarterly", date(2026, 6, 30), "2026-Q1", date(2026, 1, 1), date(2026, 4, 1)),
    ],
)
def test_the_digest_due_is_the_latest_period_that_has_ended(frequency, today, key, start, end):
    period = last_complete_period(frequency, today)
    assert (period.key, period.start, period.end) == (key, start, end)


def test_beat_sends_digests_daily_through_the_command_s_service(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-digests"]
    assert entry["task"] == "collation.send_digests"
    with mock.patch("collation.tasks.digests_send") as send:
        tasks.send_digests.delay()
    send.assert_called_once_with()


def test_region_and_search_followers_get_only_what_matches(
    board, other_board, coder, verifier, smtp_server
):
    region = Follower.objects.create(email="region@example.org", frequency="weekly")
    Follow.objects.create(
        follower=region, kind="region", region=board.region, confirmed_at=timezone.now()
    )
    search = Follower.objects.create(email="search@example.org", frequency="weekly")
    Follow.objects.create(
        follower=search, kind="search", query="neglect", confirmed_at=timezone.now()
    )
    other_board.region = "north-east"
    other_board.save()
    searchable_document(board, ["Nobody saw the neglect."], title="Child N: ours")
    searchable_document(other_board, ["A missed appointment."], title="Child M: theirs")
    searchable_document(other_board, ["Neglect went unseen."], publish=False, title="Child D")

    digests_send(today=NEXT_WEEK)

    [by_region] = smtp_server.to(region.email)
    assert "Child N: ours" in text_part(by_region)
    assert "Child M" not in text_part(by_region)
    [by_search] = smtp_server.to(search.email)
    assert "Child N: ours" in text_part(by_search)
    assert "Child M" not in text_part(by_search) and "Child D" not in text_part(by_search)


def test_a_digest_a_crash_left_claimed_goes_before_the_next_one(
    board, coder, verifier, smtp_server
):
    follower = _follower()
    _coded_review(board, coder, verifier, title="Child P", publish=True)
    with (
        mock.patch.object(digests_service, "_deliver", side_effect=KeyboardInterrupt),
        pytest.raises(KeyboardInterrupt),
    ):
        digests_send(today=NEXT_WEEK)
    # The next run comes a week later: this week's digest is still claimed, unsent.
    later = _coded_review(board, coder, verifier, title="Child R", publish=True)
    later.published_at = timezone.now() + timedelta(days=7)
    later.save()

    digests_send(today=NEXT_WEEK + timedelta(days=7))

    first, second = smtp_server.to(follower.email)
    assert "Child P" in text_part(first) and "Child R" not in text_part(first)
    assert "Child R" in text_part(second) and "Child P" not in text_part(second)
    assert set(follower.deliveries.values_list("status", flat=True)) == {"sent"}


def test_new_published_briefings_on_the_issues_followed_are_in_the_digest(coder, smtp_server):
    follower = _follower()
    c7, a1 = PracticeIssue.objects.get(code="C7"), PracticeIssue.objects.get(code="A1")
    for title, status, issue in (
        ("Closing cases: C7 briefing", Briefing.Status.PUBLISHED, c7),
        ("Unfinished C7 briefing", Briefing.Status.DRAFT, c7),
        ("GP records: A1 briefing", Briefing.Status.PUBLISHED, a1),
    ):
        briefing = Briefing.objects.create(
            title=title,
            slug=title.lower().replace(" ", "-").replace(":", ""),
            summary="What it says.",
            author=coder,
            status=status,
            published_at=timezone.now() if status == Briefing.Status.PUBLISHED else None,
        )
        briefing.issues.set([issue])

    digests_send(today=NEXT_WEEK)

    [message] = smtp_server.to(follower.email)
    text = text_part(message)
    assert "Closing cases: C7 briefing" in text and "/briefings/closing-cases-c7-briefing/" in text
    assert "Unfinished" not in text and "GP records" not in text


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_digest_once(board, smtp_server):
    coder = UserFactory(username="coder", roles=["analyst"])
    verifier = UserFactory(username="verifier", roles=["analyst"])
    followers = [_follower(f"reader{number}@example.org") for number in range(6)]
    _coded_review(board, coder, verifier, title="Child P", publish=True)
    errors = []

    def run():
        try:
            digests_send(today=NEXT_WEEK)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    for follower in followers:
        assert len(smtp_server.to(follower.email)) == 1
