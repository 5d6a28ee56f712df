"""A briefing's audience versions, training packs and the national overview: pages and PDFs.

The print checks make the real PDF with Debian's Chromium (``collation/printing.py``)
and count its pages with pypdfium2.
"""

import re
from datetime import date

import pypdfium2 as pdfium
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from collation.models import Audience, Coding, PracticeIssue, Recommendation, TrainingPack
from collation.printing import chromium_path
from collation.services.briefings import briefing_publish, briefing_save
from collation.services.learning import (
    briefing_audience_save,
    training_pack_publish,
    training_pack_save,
)
from collation.services.trends import review_issues_rebuild
from tests.collation.test_trends import review_showing

pytestmark = pytest.mark.django_db

needs_chromium = pytest.mark.skipif(chromium_path() is None, reason="Chromium is not installed")


def pages(response) -> int:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    return len(pdfium.PdfDocument(response.content))


@pytest.fixture
def coded(board, analyst):
    published = [
        review_showing(["C1"], published_on=date(2016, month, 1), board=board, coder=analyst)
        for month in (3, 4, 8, 9)
    ]
    draft = review_showing(
        ["C1"], published_on=date(2016, 3, 2), board=board, coder=analyst, publish=False
    )
    review_issues_rebuild()
    return published, draft


@pytest.fixture
def briefing(analyst, coded):
    c1 = PracticeIssue.objects.get(code="C1")
    return briefing_save(
        user=analyst,
        title="Referrals in 2016",
        period="2016",
        summary="Referrals go astray.",
        issues=[c1],
        excerpts=[Coding.objects.filter(document__review=coded[0][0]).get()],
    )


def _part(analyst, briefing, audience=Audience.BOARD):
    return briefing_audience_save(
        user=analyst,
        briefing=briefing,
        audience=audience,
        what_to_do="Ask for the audit of referrals at the next meeting.",
        questions="Does this happen here?\n\nHow would the board know?",
    )


def test_an_audience_version_is_public_with_its_briefing_only(client, analyst, briefing):
    part = _part(analyst, briefing)
    url = part.get_absolute_url()
    assert url == f"/briefings/{briefing.slug}/board/"
    assert client.get(url).status_code == 404  # the briefing is a draft
    assert (
        client.get(
            reverse("collation:briefing-audience-pdf", args=[briefing.slug, "board"])
        ).status_code
        == 404
    )
    client.force_login(analyst)
    assert client.get(url).status_code == 200
    client.logout()
    briefing_publish(user=analyst, briefing=briefing)
    content = client.get(url).content.decode()
    assert "Does this happen here?" in content and "How would the board know?" in content
    assert "Ask for the audit of referrals" in content
    assert "Briefing for board members" in content
    assert "Referrals go astray." in content
    # The briefing links to its versions; a version nobody wrote is not there.
    assert url in client.get(briefing.get_absolute_url()).content.decode()
    assert client.get(f"/briefings/{briefing.slug}/managers/").status_code == 404


def test_audience_versions_are_checked_and_written_by_analysts_only(manager, analyst, briefing):
    with pytest.raises(PermissionDenied):
        _part(manager, briefing)
    with pytest.raises(ValidationError) as error:
        briefing_audience_save(
            user=analyst, briefing=briefing, audience="managers", what_to_do=" ", questions="\n"
        )
    assert error.value.message_dict == {
        "what_to_do": ["Enter what this audience should do"],
        "questions": ["Enter at least one question, one a line."],
    }
    with pytest.raises(ValidationError) as error:
        briefing_audience_save(
            user=analyst,
            briefing=briefing,
            audience="managers",
            what_to_do="Act.",
            questions="\n".join(f"Question {n}?" for n in range(9)),
        )
    assert error.value.message_dict["questions"] == ["Enter at most 8 questions, one a line."]


def test_the_form_writes_changes_and_removes_a_version(client, analyst, briefing):
    client.force_login(analyst)
    url = reverse("collation:briefing-audience-edit", args=[briefing.slug, "practitioners"])
    response = client.post(url, {"what_to_do": "", "questions": ""})
    assert response.status_code == 400
    assert "Enter what this audience should do" in response.content.decode()
    response = client.post(url, {"what_to_do": "Check referrals.", "questions": "Do we?"})
    assert response.status_code == 302
    assert briefing.audience_parts.get().questions == "Do we?"
    client.post(url, {"what_to_do": "Check referrals.", "questions": "Do we?", "remove": "1"})
    assert not briefing.audience_parts.exists()


