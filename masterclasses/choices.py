"""Reviewer development: choices used by this app's models, forms and filters."""

from django.db import models
from django.utils.text import slugify

from scr_platform.reference import reference


class Background(models.TextChoices):
    """A lead reviewer's professional background."""

    SOCIAL_WORK = "social_work", "Social work"
    HEALTH = "health", "Health"
    POLICE = "police", "Police"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    LEGAL = "legal", "Legal"
    RESEARCH = "research", "Research or academic"
    INDEPENDENT = "independent", "Independent consultancy"
    OTHER = "other", "Other"


class Availability(models.TextChoices):
    AVAILABLE = "available", "Available for new reviews"
    LIMITED = "limited", "Limited availability"
    UNAVAILABLE = "unavailable", "Not taking new reviews"


class Visibility(models.TextChoices):
    """Who may find a profile in the directory."""

    PRIVATE = "private", "Only me"
    BOARDS = "boards", "Board managers and administrators"
    PUBLIC = "public", "Everyone, including the public"


class ReadingKind(models.TextChoices):
    # Participants asked for "a 'vital reading and further reading' list" (LiPP 3.4.3).
    PRE_READING = "pre", "Pre-reading"
    FURTHER = "further", "Further reading"


class RoundStatus(models.TextChoices):
    OPEN = "open", "Taking applications"
    ALLOCATED = "allocated", "Places allocated"


class RunStatus(models.TextChoices):
    DRAFT = "draft", "Preview"
    CONFIRMED = "confirmed", "Confirmed"
    DISCARDED = "discarded", "Discarded"


class Choice(models.TextChoices):
    FIRST = "first", "First choice"
    SECOND = "second", "Second choice"


class PlaceStatus(models.TextChoices):
    PLACED = "placed", "Place offered"
    WAITING = "waiting", "On the waiting list"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ActivityKind(models.TextChoices):
    MASTERCLASS = "masterclass", "Masterclass"
    REVIEW = "review", "Leading or contributing to a review"
    TRAINING = "training", "Training course"
    PEER_SUPPORT = "peer_support", "Peer support or supervision"
    MENTORING = "mentoring", "Mentoring"
    READING = "reading", "Reading and research"
    CONFERENCE = "conference", "Conference or event"
    OTHER = "other", "Other"


def _slug(text: str) -> str:
    return slugify(text.replace("'", "")).replace("-", "_")


# The LiPP agreement scale, from data/reference.json (never retyped), in its order.
Agreement = models.TextChoices(
    "Agreement",
    [(_slug(label).upper(), (_slug(label), label)) for label in reference()["agreement_scale"]],
)

# The points of the scale that count as agreeing ("completely" or "to a large
# extent"), as the LiPP reported its figures.
AGREEING = tuple(Agreement.values[:2])
