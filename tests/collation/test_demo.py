"""collation/demo.py: the demo reports go through the real pipeline and publish nothing
personal (their invented personal details are redacted, as a manager would)."""

import json
import re
import subprocess
from datetime import date

import pytest
from django.core.management import call_command

from collation.demo import DEMO_FOLDER
from collation.models import DocumentPage, RecommendationOutcome, Review, ReviewDocument
from collation.selectors.metadata import review_metadata_proposals


def _squashed(text: str) -> str:
    return " ".join(text.split())


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@pytest.mark.django_db(transaction=True)  # tasks run as each write commits, as in `make run`
def test_seed_demo_publishes_only_redacted_text(settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", "--force")
    published = Review.objects.public().filter(is_synthetic=False)
    assert published.count() == 2
    planted = []  # (document, item)
    for document in ReviewDocument.objects.public():
        truth = DEMO_FOLDER / document.original_filename.replace(".pdf", ".truth.json")
        planted += [(document, item) for item in json.loads(truth.read_text())["pii"]]
    assert planted
    for document, item in planted:
        # On its own page: the same date can stand elsewhere as an event's date.
        page = DocumentPage.objects.get(document=document, number=item["page"])
        assert _squashed(item["text"]) not in _squashed(page.text), item
        everywhere = " ".join(document.pages.values_list("text", flat=True))
        if item["type"] in ("phone", "nhs_number"):
            assert _digits(item["text"]) not in _digits(everywhere), item
        elif item["type"] == "email":
            assert item["text"] not in everywhere, item

    # Each published report is summarised, and its summary quotes nobody.
    for review in published:
        assert review.summary.startswith("Learning themes include: ")
        for _, item in planted:
            assert _squashed(item["text"]) not in _squashed(review.summary), item

    # Searching for them finds the words around them, never the numbers.
    hits = client.get("/api/collation/search/", {"q": "NHS number"}).json()["results"]
    for hit in hits:
        assert not re.search(r"999\D?\d{3}\D?\d{4}", hit["snippet"]), hit["snippet"]

    # The public PDF itself, read by another program.
    for document in ReviewDocument.objects.public():
        response = client.get(document.get_file_url())
        assert response.status_code == 200
        pdf = tmp_path / f"public-{document.pk}.pdf"
        pdf.write_bytes(b"".join(response.streaming_content))
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        for planted_in, item in planted:
            if planted_in == document and item["type"] != "date_of_birth":
                assert _squashed(item["text"]) not in _squashed(text), item


@pytest.mark.django_db(transaction=True)
def test_the_draft_demo_review_keeps_its_flags_open_for_the_walk_through(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", "--force")
    draft = Review.objects.get(reference="DEMO-001")
    assert not draft.is_published
    assert draft.documents.get().personal_data_flags.filter(status="open").exists()


@pytest.mark.django_db(transaction=True)
def test_the_sample_reports_details_come_from_their_proposals_and_the_grid_is_national(
    settings, tmp_path, client
):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", "--force")
    for review in Review.objects.filter(is_synthetic=False):
        proposals = review_metadata_proposals(review=review)
        # Registered with a working title and the child's sex not stated: the report says.
        assert review.title == proposals["title"].value != f"Serious case review {review.reference}"
        assert review.child_sex == proposals["child_sex"].value != "not_stated"
        assert review.lead_reviewer_name == proposals["lead_reviewer"].value
        assert review.review_model == proposals["review_model"].value
        assert set(review.agencies.values_list("name", flat=True)) == set(
            proposals["agencies"].value
        )
        assert set(review.abuse_categories.values_list("code", flat=True)) == set(
            proposals["abuse_categories"].value
        )
    assert Review.objects.get(reference="DEMO-001").publication_date == date(2014, 9, 22)
    figures = client.get("/trends/grid.json").json()
    assert figures["published_reviews"] >= 300
    assert figures["published_reviews"] - figures["synthetic_demo_reviews"] == 2
    assert 'id="demo-data"' in client.get("/trends/").content.decode()
    # Boards' local learning: the manager's grid, a national figure shown, shared outcomes.
    national = client.get("/api/collation/trends/local/").json()
    assert national["issues"][0]["boards_seeing_it"] == 7
    assert national["issues"][0]["boards_with_actions"] == 4
    assert RecommendationOutcome.objects.filter(status="in_progress").count() == 1
    call_command("seed_demo", "--force")  # again: nothing added twice
    assert RecommendationOutcome.objects.count() == 5

    # The learning material: C5's published training pack, quoting the demo reports'
    # verified codings, and a briefing with a version for each audience.
    from collation.models import Briefing, TrainingPack

    pack = TrainingPack.objects.get(issue__code="C5", status="published")
    assert pack.excerpts.count() >= 1
    assert client.get(pack.get_absolute_url()).status_code == 200
    assert pack.get_absolute_url() in client.get("/trends/issues/C5/").content.decode()
    briefing = Briefing.objects.get(status="published", issues__code="C5")
    for audience in ("practitioners", "managers", "board"):
        page = client.get(f"/briefings/{briefing.slug}/{audience}/")
        assert "Does this happen here?" in page.content.decode()
    overview = client.get(f"/trends/overview/{briefing.period}/").content.decode()
    assert briefing.title in overview