@needs_chromium
def test_an_audience_version_prints_on_two_pages_at_most(client, analyst, briefing):
    _part(analyst, briefing, Audience.PRACTITIONERS)
    briefing_publish(user=analyst, briefing=briefing)
    response = client.get(
        reverse("collation:briefing-audience-pdf", args=[briefing.slug, "practitioners"])
    )
    assert 1 <= pages(response) <= 2
    assert 'filename="referrals-in-2016-practitioners.pdf"' in response["Content-Disposition"]


def _pack(analyst, coded, **changes):
    issue = PracticeIssue.objects.get(code="C1")
    fields = {
        "introduction": "A referral was made and nobody was sure who acted on it.",
        "questions": "Does this happen here?\nWho owns a referral once made?",
        "trainer_notes": "Start from the vignette; allow 20 minutes.",
        "excerpts": Coding.objects.filter(document__review__in=coded[0][:2]),
    }
    return training_pack_save(user=analyst, issue=issue, **{**fields, **changes})


def test_a_training_pack_is_public_once_published(
    client, analyst, coded, django_capture_on_commit_callbacks
):
    pack = _pack(analyst, coded)
    url = reverse("collation:training-pack", args=["C1"])
    assert client.get(url).status_code == 404
    assert client.get(reverse("collation:training-pack-pdf", args=["C1"])).status_code == 404
    issue_page = reverse("collation:trend-issue", args=["C1"])
    assert url not in client.get(issue_page).content.decode()
    client.force_login(analyst)
    assert client.get(url).status_code == 200
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):  # the public version moves on
        training_pack_publish(user=analyst, pack=pack)
    content = client.get(url).content.decode()
    assert "A referral was made and nobody was sure who acted on it." in content
    assert "Who owns a referral once made?" in content
    assert "allow 20 minutes" in content
    assert "What the Alliance is doing" in content and "Good practice" in content
    # Anonymised: the vignette never names the report its excerpts come from.
    assert coded[0][0].title not in content
    assert url in client.get(issue_page).content.decode()


def test_a_pack_quotes_only_published_verified_excerpts_on_its_issue(analyst, coded):
    published, draft = coded
    with pytest.raises(ValidationError) as error:
        _pack(analyst, coded, excerpts=Coding.objects.filter(document__review=draft))
    assert error.value.message_dict["excerpts"] == ["Choose excerpts on C1 from published reports."]
    with pytest.raises(ValidationError) as error:
        more = review_showing(
            ["C1"], published_on=date(2016, 10, 1), board=draft.board, coder=analyst
        )
        _pack(
            analyst, coded, excerpts=Coding.objects.filter(document__review__in=[*published, more])
        )
    assert "at most 4" in error.value.message_dict["excerpts"][0]
    assert not TrainingPack.objects.exists()


def test_the_pack_form_saves_and_publishes(client, analyst, coded):
    client.force_login(analyst)
    url = reverse("collation:training-pack-edit", args=["C1"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"introduction": "", "questions": "", "trainer_notes": ""})
    assert response.status_code == 400
    assert "Enter notes for the trainer" in response.content.decode()
    excerpt = Coding.objects.filter(document__review=coded[0][0]).get()
    response = client.post(
        url,
        {
            "introduction": "Scene.",
            "questions": "Q?",
            "trainer_notes": "N.",
            "excerpts": [excerpt.pk],
        },
    )
    assert response.status_code == 302
    client.post(url, {"publish": "1"})
    assert TrainingPack.objects.get().status == TrainingPack.Status.PUBLISHED


@needs_chromium
def test_a_full_training_pack_prints_on_four_a4_pages_at_most(client, analyst, coded):
    long_text = " ".join(["Practitioners discussed what the referral meant and who held it."] * 30)
    Coding.objects.update(excerpt=" ".join(["The referral was sent but not acknowledged."] * 12))
    pack = _pack(
        analyst,
        coded,
        introduction=long_text[:2000],
        questions="\n".join(
            f"Question {n}: " + "does this happen here, and how do we know? " * 6 for n in range(8)
        ),
        trainer_notes=long_text[:2000],
        excerpts=Coding.objects.filter(document__review__in=coded[0]),
    )
    training_pack_publish(user=analyst, pack=pack)
    response = client.get(reverse("collation:training-pack-pdf", args=["C1"]))
    assert 1 <= pages(response) <= 4
    document = pdfium.PdfDocument(response.content)
    width, height = document[0].get_size()
    assert (round(width), round(height)) == (595, 842)  # A4 in points


