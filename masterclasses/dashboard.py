"""Reviewer development on the dashboard: a lead reviewer's masterclass places, and the
round taking applications."""

from django.urls import reverse
from django.utils.formats import date_format

from scr_platform.accounts.choices import Role
from scr_platform.dashboard import DashboardPanel, WorkItem, register, work_list

from .selectors.catalogue import (
    application_of,
    applications_awaiting_places,
    open_round,
    upcoming_places,
)


def _day(day) -> str:
    return date_format(day, "j F Y")


def masterclass_places(user):
    yours = reverse("masterclasses:yours")
    items = [
        WorkItem(
            f"{place.session.topic}, {_day(place.session.date)}",
            yours,
            hint=place.get_status_display(),
        )
        for place in upcoming_places(user=user)
    ]
    notes = []
    application_round = open_round()
    if application_round is not None:
        closes = _day(application_round.closing_date)
        if application_of(user=user, application_round=application_round) is None:
            items.insert(
                0,
                WorkItem(
                    f"Apply for a place in {application_round.title}",
                    reverse("masterclasses:apply", args=[application_round.pk]),
                    hint=f"Applications close on {closes}",
                ),
            )
        else:
            notes.append(
                f"You have applied in {application_round.title}. Places are offered after "
                f"applications close on {closes}."
            )
    notes += [
        f"Your application in {application.round.title} is waiting for places to be "
        "offered. You will see your place here once they are."
        for application in applications_awaiting_places(user=user)
    ]
    return work_list(
        items,
        empty="You have no masterclass places to come."
        + ("" if application_round else " No round is taking applications."),
        more_href=yours,
        more_label="Your masterclasses",
        notes=notes,
    )


def register_dashboard() -> None:
    register(DashboardPanel(Role.LEAD_REVIEWER, "Masterclass places", masterclass_places, order=31))
