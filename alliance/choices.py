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
    """Where an improvement action stands."""

    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    ON_HOLD = "on_hold", "On hold"
    DONE = "done", "Done"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Statuses of actions still under way: only these can be overdue.
OPEN_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.ON_HOLD)

# GOV.UK tag colour for each status.
STATUS_TAG_COLOURS = {
    ActionStatus.PLANNED: "govuk-tag--blue",
    ActionStatus.IN_PROGRESS: "govuk-tag--light-blue",
    ActionStatus.ON_HOLD: "govuk-tag--yellow",
    ActionStatus.DONE: "govuk-tag--green",
    ActionStatus.WITHDRAWN: "govuk-tag--grey",
}


class EvidenceKind(models.TextChoices):
    """How an organisation knows an action made a difference."""

    PRACTICE_CHANGE = "practice_change", "A change in practice"
    GUIDANCE = "guidance", "Guidance, standards or training published"
    FIGURES = "figures", "Figures, audit or inspection findings"
    EVALUATION = "evaluation", "Evaluation or research"
    FEEDBACK = "feedback", "Feedback from practitioners, children or families"
