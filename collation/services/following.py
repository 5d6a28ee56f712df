"""Writes on following: follow requests (double opt-in), confirmation, changes, unsubscribing.

The public's follows wait for the address to confirm them: the e-mail holds a
signed link that expires (``CONFIRMATION_MAX_AGE``), and only its owner can
click it, so nobody can make someone else follow anything. Signed-in users
follow with their account's address at once. Whether an address already
follows something is never shown to whoever fills the form in: every valid
request gets the same answer, and the address gets the e-mail.

Requests are rate-limited through the cache so the form cannot mail-bomb an
address: a few e-mails an hour per address (the rest are silently not sent,
which reveals nothing) and a few more per connection (refused, with a message).
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from scr_platform.accounts.models import User

from ..models import DigestFrequency, Follow, Follower, PracticeIssue

CONFIRMATION_MAX_AGE = 60 * 60 * 48  # seconds: a confirmation link works for two days
EMAILS_PER_ADDRESS_PER_HOUR = 3
REQUESTS_PER_CONNECTION_PER_HOUR = 10

_CONFIRM_SALT = "collation.follow.confirm"
_MANAGE_SALT = "collation.follow.manage"
_UNSUBSCRIBE_SALT = "collation.follow.unsubscribe"


class FollowRateLimited(Exception):
    """Too many follow requests from one connection within the hour."""


@dataclass(frozen=True)
class FollowTarget:
    """What to follow: one of a practice issue, a region, a search or the whole grid."""

    kind: str
    issue: PracticeIssue | None = None
    region: str = ""
    query: str = ""

    @classmethod
    def named(cls, *, kind: str, issue=None, region: str = "", query: str = "") -> "FollowTarget":
        """The target of ``kind``, keeping only what that kind names (search words tidied)."""
        return cls(
            kind=kind,
            issue=issue if kind == Follow.Kind.ISSUE else None,
            region=(region or "") if kind == Follow.Kind.REGION else "",
            query=" ".join((query or "").split()) if kind == Follow.Kind.SEARCH else "",
        )

    def lookup(self) -> dict:
        return {"kind": self.kind, "issue": self.issue, "region": self.region, "query": self.query}


# --- Signed links ---------------------------------------------------------------


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def confirmation_token(follow: Follow, frequency: str) -> str:
    # The frequency rides in the link, so only the address's owner can change it.
    return signing.TimestampSigner(salt=_CONFIRM_SALT).sign_object(
        {"follow": follow.pk, "frequency": frequency}
    )


def manage_token(follower: Follower) -> str:
    return signing.Signer(salt=_MANAGE_SALT).sign_object({"follower": follower.pk})


def unsubscribe_token(follower: Follower) -> str:
    return signing.Signer(salt=_UNSUBSCRIBE_SALT).sign_object({"follower": follower.pk})


def manage_url(follower: Follower) -> str:
    return site_url(reverse("collation:follow-manage", args=[manage_token(follower)]))


def unsubscribe_url(follower: Follower) -> str:
    return site_url(reverse("collation:follow-unsubscribe", args=[unsubscribe_token(follower)]))


def follower_from_token(token: str, *, purpose: str) -> Follower | None:
    """The follower a manage or unsubscribe link names, or None once they have gone
    (unsubscribed). ``signing.BadSignature`` if the link is not one of ours."""
    salt = {"manage": _MANAGE_SALT, "unsubscribe": _UNSUBSCRIBE_SALT}[purpose]
    data = signing.Signer(salt=salt).unsign_object(token)
    if not isinstance(data, dict) or not isinstance(data.get("follower"), int):
        raise signing.BadSignature("Not a follower's link.")
    return Follower.objects.filter(pk=data["follower"]).first()


# --- The public: request, then confirm -------------------------------------------


def _hourly_count(key: str) -> int:
    # While the cache is unreachable, every count is 1: the limits lapse, the form works.
    cache.add(key, 0, timeout=60 * 60)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=60 * 60)
        return 1


def follow_request(*, email: str, target: FollowTarget, frequency: str, ip: str) -> None:
    """Record a pending follow and e-mail its confirmation link to the address.

    Raises ``FollowRateLimited`` when this connection asked too often. The answer is
    the same whether or not the address already follows anything.
    """
    if _hourly_count(f"follow:ip:{ip}") > REQUESTS_PER_CONNECTION_PER_HOUR:
        raise FollowRateLimited
    email = email.strip().lower()
    address_key = hashlib.sha256(email.encode()).hexdigest()  # no address kept in the cache
    if _hourly_count(f"follow:email:{address_key}") > EMAILS_PER_ADDRESS_PER_HOUR:
        return  # silently: saying so would tell a stranger the address is being asked for
    with transaction.atomic():
        follower, _ = Follower.objects.get_or_create(email=email, defaults={"frequency": frequency})
        follow, _ = Follow.objects.get_or_create(follower=follower, **target.lookup())
    link = site_url(
        reverse("collation:follow-confirm", args=[confirmation_token(follow, frequency)])
    )
    context = {
        "follow": follow,
        "link": link,
        "frequency": DigestFrequency(frequency).label.lower(),
        "hours": CONFIRMATION_MAX_AGE // 3600,
    }
    send_mail(
        subject=f"Confirm that you want to follow {follow.label}",
        message=render_to_string("collation/following/email_confirm.txt", context),
        from_email=None,
        recipient_list=[follower.email],
    )


def follow_confirm(*, token: str) -> Follow:
    """Confirm a follow from its e-mailed link. ``ValidationError`` if the link is not
    ours, has expired or names a follow that is gone; confirming twice changes nothing."""
    signer = signing.TimestampSigner(salt=_CONFIRM_SALT)
    try:
        data = signer.unsign_object(token, max_age=CONFIRMATION_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ValidationError(
            "This link has expired. Links to confirm a follow work for "
            f"{CONFIRMATION_MAX_AGE // 3600} hours: ask to follow again.",
            code="expired",
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(
            "This link is not complete. Copy the whole link from the email.", code="bad"
        ) from error
    with transaction.atomic():
        follow = (
            Follow.objects.select_for_update(of=("self",))
            .select_related("follower", "issue")
            .filter(pk=data.get("follow"))
            .first()
        )
        if follow is None:
            raise ValidationError(
                "This follow has been stopped since the link was sent: ask to follow again.",
                code="gone",
            )
        if follow.confirmed_at is None:
            follow.confirmed_at = timezone.now()
            follow.save(update_fields=["confirmed_at"])
            if data.get("frequency") in DigestFrequency.values:
                follow.follower.frequency = data["frequency"]
                follow.follower.save(update_fields=["frequency"])
    return follow


def follows_unconfirmed_purge() -> int:
    """Forget follows nobody confirmed in time, and addresses left with nothing."""
    cutoff = timezone.now() - timezone.timedelta(seconds=CONFIRMATION_MAX_AGE)
    with transaction.atomic():
        deleted, _ = Follow.objects.filter(confirmed_at=None, created_at__lt=cutoff).delete()
        Follower.objects.filter(user=None, follows=None, created_at__lt=cutoff).delete()
    return deleted


# --- Signed-in users: follow at once ---------------------------------------------


def follow_add_for_user(*, user: User, target: FollowTarget, frequency: str = "") -> Follow:
    """Follow ``target`` with the user's account address, confirmed at once (and, if
    given, set how often their digest goes)."""
    if not user.email:
        raise ValidationError(
            {"kind": "Your account has no email address: ask an administrator to add one."}
        )
    with transaction.atomic():
        follower = Follower.objects.filter(user=user).first()
        if follower is None:
            follower, _ = Follower.objects.get_or_create(email=user.email.lower())
            if follower.user_id is None:
                follower.user = user
                follower.save(update_fields=["user"])
        follow, _ = Follow.objects.get_or_create(follower=follower, **target.lookup())
        if follow.confirmed_at is None:
            follow.confirmed_at = timezone.now()
            follow.save(update_fields=["confirmed_at"])
        if frequency:
            follower_frequency_set(follower=follower, frequency=frequency)
    return follow


# --- Changing and stopping --------------------------------------------------------


def follower_frequency_set(*, follower: Follower, frequency: str) -> Follower:
    if frequency not in DigestFrequency.values:
        raise ValidationError({"frequency": "Choose how often you want a digest."})
    follower.frequency = frequency
    follower.save(update_fields=["frequency"])
    return follower


def follow_stop(*, follower: Follower, follow_pk: int) -> None:
    """Stop one follow of this follower (another's is left alone: it is not theirs)."""
    Follow.objects.filter(follower=follower, pk=follow_pk).delete()


def follower_unsubscribe(*, follower: Follower) -> None:
    """Stop every digest to this address and forget it (its follows and deliveries)."""
    Follower.objects.filter(pk=follower.pk).delete()
