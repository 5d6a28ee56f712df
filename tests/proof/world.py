"""A small world every proof test runs against: one of each thing a URL can name.

Two boards; a user per role (and a manager of the other board); a published
review and a draft of the manager's board, each with a document that has a
stored file, a page of text, a recommendation, a personal data flag and an
analyst's coding; a published briefing and a draft one. Quality Markers and
reviewer development add theirs (``world_apps.py``): assessments of the draft,
feedback on a marker, directory profiles, masterclass rounds with a confirmed
allocation, attendance, feedback and a CPD log; the Alliance adds two member
organisations with their actions, a working group, a meeting and good practice
(``world_alliance.py``). Path parameters of every route are filled from here
(see ``expectations.py``).
"""

from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone
from rest_framework.authtoken.models import Token

from collation.choices import (
    CodingVerification,
    FlagStatus,
    JobStatus,
    PersonalDataKind,
    ReviewStatus,
)
from collation.models import (
    Briefing,
    Coding,
    DocumentPage,
    Follow,
    PersonalDataFlag,
    PracticeIssue,
    ProcessingJob,
    Recommendation,
    Review,
    ReviewDocument,
    Stage,
    Suggestion,
)
from collation.services.following import FollowTarget, follow_add_for_user
from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import Board, User
from tests.factories import BoardFactory, DocumentFactory, ReviewFactory, UserFactory

from .world_alliance import Alliance, alliance_build
from .world_apps import Development, QualityMarkers, development_build, quality_markers_build
from .world_learning import Learning, learning_build
from .world_local import Local, local_build

# The roles of the matrix, in the order reports list them. "public" is anonymous.
# The matrix asks as each role in turn, in one world, and a POST a role may make changes
# it (the Alliance member publishes their draft action): the practitioner comes before
# the Alliance member so that they are still shown what the draft hides from them.
ROLES = (
    "public",
    "manager",
    "other_manager",
    "reviewer",
    "analyst",
    "practitioner",
    "alliance",
    "admin",
)

# A tiny but real PDF: the file view streams it; nothing parses it here.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class World:
    board: Board
    other_board: Board
    users: dict[str, User | None]
    published: Review
    draft: Review
    published_document: ReviewDocument
    draft_document: ReviewDocument
    published_flag: PersonalDataFlag
    draft_flag: PersonalDataFlag
    # States only those who see a review's drafts may see: a document replaced by a
    # corrected copy and a document held back while new findings are checked (both in a
    # published review), and a withdrawn review. Each has the same extras.
    replaced: Review
    replaced_document: ReviewDocument
    replaced_flag: PersonalDataFlag
    replaced_recommendation: Recommendation
    withheld: Review
    withheld_document: ReviewDocument
    withheld_flag: PersonalDataFlag
    withheld_recommendation: Recommendation
    withdrawn: Review
    withdrawn_document: ReviewDocument
    withdrawn_flag: PersonalDataFlag
    withdrawn_recommendation: Recommendation
    published_recommendation: Recommendation
    draft_recommendation: Recommendation
    coding: Coding
    draft_coding: Coding
    # A coding the world's second analyst disagreed with, and a suggestion to decide.
    disputed_coding: Coding
    suggestion: Suggestion
    briefing: Briefing
    draft_briefing: Briefing
    # The manager's own follow (the API lets each signed-in user read and stop only theirs).
    follow: Follow
    issue: PracticeIssue
    stage: Stage
    qm: QualityMarkers = field(repr=False)
    dev: Development = field(repr=False)
    alliance: Alliance = field(repr=False)
    local: Local = field(repr=False)
    learning: Learning = field(repr=False)

    def token(self, role: str) -> str | None:
        user = self.users[role]
        return None if user is None else Token.objects.get_or_create(user=user)[0].key


def _document(review: Review, *, uploader: User, name: str) -> ReviewDocument:
    document = DocumentFactory(review=review, uploaded_by=uploader, original_filename=name)
    document.file.save(name, ContentFile(PDF_BYTES), save=True)
    document.public_copy.save(name, ContentFile(PDF_BYTES), save=True)
    ProcessingJob.objects.create(
        document=document,
        status=JobStatus.DONE,
        progress_current=1,
        progress_total=1,
        finished_at=timezone.now(),
    )
    DocumentPage.objects.create(
        document=document,
        number=1,
        text=(
            "The health visitor did not share the concern about neglect "
            "with children's social care."
        ),
    )
    return document


def _extras(document: ReviewDocument, issue: PracticeIssue, analyst: User, verifier: User):
    flag = PersonalDataFlag.objects.create(
        document=document,
        page=1,
        kind=PersonalDataKind.NAME,
        text="Jane Doe",
        context="mother Jane Doe said",
    )
    recommendation = Recommendation.objects.create(
        document=document,
        position=1,
        number=1,
        page=1,
        text="Health visitors should share concerns about neglect with children's social care.",
    )
    coding = Coding.objects.create(
        document=document,
        page=1,
        excerpt="did not share the concern",
        issue=issue,
        coder=analyst,
        # Verified by a second analyst, so that it counts where its document is public.
        verification=CodingVerification.AGREED,
        verified_by=verifier,
        verified_at=timezone.now(),
    )
    return flag, recommendation, coding