def test_the_overview_reports_the_period(client, analyst, coded, briefing):
    briefing_publish(user=analyst, briefing=briefing)
    for review, count in zip(coded[0], (3, 5, 10, 2), strict=True):
        document = review.documents.get()
        for n in range(1, count + 1):
            Recommendation.objects.create(
                document=document, position=n, number=n, text="Do.", page=1
            )
    content = client.get(reverse("collation:overview", args=["2016"])).content.decode()
    assert "Serious case reviews: 2016" in content
    assert "4 reviews were published in 2016" in content
    assert 'aria-describedby="top-issues"' in content and 'id="top-issues"' in content
    assert 'aria-describedby="reviews-by-part"' in content
    assert "Referrals in 2016" in content  # key learning: the period's published briefing
    assert "made 20 recommendations: 5.0 per review on average, from 2 to 10" in content
    assert "DFE-RR157" in content
    assert client.get(reverse("collation:overview", args=["2016-H2"])).status_code == 200
    assert client.get(reverse("collation:overview", args=["2016-Q3"])).status_code == 200


def test_a_period_without_reviews_says_so(client, coded):
    content = client.get(reverse("collation:overview", args=["2019"])).content.decode()
    assert "No reviews were published in 2019" in content


@pytest.mark.parametrize("key", ["soon", "2016-Q5", "all", "0001", "2016-H1.5", "2999"])
def test_an_unknown_period_is_a_clear_404(client, key):
    response = client.get(f"/trends/overview/{key}/")
    assert response.status_code == 404
    assert f"There is no overview for “{key}”" in response.content.decode()


def test_the_grid_links_to_the_overview(client, coded):
    content = client.get(reverse("collation:trend-grid"), {"period": "2016"}).content.decode()
    assert reverse("collation:overview", args=["2016"]) in content
    index = client.get(reverse("collation:overview-index")).content.decode()
    assert reverse("collation:overview", args=["2016-H2"]) in index


@needs_chromium
def test_the_overview_prints_as_a_report(client, coded):
    response = client.get(reverse("collation:overview-pdf", args=["2016"]))
    assert 1 <= pages(response) <= 4


def test_without_chromium_the_pdf_page_says_why(client, settings, analyst, coded):
    settings.PDF_CHROMIUM_PATH = "/nowhere/chromium"
    response = client.get(reverse("collation:overview-pdf", args=["2016"]))
    assert response.status_code == 503
    content = response.content.decode()
    assert "Chromium, which makes the PDFs, is not installed" in content
    assert reverse("collation:overview", args=["2016"]) in content


def test_the_overview_names_rising_and_falling_issues(client, board, analyst):
    for month in range(1, 6):
        review_showing(["A1"], published_on=date(2015, month, 1), board=board, coder=analyst)
        review_showing(["C1"], published_on=date(2016, month, 1), board=board, coder=analyst)
    review_issues_rebuild()
    content = client.get(reverse("collation:overview", args=["2016"])).content.decode()
    assert re.search(r">C1 [^<]*</th><td[^>]*>Rising<", content)
    assert re.search(r">A1 [^<]*</th><td[^>]*>Falling<", content)
    assert "+100.0 points" in content and "-100.0 points" in content


@needs_chromium
def test_a_published_pack_is_printed_as_the_public_sees_it(
    client, analyst, coded, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        training_pack_publish(user=analyst, pack=_pack(analyst, coded))
    client.force_login(analyst)
    # An analyst's page offers to record good practice; the printed pack is the public's.
    page = client.get(reverse("collation:training-pack", args=["C1"])).content.decode()
    assert "Record good practice on C1" in page
    printed = client.get(reverse("collation:training-pack-pdf", args=["C1"]))
    text = "".join(
        page.get_textpage().get_text_range() for page in pdfium.PdfDocument(printed.content)
    )
    assert "Notes for the trainer" in text
    assert "Record good practice" not in text
    client.logout()
    # Kept under the public version: the public gets the same file without a second run.
    assert (
        client.get(reverse("collation:training-pack-pdf", args=["C1"])).content == printed.content
    )


def test_the_briefings_page_lists_published_packs_and_analysts_drafts(client, analyst, coded):
    pack = _pack(analyst, coded)
    assert (
        pack.get_absolute_url()
        not in client.get(reverse("collation:briefing-list")).content.decode()
    )
    client.force_login(analyst)
    assert (
        pack.get_absolute_url() in client.get(reverse("collation:briefing-list")).content.decode()
    )


@needs_chromium
def test_a_pdf_that_takes_too_long_or_fails_says_so(client, settings, coded):
    settings.PDF_TIMEOUT_SECONDS = 0.01
    response = client.get(reverse("collation:overview-pdf", args=["2016"]))
    assert response.status_code == 503
    assert "Making the PDF took too long." in response.content.decode()
    settings.PDF_TIMEOUT_SECONDS, settings.PDF_CHROMIUM_PATH = 30, "/bin/false"
    response = client.get(reverse("collation:overview-pdf", args=["2016"]))
    assert response.status_code == 503
    assert "Chromium could not make the PDF." in response.content.decode()
