"""Following: people who get a digest of what changed in what they follow.

A ``Follower`` is one e-mail address (a member of the public's, or a signed-in
user's account address) with how often they want a digest. Each ``Follow`` is
one thing followed: a practice issue, a region, a search, or the whole grid.
The public's follows count only once the address has confirmed them (double
opt-in); a signed-in user's are confirmed when made. A ``DigestDelivery`` is
the one digest of a follower for one period: claimed before it is sent, so a
crash or a rerun never sends it twice.
"""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q

from scr_platform.accounts.choices import Region

from .coding import PracticeIssue


class DigestFrequency(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"


class Follower(models.Model):
    """An address that gets digests: the public's (confirmed by e-mail) or a user's."""

    email = models.EmailField(unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follower",
    )
    frequency = models.CharField(
        max_length=10, choices=DigestFrequency.choices, default=DigestFrequency.MONTHLY
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.email


class Follow(models.Model):
    """One thing a follower follows. Counts once ``confirmed_at`` is set."""

    class Kind(models.TextChoices):
        ISSUE = "issue", "A practice issue"
        REGION = "region", "A region"
        SEARCH = "search", "A search"
        GRID = "grid", "The whole grid"

    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="follows")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    issue = models.ForeignKey(
        PracticeIssue, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    region = models.CharField(max_length=40, choices=Region.choices, blank=True)
    query = models.CharField(max_length=200, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "issue__code", "region", "query"]
        constraints = [
            models.CheckConstraint(
                name="follow_names_one_thing",
                condition=(
                    Q(kind="issue", issue__isnull=False, region="", query="")
                    | Q(kind="region", issue__isnull=True, query="") & ~Q(region="")
                    | Q(kind="search", issue__isnull=True, region="") & ~Q(query="")
                    | Q(kind="grid", issue__isnull=True, region="", query="")
                ),
            ),
            # Each thing once per follower (two constraints, no nullable column in either,
            # so they hold on SQLite too).
            models.UniqueConstraint(
                fields=["follower", "issue"], condition=Q(kind="issue"), name="follow_issue_once"
            ),
            models.UniqueConstraint(
                fields=["follower", "kind", "region", "query"],
                condition=~Q(kind="issue"),
                name="follow_other_once",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def short_label(self) -> str:
        """A few words, for a heading: "C7", "London", "“neglect”", "the whole grid"."""
        if self.kind == self.Kind.ISSUE:
            return self.issue.code
        if self.kind == self.Kind.REGION:
            return self.get_region_display()
        if self.kind == self.Kind.SEARCH:
            return f"“{self.query}”"
        return "the whole grid"

    @property
    def label(self) -> str:
        if self.kind == self.Kind.ISSUE:
            return f"{self.issue.code}: {self.issue.title}"
        if self.kind == self.Kind.REGION:
            return f"Reviews in {self.get_region_display()}"
        if self.kind == self.Kind.SEARCH:
            return f"Reviews matching “{self.query}”"
        return "Every practice issue (the whole grid)"


class DigestDelivery(models.Model):
    """A follower's digest for one period: claimed, then sent (or found to hold nothing)."""

    class Status(models.TextChoices):
        CLAIMED = "claimed", "Claimed, not sent yet"
        SENT = "sent", "Sent"
        EMPTY = "empty", "Nothing new: not sent"

    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="deliveries")
    period = models.CharField(max_length=10, help_text="2026-W49, 2026-12 or 2026-Q4")
    period_start = models.DateField()
    period_end = models.DateField(help_text="The day after the period's last day.")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.CLAIMED)
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The reviews this digest listed, so a later one never lists them again.
    review_ids = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-period_end"]
        verbose_name_plural = "digest deliveries"
        constraints = [
            models.UniqueConstraint(fields=["follower", "period"], name="one_digest_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.follower} {self.period} ({self.status})"


# The audit log outlives an unsubscribed address: it keeps it masked.
auditlog.register(Follower, mask_fields=["email"])
auditlog.register(Follow)
