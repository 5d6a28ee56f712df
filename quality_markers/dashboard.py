"""Quality Markers on the dashboard: a lead reviewer's assessments still in draft."""

from django.urls import reverse
from django.utils.formats import date_format

from scr_platform.accounts.choices import Role
from scr_platform.dashboard import DashboardPanel, WorkItem, register, work_list

from .selectors import draft_assessments


def assessments_in_draft(user):
    assessments = list(draft_assessments(user=user))
    return work_list(
        [
            WorkItem(
                f"{assessment.review.reference}: {assessment.get_point_display()}",
                reverse("quality_markers:assessment", args=[assessment.pk]),
                hint=f"Draft, last saved {date_format(assessment.updated_at, 'j F Y')}",
            )
            for assessment in assessments
        ],
        empty="You have no self-assessments in draft.",
        more_href=reverse("quality_markers:assessment-list"),
        more_label="All your assessments",
    )


def register_dashboard() -> None:
    register(
        DashboardPanel(Role.LEAD_REVIEWER, "Assessments in draft", assessments_in_draft, order=30)
    )
