"""The proof's world for boards' local learning, made through its services.

The manager's board keeps its grid private: it answered the world's issue "seen here",
has a local action with an update, and an outcome for its published review's
recommendation. The other board shares its grid: the same, on a published review of its
own. So other boards' managers (and the other professional roles) see the second and
never the first; practitioners and the public see neither.
"""

import datetime
from dataclasses import dataclass

from collation.models import LocalAction, Recommendation, Review
from collation.services.local import (
    local_action_create,
    local_action_update,
    local_issue_record,
    local_sharing_set,
    outcome_record,
)
from tests.factories import ReviewFactory


@dataclass
class Local:
    action: LocalAction
    shared_action: LocalAction
    shared_review: Review
    shared_recommendation: Recommendation


def _board_records(*, user, board, issue, recommendation, title: str) -> LocalAction:
    local_issue_record(
        user=user, board=board, issue=issue, status="seen", evidence="Two audits found it."
    )
    action = local_action_create(
        user=user,
        board=board,
        issue=issue,
        title=title,
        owner="Health named nurse",
        due_on=datetime.date(2027, 3, 31),
    )
    local_action_update(user=user, action=action, text="Begun.", status="in_progress")
    outcome_record(
        user=user,
        recommendation=recommendation,
        status="accepted",
        response="The agency accepts it.",
        evidence="Board minutes, March.",
        due_on=datetime.date(2020, 1, 31),  # overdue
    )
    return action


def local_build(*, board, other_board, users, issue, published_recommendation, make_document):
    action = _board_records(
        user=users["manager"],
        board=board,
        issue=issue,
        recommendation=published_recommendation,
        title="Audit of information sharing",
    )
    other_manager = users["other_manager"]
    shared_review = ReviewFactory(
        board=other_board, reference="SS-PUB", title="Serious Case Review: Child S", publish=True
    )
    document = make_document(shared_review, uploader=other_manager, name="child-s.pdf")
    shared_recommendation = Recommendation.objects.create(
        document=document,
        position=1,
        number=1,
        page=1,
        text="The board should audit how concerns are shared.",
    )
    shared_action = _board_records(
        user=other_manager,
        board=other_board,
        issue=issue,
        recommendation=shared_recommendation,
        title="Multi-agency audit",
    )
    local_sharing_set(user=other_manager, board=other_board, shared=True)
    return Local(action, shared_action, shared_review, shared_recommendation)
