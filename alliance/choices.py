"""Alliance: choices for member organisations, actions and evidence of impact."""

from django.db import models


class Sector(models.TextChoices):
    """The part of the child protection system a member organisation speaks for."""

    LOCAL_GOVERNMENT = "local_government", "Local government and children's services"
    HEALTH = "health", "Health"
    POLICING = "policing", "Policing and justice"
    GOVERNMENT = "government", "Government department or agency"
    EDUCATION = "education", "Education"
    PROFESSIONAL = "professional", "Professional or leadership body"
    VOLUNTARY = "voluntary", "Charity or voluntary sector"
    OTHER = "other", "Other"


class ActionStatus(models.TextChoices):
    """Where an improvement action stands: the issue's own four words.

    There is no "on hold": a pause is reported as a dated update on an action
    still in progress (saying why and until when), and an action nobody will
    take forward is dropped, with the reason, so the public reading the grid
    is never left with an action that is neither moving nor explained.
    """

    PROPOSED = "proposed", "Proposed"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


# Statuses of actions still under way: only these can be overdue.
OPEN_STATUSES = (ActionStatus.PROPOSED, ActionStatus.IN_PROGRESS)

# What a new action may start as: later statuses come with a progress update.
STARTING_STATUSES = (ActionStatus.PROPOSED, ActionStatus.IN_PROGRESS)

# Every move of status the Alliance allows, written once: the services refuse
# any other, the progress form offers only these, and the tests go through
# the whole table. Staying at the same status is always allowed (an update
# that reports progress without moving the action on).
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    ActionStatus.PROPOSED: frozenset(
        {ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.DROPPED}
    ),
    ActionStatus.IN_PROGRESS: frozenset({ActionStatus.DONE, ActionStatus.DROPPED}),
    # Reopened when the work turns out not to be finished.
    ActionStatus.DONE: frozenset({ActionStatus.IN_PROGRESS}),
    # Taken up again: as an idea, or straight back into work.
    ActionStatus.DROPPED: frozenset({ActionStatus.PROPOSED, ActionStatus.IN_PROGRESS}),
}


def status_can_move(current: str, new: str) -> bool:
    """Whether an action may go from ``current`` to ``new`` (the same status always may)."""
    return new == current or new in STATUS_TRANSITIONS.get(current, frozenset())


def statuses_after(current: str) -> list[ActionStatus]:
    """The statuses an action at ``current`` may report (itself included), in status order."""
    return [
        status for status in ActionStatus if status == current or status_can_move(current, status)
    ]


def status_refusal(current: str, new: str) -> str:
    """The message for a move the table does not allow."""
    allowed = [ActionStatus(s).label.lower() for s in statuses_after(current) if s != current]
    return (
        f"A {ActionStatus(current).label.lower()} action cannot become "
        f"{ActionStatus(new).label.lower()}. It can stay {ActionStatus(current).label.lower()}"
        + (f" or become {' or '.join(allowed)}." if allowed else ".")
    )


# GOV.UK tag colour for each status.
STATUS_TAG_COLOURS = {
    ActionStatus.PROPOSED: "govuk-tag--blue",
    ActionStatus.IN_PROGRESS: "govuk-tag--light-blue",
    ActionStatus.DONE: "govuk-tag--green",
    ActionStatus.DROPPED: "govuk-tag--grey",
}


class EvidenceKind(models.TextChoices):
    """How an organisation knows an action made a difference."""

    PRACTICE_CHANGE = "practice_change", "A change in practice"
    GUIDANCE = "guidance", "Guidance, standards or training published"
    FIGURES = "figures", "Figures, audit or inspection findings"
    EVALUATION = "evaluation", "Evaluation or research"
    FEEDBACK = "feedback", "Feedback from practitioners, children or families"


class PractitionerSector(models.TextChoices):
    """Where a practitioner works: the agencies serious case reviews name most often
    (data/reference.json's agencies, grouped), the only thing the public sees of them."""

    HEALTH = "health", "Health"
    POLICE = "police", "Police"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
    EDUCATION = "education", "Education and early years"
    PROBATION = "probation", "Probation and youth justice"
    VOLUNTARY = "voluntary", "Voluntary sector"
    OTHER = "other", "Other"


class SummitPhase(models.TextChoices):
    """A summit round asks for causes first, then for solutions, then closes."""

    CAUSES = "causes", "Causes"
    SOLUTIONS = "solutions", "Solutions"
    CLOSED = "closed", "Closed"


class ContributionStatus(models.TextChoices):
    """Nothing shows until an analyst approves it; a report sends it back to be checked."""

    WAITING = "waiting", "Waiting to be checked"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    REPORTED = "reported", "Reported, being checked again"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ReportReason(models.TextChoices):
    """Why someone reports a contribution that is shown."""

    IDENTIFIES = "identifies", "It names or could identify a person, family or place"
    OFFENSIVE = "offensive", "It is offensive or abusive"
    UNTRUE = "untrue", "It is untrue or misleading"
    OTHER = "other", "Something else"
