"""Feedback figures: counts on the agreement scale per session and per topic."""

from dataclasses import dataclass, field

from ..choices import AGREEING, Agreement
from ..models import FEEDBACK_QUESTIONS, Feedback, Session, Topic


@dataclass
class QuestionSummary:
    """How many gave each answer to one question, and the share agreeing."""

    question: str
    counts: list[tuple[str, int]]  # (scale label, count) in the scale's order
    total: int
    agreeing: int

    @property
    def agreeing_percent(self) -> float | None:
        """ "Completely" or "to a large extent", as a share of all answers (LiPP's figure)."""
        return round(100 * self.agreeing / self.total, 1) if self.total else None


@dataclass
class FeedbackSummary:
    """One session's or topic's feedback: each question's counts and the comments."""

    title: str
    responses: int
    questions: list[QuestionSummary]
    comments: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)


def _summarise(title: str, rows: list[Feedback]) -> FeedbackSummary:
    questions = []
    for name, text in FEEDBACK_QUESTIONS.items():
        answers = [getattr(row, name) for row in rows]
        counts = [(label, answers.count(value)) for value, label in Agreement.choices]
        agreeing = sum(1 for answer in answers if answer in AGREEING)
        questions.append(QuestionSummary(text, counts, len(answers), agreeing))
    comments = []
    for row in rows:
        if row.most_helpful.strip():
            comments.append(("Most helpful", row.most_helpful.strip()))
        if row.improve.strip():
            comments.append(("Could be improved", row.improve.strip()))
    return FeedbackSummary(title, len(rows), questions, comments)


def feedback_summaries(
    *, sessions: list[Session] | None = None
) -> tuple[list[FeedbackSummary], list[FeedbackSummary]]:
    """Summaries per session and per topic, from one query over the feedback."""
    rows = list(Feedback.objects.select_related("session__topic").order_by("session", "pk"))
    if sessions is not None:
        wanted = {session.pk for session in sessions}
        rows = [row for row in rows if row.session_id in wanted]
    by_session: dict[Session, list[Feedback]] = {}
    by_topic: dict[Topic, list[Feedback]] = {}
    for row in rows:
        by_session.setdefault(row.session, []).append(row)
        by_topic.setdefault(row.session.topic, []).append(row)
    per_session = [
        _summarise(str(session), items)
        for session, items in sorted(by_session.items(), key=lambda kv: (kv[0].date, kv[0].pk))
    ]
    per_topic = [
        _summarise(topic.title, items)
        for topic, items in sorted(by_topic.items(), key=lambda kv: (kv[0].position, kv[0].pk))
    ]
    return per_session, per_topic
