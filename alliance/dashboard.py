"""The Alliance on the dashboard: a member's organisation's overdue actions."""

from django.urls import reverse
from django.utils.formats import date_format

from scr_platform.accounts.choices import Role
from scr_platform.dashboard import DashboardPanel, WorkItem, register, work_list

from .rules import represented_organisation
from .selectors.actions import organisation_overdue_actions


def overdue_actions(user):
    if represented_organisation(user) is None:
        return work_list(
            [],
            empty=(
                "You do not represent a member organisation yet, so no actions are yours "
                "to update. Ask an administrator to add you as your organisation's "
                "representative."
            ),
        )
    overdue = organisation_overdue_actions(user=user)
    return work_list(
        [
            WorkItem(
                row.action.title,
                row.action.get_absolute_url(),
                hint=(
                    f"Due {date_format(row.action.due_on, 'j F Y')}, "
                    f"{row.days_overdue} {'day' if row.days_overdue == 1 else 'days'} overdue"
                ),
            )
            for row in overdue
        ],
        empty="None of your organisation's actions is overdue.",
        more_href=reverse("alliance:action-overdue"),
        more_label="All overdue actions",
    )


def register_dashboard() -> None:
    register(DashboardPanel(Role.ALLIANCE_MEMBER, "Overdue actions", overdue_actions, order=40))
