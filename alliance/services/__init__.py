"""Alliance: writes. Each checks who may make it (``rules``) and owns its transaction.

Every change is also recorded by django-auditlog (who, when, what changed).
A change that shows on a practice issue's public page (a published action,
its progress and evidence, a working group, good practice) moves the public
version on by itself, through the models registered with
``scr_platform.public_changes`` in ``AllianceConfig.ready()``.
"""

from .actions import (
    action_create,
    action_edit,
    action_publish,
    impact_evidence_create,
    progress_update_create,
)
from .good_practice import good_practice_save
from .meetings import decision_save, meeting_save, working_group_save
from .members import organisation_get_or_create, representative_appoint
from .practitioners import practitioner_register, practitioner_verify, verification_resend
from .summits import (
    contribution_approve,
    contribution_create,
    contribution_reject,
    contribution_report,
    contribution_withdraw,
    summit_round_advance,
    summit_round_open,
    summit_round_summarise,
)

__all__ = [
    "action_create",
    "action_edit",
    "action_publish",
    "contribution_approve",
    "contribution_create",
    "contribution_reject",
    "contribution_report",
    "contribution_withdraw",
    "decision_save",
    "good_practice_save",
    "impact_evidence_create",
    "meeting_save",
    "organisation_get_or_create",
    "practitioner_register",
    "practitioner_verify",
    "progress_update_create",
    "representative_appoint",
    "summit_round_advance",
    "summit_round_open",
    "summit_round_summarise",
    "verification_resend",
    "working_group_save",
]
