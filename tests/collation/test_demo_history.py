"""The demo's synthetic history: reproducible, plausible, free of personal data, written
once, counted only as verified codings count, and labelled wherever it shows."""

import re
from collections import Counter
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from collation.analysis.personal_data import personal_data_find
from collation.choices import COUNTED_VERIFICATIONS, DocumentStatus
from collation.demo_history import (
    EXCERPT,
    FALLING,
    FIRST_YEAR,
    LAST_DATE,
    LAST_YEAR,
    RISING,
    history_generate,
)
from collation.models import Coding, Review, ReviewDocument, ReviewIssue
from collation.selectors.trends import period_parse, trend_grid
from collation.services import demo_history
from collation.services.demo_history import history_taxonomy, synthetic_history_load
from collation.services.personal_data_recheck import documents_recheck
from collation.services.reviews import review_update
from collation.services.suggestions import _examples
from collation.services.trends import review_issues_rebuild
from scr_platform.reference import reference

AGENCIES = reference()["agencies_rr157"]
pytestmark = pytest.mark.django_db


def _history():
    return history_generate(issues=history_taxonomy(), agencies=AGENCIES)


def test_the_history_has_at_least_300_reviews_from_2012_to_2026():
    history = _history()
    assert len(history) >= 300
    years = Counter(review.publication_date.year for review in history)
    assert set(years) == set(range(FIRST_YEAR, LAST_YEAR + 1))
    assert min(years.values()) >= 15  # every year has enough reviews for its trends
    assert max(review.publication_date for review in history) <= LAST_DATE < date.today()
    assert len({review.reference for review in history}) == len(history)


def test_the_history_is_the_same_every_time():
    assert _history() == _history()


def test_the_history_is_plausible_and_has_trends():
    history = _history()
    ages = Counter(review.child_age_band for review in history)
    assert ages["under_1"] > ages["6_10"] and ages["11_15"] > ages["6_10"]
    assert all(review.abuse_categories and review.codings for review in history)
    babies = [r for r in history if r.child_age_band == "under_1"]
    teenagers = [r for r in history if r.child_age_band in ("11_15", "16_17")]

    def share(reviews, category):
        return sum(category in r.abuse_categories for r in reviews) / len(reviews)

    assert share(teenagers, "sexual") > 3 * share(babies, "sexual")
    early = [r for r in history if r.publication_date.year <= FIRST_YEAR + 3]
    late = [r for r in history if r.publication_date.year >= LAST_YEAR - 3]

    def issue_share(reviews, code):
        return sum(any(c.issue == code for c in r.codings) for r in reviews) / len(reviews)

    for code in RISING:
        assert issue_share(late, code) > issue_share(early, code), code
    for code in FALLING:
        assert issue_share(late, code) < issue_share(early, code), code
    models_early = Counter(r.review_model for r in early)
    models_late = Counter(r.review_model for r in late)
    assert models_early.most_common(1)[0][0] == "imr_overview"
    assert models_late["imr_overview"] < models_early["imr_overview"]


def test_the_history_carries_no_personal_data(loaded):
    texts = []
    for review in Review.objects.filter(is_synthetic=True):
        assert review.lead_reviewer_id is None and review.lead_reviewer_name == ""
        texts += [review.title, review.reference]
    for coding in Coding.objects.filter(document__review__is_synthetic=True):
        texts += [coding.excerpt, coding.disagreement, coding.resolution, coding.note]
    distinct = sorted({text for text in texts if text})
    # No name, address, date of birth, phone, e-mail or NHS number, as the detector sees it…
    assert personal_data_find(list(enumerate(distinct, start=1))) == []
    # …and nothing that looks like a pseudonym or a person's title.
    for text in distinct:
        assert not re.search(r"\b(?:Child|Baby|Mr|Mrs|Ms|Dr)\s+[A-Z]\b", text), text
        assert "synthetic" in text.lower() or text.startswith("SYN-"), text


