"""The Alliance on the dashboard: a member's organisation's overdue actions; the summits'
moderation queue (analysts) and a practitioner's own contributions."""

from django.urls import reverse
from django.utils.formats import date_format

from scr_platform.accounts.choices import Role
from scr_platform.dashboard import DashboardPanel, WorkItem, register, work_list

from .rules import represented_organisation
from .selectors.actions import organisation_overdue_actions
from .selectors.summits import moderation_queue, my_contributions


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


def contributions_to_check(user):
    """Waiting and reported contributions, oldest first (one query for the counts, one for
    the items)."""
    queue = moderation_queue()
    waiting, reported = queue.counts["waiting"], queue.counts["reported"]
    return work_list(
        [
            WorkItem(
                f"{item.get_phase_display()} on {item.round.issue.code}: {item.round.title}",
                reverse("alliance:summit-moderation"),
                hint=item.get_status_display(),
            )
            for item in queue.items
        ],
        total=waiting + reported,
        empty="No contribution to the digital summits is waiting to be checked.",
        more_href=reverse("alliance:summit-moderation"),
        more_label=f"Moderation queue ({waiting} waiting, {reported} reported)",
    )


def own_contributions(user):
    mine = list(my_contributions(user=user)[:10])
    return work_list(
        [
            WorkItem(
                f"{item.get_phase_display()} on {item.round.title}",
                reverse("alliance:summit-mine"),
                hint=item.get_status_display(),
            )
            for item in mine
        ],
        total=my_contributions(user=user).count() if len(mine) == 10 else len(mine),
        empty="You have not contributed to a digital summit yet.",
        more_href=reverse("alliance:summit-list"),
        more_label="Digital summits",
    )


def register_dashboard() -> None:
    register(DashboardPanel(Role.ALLIANCE_MEMBER, "Overdue actions", overdue_actions, order=40))
    register(
        DashboardPanel(Role.ANALYST, "Contributions to check", contributions_to_check, order=45),
        DashboardPanel(Role.PRACTITIONER, "Your contributions", own_contributions, order=50),
    )