def _hidden_states(*, board: Board, users: dict, issue: PracticeIssue) -> dict:
    """A replaced, a held-back and a withdrawn document, each led by the world's reviewer
    (so that the row for a draft applies: its board, its lead reviewer, the national team)."""
    manager, analyst = users["manager"], users["analyst"]
    review = ReviewFactory(
        board=board,
        reference="NS-PUB-2",
        title="Serious Case Review: Child Q",
        publish=True,
        lead_reviewer=users["reviewer"],
    )
    correction = _document(review, uploader=manager, name="child-q-corrected.pdf")
    replaced = _document(review, uploader=manager, name="child-q.pdf")
    replaced.superseded_by = correction
    replaced.save()
    withheld = _document(review, uploader=manager, name="child-q-summary.pdf")
    withheld.withheld_at = timezone.now()
    withheld.save()
    withdrawn = ReviewFactory(
        board=board,
        reference="NS-WD",
        title="Serious Case Review: Child W (withdrawn)",
        publish=True,
        lead_reviewer=users["reviewer"],
    )
    withdrawn.status, withdrawn.withdrawn_at = ReviewStatus.WITHDRAWN, timezone.now()
    withdrawn.withdrawal_reason = "A name was left in."
    withdrawn.save()
    withdrawn_document = _document(withdrawn, uploader=manager, name="child-w.pdf")
    states = {}
    for name, parent, document in (
        ("replaced", review, replaced),
        ("withheld", review, withheld),
        ("withdrawn", withdrawn, withdrawn_document),
    ):
        flag, recommendation, _ = _extras(document, issue, analyst, users["verifier"])
        states |= {
            name: parent,
            f"{name}_document": document,
            f"{name}_flag": flag,
            f"{name}_recommendation": recommendation,
        }
    return states


def build_world() -> World:
    board = BoardFactory(name="Northshire Safeguarding Children Board")
    other_board = BoardFactory(name="Southshire Safeguarding Children Board")
    users: dict[str, User | None] = {
        "public": None,
        "manager": UserFactory(username="manager", roles=[Role.LSCB_MANAGER], board=board),
        "other_manager": UserFactory(
            username="other-manager", roles=[Role.LSCB_MANAGER], board=other_board
        ),
        "reviewer": UserFactory(username="reviewer", roles=[Role.LEAD_REVIEWER]),
        "analyst": UserFactory(username="analyst", roles=[Role.ANALYST]),
        "alliance": UserFactory(username="alliance", roles=[Role.ALLIANCE_MEMBER]),
        # Self-registered, e-mail verified (``world_alliance.py`` adds their details).
        "practitioner": UserFactory(username="practitioner", roles=[Role.PRACTITIONER]),
        "admin": UserFactory(username="admin", roles=[Role.ADMINISTRATOR]),
    }
    manager, analyst = users["manager"], users["analyst"]
    # Not a role of the matrix: the second analyst who verifies the first's codings.
    verifier = users["verifier"] = UserFactory(username="verifier", roles=[Role.ANALYST])
    issue = PracticeIssue.objects.select_related("stage").order_by("code").first()
    assert issue is not None, "the A3 grid migration should have loaded the practice issues"

    published = ReviewFactory(
        board=board, reference="NS-PUB", title="Serious Case Review: Child P", publish=True
    )
    draft = ReviewFactory(
        board=board,
        reference="NS-DRAFT",
        title="Serious Case Review: Child D (draft)",
        lead_reviewer=users["reviewer"],
    )
    published_document = _document(published, uploader=manager, name="child-p.pdf")
    draft_document = _document(draft, uploader=manager, name="child-d.pdf")
    published_flag, published_recommendation, coding = _extras(
        published_document, issue, analyst, users["admin"]
    )
    draft_flag, draft_recommendation, draft_coding = _extras(
        draft_document, issue, analyst, users["admin"]
    )
    disputed_coding = Coding.objects.create(
        document=draft_document,
        page=1,
        excerpt="the concern about neglect",
        issue=issue,
        coder=analyst,
        verification=CodingVerification.DISAGREED,
        verified_by=verifier,
        verified_at=timezone.now(),
        disagreement="The passage shows no practice issue.",
    )
    suggestion = Suggestion.objects.create(
        document=draft_document,
        page=1,
        excerpt="did not share the concern about neglect",
        issue=issue,
        score=0.9,
        model_version="world",
    )
    # The published review's flag is resolved, as publication requires.
    published_flag.status, published_flag.reason = FlagStatus.NOT_PERSONAL, "A fictional name."
    published_flag.save()
    states = _hidden_states(board=board, users=users, issue=issue)

    briefing = Briefing.objects.create(
        title="Neglect in 2015",
        slug="neglect-in-2015",
        summary="Information about neglect was not shared.",
        author=analyst,
        status=Briefing.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    briefing.issues.set([issue])
    draft_briefing = Briefing.objects.create(
        title="Unfinished briefing",
        slug="unfinished-briefing",
        summary="Not ready yet.",
        author=analyst,
    )
    follow = follow_add_for_user(
        user=manager, target=FollowTarget.named(kind=Follow.Kind.ISSUE, issue=issue)
    )
    return World(
        board=board,
        other_board=other_board,
        users=users,
        published=published,
        draft=draft,
        published_document=published_document,
        draft_document=draft_document,
        published_flag=published_flag,
        draft_flag=draft_flag,
        **states,
        published_recommendation=published_recommendation,
        draft_recommendation=draft_recommendation,
        coding=coding,
        draft_coding=draft_coding,
        disputed_coding=disputed_coding,
        suggestion=suggestion,
        briefing=briefing,
        draft_briefing=draft_briefing,
        follow=follow,
        issue=issue,
        stage=issue.stage,
        qm=quality_markers_build(draft=draft, users=users),
        dev=development_build(users=users),
        alliance=alliance_build(issue=issue, users=users),
        local=local_build(
            board=board,
            other_board=other_board,
            users=users,
            issue=issue,
            published_recommendation=published_recommendation,
            make_document=_document,
        ),
        learning=learning_build(
            issue=issue, briefing=briefing, draft_briefing=draft_briefing, analyst=analyst
        ),
    )
