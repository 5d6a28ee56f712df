"""Sending digests: each follower's, once per period, never twice.

``digests_send`` (the ``send_digests`` command and a daily beat task) finds,
for each follower with a confirmed follow, the latest period of their
frequency that has ended, and delivers its digest in two steps:

1. **Claim**: a ``DigestDelivery`` row for (follower, period) is committed
   first. A unique constraint makes it the only one; a row already sent (or
   found empty) means the digest is done, and the follower is skipped.
2. **Send**: in a second transaction the claimed row is locked
   (``select_for_update(skip_locked=True)``: a concurrent run passes it by),
   the digest is built and sent, and the row is marked sent before commit.

A crash between the two leaves the row claimed, and the next run sends it
(before the follower's next digest, which starts where that one ends).
The one window left is a crash after the mail server accepted the message and
before the commit: that digest would go again (SMTP has no idempotency key).

A digest with nothing new (no review, briefing or Alliance progress since the
last) is not sent: its row is marked empty, so the next digest starts after it.
"""

import logging
from dataclasses import dataclass
from datetime import date

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from ..models import DigestDelivery, Follower
from ..selectors.digests import Digest, DigestPeriod, digest_build, last_complete_period
from .following import follows_unconfirmed_purge, manage_url, site_url, unsubscribe_url

logger = logging.getLogger(__name__)


@dataclass
class DigestRun:
    sent: int = 0
    empty: int = 0
    already_done: int = 0
    failed: int = 0


def digest_message(digest: Digest, *, connection=None) -> EmailMultiAlternatives:
    """The digest as an e-mail: plain text and HTML, with one-click unsubscribe (RFC 8058)."""
    unsubscribe = unsubscribe_url(digest.follower)
    context = {
        "digest": digest,
        "site_url": site_url(""),
        "manage_url": manage_url(digest.follower),
        "unsubscribe_url": unsubscribe,
        "frequency": digest.follower.get_frequency_display().lower(),
    }
    count = len(digest.reviews)
    news = f"{count} new review{'s' if count != 1 else ''}" if count else "what changed"
    message = EmailMultiAlternatives(
        subject=f"Your {context['frequency']} digest: {news} ({digest.period.label})",
        body=render_to_string("collation/following/email_digest.txt", context),
        to=[digest.follower.email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string("collation/following/email_digest.html", context), "text/html"
    )
    return message


def _claim(follower: Follower, today: date) -> list[int]:
    """Claim the follower's digest for the period due (if not claimed yet), and return
    every delivery of theirs still to send, oldest first: one a crash left claimed goes
    before the next, which starts where it ends."""
    period = last_complete_period(follower.frequency, today)
    DigestDelivery.objects.get_or_create(
        follower=follower,
        period=period.key,
        defaults={"period_start": period.start, "period_end": period.end},
    )
    return list(
        follower.deliveries.filter(status=DigestDelivery.Status.CLAIMED)
        .order_by("period_end")
        .values_list("pk", flat=True)
    )


def _deliver(delivery_pk: int, run: DigestRun, connection, grids: dict) -> None:
    with transaction.atomic():
        delivery = (
            DigestDelivery.objects.select_for_update(skip_locked=True)
            .select_related("follower")
            .filter(pk=delivery_pk, status=DigestDelivery.Status.CLAIMED)
            .first()
        )
        if delivery is None:  # another run is sending it, or has
            run.already_done += 1
            return
        period = DigestPeriod(delivery.period, delivery.period_start, delivery.period_end)
        digest = digest_build(follower=delivery.follower, period=period, grids=grids)
        if digest is None or digest.is_empty:
            delivery.status = DigestDelivery.Status.EMPTY
            delivery.save(update_fields=["status"])
            run.empty += 1
            return
        digest_message(digest, connection=connection).send()
        delivery.status = DigestDelivery.Status.SENT
        delivery.sent_at = timezone.now()
        delivery.review_ids = [review.pk for review in digest.reviews]
        delivery.save(update_fields=["status", "sent_at", "review_ids"])
        run.sent += 1


def digests_send(*, today: date | None = None) -> DigestRun:
    """Send every digest due by ``today`` (default: today) that has not gone yet."""
    today = today or timezone.localdate()
    follows_unconfirmed_purge()
    run = DigestRun()
    follower_ids = list(
        Follower.objects.filter(follows__confirmed_at__isnull=False)
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    grids: dict = {}  # the year's figures, read once for every follower
    connection = get_connection()
    with connection:
        for follower in Follower.objects.filter(pk__in=follower_ids).order_by("pk"):
            to_send = _claim(follower, today)
            if not to_send:
                run.already_done += 1
            for delivery_pk in to_send:
                try:
                    _deliver(delivery_pk, run, connection, grids)
                except Exception:
                    # Left claimed: the next run tries it again (before any later one).
                    # Other followers still get theirs.
                    logger.exception("Digest %s for follower %s not sent", delivery_pk, follower.pk)
                    run.failed += 1
                    break
    return run
