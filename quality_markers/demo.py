"""Demo Quality Marker data: the demo lead reviewer leads two demo reviews, and the demo
manager's board has a submitted setting-up assessment it shares nationally."""

from django.db import transaction

from collation.models import Review
from collation.services.reviews import review_update
from scr_platform.accounts.models import User

from .choices import Audience, Point, Rating
from .models import Assessment
from .selectors import assessment_markers
from .services import assessment_start, assessment_submit, board_sharing_set, rating_save

LED_BY_DEMO_REVIEWER = ("DEMO-001", "DEMO-004")
# Setting-up markers in order: how the demo board rated them.
DEMO_RATINGS = [Rating.MET, Rating.PARTLY_MET, Rating.NOT_MET, Rating.MET, Rating.PARTLY_MET]


@transaction.atomic
def quality_markers_demo_seed() -> list[str]:
    admin = User.objects.get(username="admin")
    reviewer = User.objects.get(username="reviewer")
    manager = User.objects.get(username="manager")
    for review in Review.objects.filter(reference__in=LED_BY_DEMO_REVIEWER, lead_reviewer=None):
        review_update(user=admin, review=review, lead_reviewer=reviewer)
    review = Review.objects.filter(board=manager.board, reference="DEMO-001").first()
    if review is None:
        return ["No demo review for the demo manager's board: no assessment made."]
    assessment = Assessment.objects.filter(
        review=review, point=Point.SETTING_UP, author=manager
    ).first() or assessment_start(
        user=manager, review=review, point=Point.SETTING_UP, audience=Audience.BOARD_MANAGER
    )
    if assessment.is_draft:
        rows = assessment_markers(assessment=assessment).first
        for row, rating in zip(rows, DEMO_RATINGS * 4, strict=False):
            rating_save(
                user=manager,
                assessment=assessment,
                marker=row.marker,
                rating=rating,
                evidence="Demo: the board's minutes of the decision meeting.",
            )
        assessment_submit(user=manager, assessment=assessment)
    board_sharing_set(user=manager, board=manager.board, shares_nationally=True)
    return [
        f"The demo reviewer leads {', '.join(LED_BY_DEMO_REVIEWER)}; {review.reference} has a "
        "submitted setting-up assessment, shared nationally."
    ]