def test_loading_writes_it_once_and_a_second_load_changes_nothing(loaded, demo_users):
    assert loaded.created and loaded.reviews >= 300
    counts = (Review.objects.count(), Coding.objects.count(), ReviewIssue.objects.count())
    ids = set(Review.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as queries:
        again = synthetic_history_load(
            publisher=demo_users["admin"],
            coder=demo_users["analyst"],
            verifier=demo_users["verifier"],
        )
    assert not again.created and again.reviews == loaded.reviews
    assert not any(
        q["sql"].lstrip().upper().startswith(("INSERT", "DELETE", "UPDATE")) for q in queries
    )
    assert (Review.objects.count(), Coding.objects.count(), ReviewIssue.objects.count()) == counts
    assert set(Review.objects.values_list("pk", flat=True)) == ids


def test_loading_is_a_few_statements_not_one_per_row(demo_users):
    with CaptureQueriesContext(connection) as queries:
        outcome = synthetic_history_load(
            publisher=demo_users["admin"],
            coder=demo_users["analyst"],
            verifier=demo_users["verifier"],
        )
    inserts = [q for q in queries if q["sql"].lstrip().upper().startswith("INSERT")]
    assert outcome.codings > 1000
    assert len(inserts) < 30  # bulk: a handful per table, whatever the size


def test_the_public_version_moves_once(demo_users, monkeypatch, django_capture_on_commit_callbacks):
    calls = []
    monkeypatch.setattr("collation.services.trends.public_changed", lambda: calls.append("changed"))
    with django_capture_on_commit_callbacks(execute=True):
        synthetic_history_load(
            publisher=demo_users["admin"],
            coder=demo_users["analyst"],
            verifier=demo_users["verifier"],
        )
    assert calls == ["changed"]


def test_codings_count_only_as_verified_codings_by_the_second_analyst(loaded, demo_users):
    codings = Coding.objects.filter(document__review__is_synthetic=True)
    assert codings.count() == loaded.codings
    assert set(codings.values_list("coder__username", flat=True)) == {"analyst"}
    assert set(codings.values_list("verified_by__username", flat=True)) == {"verifier"}
    assert set(codings.values_list("verification", flat=True)) == set(COUNTED_VERIFICATIONS)
    resolved = codings.filter(verification="resolved")
    assert resolved.exists()
    assert not resolved.filter(resolved_by=demo_users["verifier"]).exists()
    # The grid counts them as verified codings: one presence per review and issue.
    per_review_issue = {
        (c.document.review_id, c.issue_id) for c in codings.select_related("document")
    }
    synthetic_presence = ReviewIssue.objects.filter(review__is_synthetic=True)
    assert synthetic_presence.count() == len(per_review_issue)
    # A coding sent back to be verified stops counting, as any coding does.
    Coding.objects.filter(pk=codings.first().pk).update(verification="unverified", verified_by=None)
    review_issues_rebuild()
    assert ReviewIssue.objects.filter(review__is_synthetic=True).count() < len(per_review_issue)


def test_the_grid_shows_the_history(loaded):
    grid = trend_grid(period=period_parse("all"))
    assert grid.review_count >= 300
    assert grid.synthetic_review_count == grid.review_count
    year = trend_grid(period=period_parse("2020"))
    assert 0 < year.synthetic_review_count == year.review_count < grid.review_count
    assert any(
        trend.direction in ("rising", "falling") for _, trends in year.stages for trend in trends
    )


def test_their_document_records_are_never_public_processed_or_searched(loaded, client):
    documents = ReviewDocument.objects.filter(review__is_synthetic=True)
    assert set(documents.values_list("status", flat=True)) == {DocumentStatus.SYNTHETIC}
    assert not documents.filter(pk__in=ReviewDocument.objects.public()).exists()
    assert not documents.filter(pages__isnull=False).exists()
    assert documents_recheck() == []  # the re-check reads no synthetic record
    review = Review.objects.filter(is_synthetic=True).first()
    document = documents.get(review=review)
    assert client.get(document.get_file_url()).status_code == 404


def test_nobody_can_manage_a_synthetic_review(loaded, demo_users, client):
    review = Review.objects.filter(is_synthetic=True).first()
    admin = demo_users["admin"]
    with pytest.raises(PermissionDenied):
        review_update(user=admin, review=review, title="Changed")
    client.force_login(admin)
    page = client.get(review.get_absolute_url()).content.decode()
    assert "This review is synthetic demo data" in page
    assert "Correct these details" not in page and "Withdraw this review" not in page
    assert "Practice issues found" in page
    for action in ("edit", "withdraw"):
        response = client.get(f"{review.get_absolute_url()}{action}/")
        assert response.status_code == 403
        assert "invented for the demo" in response.content.decode()
    review.refresh_from_db()
    assert review.title.startswith("Synthetic demo review")


def test_a_changed_history_replaces_the_old_one_whole(loaded, demo_users, monkeypatch):
    real = demo_history.history_generate
    monkeypatch.setattr(demo_history, "history_generate", lambda **kwargs: real(**kwargs, size=310))
    outcome = synthetic_history_load(
        publisher=demo_users["admin"],
        coder=demo_users["analyst"],
        verifier=demo_users["verifier"],
    )
    assert outcome.created and outcome.reviews == 310
    assert Review.objects.filter(is_synthetic=True).count() == 310
    assert not Coding.objects.filter(document__review__isnull=True).exists()


def test_the_suggestion_model_never_learns_from_synthetic_codings(loaded):
    assert Coding.objects.filter(excerpt=EXCERPT).count() == loaded.codings
    assert all(example.text != EXCERPT for example in _examples())
