"""The Alliance of national professional and leadership bodies, and what it does.

Member organisations send representatives (users with the Alliance member
role); the Alliance meets to discuss practice issues from the trend grid;
organisations take improvement actions on those issues, alone, with partners
or in working groups, and record dated progress and evidence of impact.

An action is seen only by the organisations taking it until one of them
publishes it; from then on the public sees it, its updates and its evidence.
Meetings, and the decisions taken at them, are the members' own record and
are never public. Good practice (what has worked somewhere) is recorded by
members and analysts for everyone to learn from. Practitioners contribute causes
and solutions to digital summits on practice issues, moderated before they show.
"""

from .actions import Action, ImpactEvidence, ProgressUpdate
from .good_practice import GoodPractice
from .meetings import Decision, Meeting
from .members import Organisation, Representative, WorkingGroup
from .summits import Contribution, Practitioner, SummitRound

__all__ = [
    "Action",
    "Contribution",
    "Decision",
    "GoodPractice",
    "ImpactEvidence",
    "Meeting",
    "Organisation",
    "Practitioner",
    "ProgressUpdate",
    "Representative",
    "SummitRound",
    "WorkingGroup",
]
