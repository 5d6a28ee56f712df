"""Recommendation splitting: every sample report against its ground truth, plus
small hand-made layouts for the cases the samples can't isolate.

Pure functions over page texts, so nothing here touches the database.
"""

import json
from pathlib import Path

import pytest

from collation.analysis.recommendations import (
    FoundRecommendation,
    agency_as_written_in,
    agency_category_for,
    recommendations_find,
)
from collation.analysis.recommendations.agencies import _AGENCY_KEYWORDS
from collation.pdf.extract import ExtractedPage, extract_pages
from scr_platform.reference import reference

SAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "samples"
SAMPLE_PDFS = [*sorted((SAMPLES / "reports").glob("*.pdf")), SAMPLES / "bad" / "valid_report.pdf"]


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _fold_quotes(text: str) -> str:
    # The truth files write some addressees with a straight apostrophe where
    # the report itself has a curly one; the words are what matter here.
    return _collapse(text).replace("\u2019", "'")


@pytest.fixture(scope="module", params=SAMPLE_PDFS, ids=lambda path: path.stem)
def sample(request):
    path = request.param
    truth = json.loads(path.with_suffix(".truth.json").read_text(encoding="utf-8"))
    return recommendations_find(list(extract_pages(path))), truth


def test_sample_section(sample):
    result, truth = sample
    section = truth["recommendations_section"]
    assert result.section_found
    assert (result.page_start, result.page_end) == (section["page_start"], section["page_end"])


def test_sample_count_numbers_and_pages(sample):
    result, truth = sample
    assert len(result.recommendations) == truth["recommendation_count"]
    found = [(rec.number, rec.page) for rec in result.recommendations]
    assert found == [(rec["number"], rec["page"]) for rec in truth["recommendations"]]


def test_sample_texts_match_exactly(sample):
    result, truth = sample
    found = [_collapse(rec.text) for rec in result.recommendations]
    assert found == [_collapse(rec["text"]) for rec in truth["recommendations"]]


def test_sample_addressees_and_categories(sample):
    result, truth = sample
    found = [
        (_fold_quotes(rec.agency_as_written), agency_category_for(rec.agency_as_written))
        for rec in result.recommendations
    ]
    expected = [
        (_fold_quotes(rec["agency_as_written"]), rec["agency"]) for rec in truth["recommendations"]
    ]
    assert found == expected


# --- hand-made layouts ------------------------------------------------------

HEADER = "Anyshire Local Safeguarding Children Board | Serious Case Review: Child Q"


def _pages(*texts: str) -> list[tuple[int, str]]:
    return [(number, text) for number, text in enumerate(texts, start=1)]


def test_no_section_found():
    result = recommendations_find(
        _pages(
            "Introduction\nThe review looked at what happened.\n1. Something numbered.",
            "Findings\nThe police should have shared information.",
        )
    )
    assert not result.section_found
    assert result.page_start is None
    assert result.page_end is None
    assert result.recommendations == []


def test_empty_input():
    assert recommendations_find([]).recommendations == []


def test_accepts_extracted_pages():
    pages = [ExtractedPage(4, "Recommendations\n1. The LSCB should act.")]
    result = recommendations_find(pages)
    assert result.recommendations == [FoundRecommendation(1, "The LSCB should act.", 4, "The LSCB")]


def test_terms_of_reference_before_the_section_are_not_counted():
    result = recommendations_find(
        _pages(
            "Terms of reference\n1. To consider whether procedures were followed.\n"
            "2. To identify lessons for the Board.\n3. To identify good practice.",
            "Recommendations\n1. The LSCB should review its escalation policy.\n"
            "2. The police must share information within one working day.",
        )
    )
    assert [(rec.number, rec.page) for rec in result.recommendations] == [(1, 2), (2, 2)]
    assert result.recommendations[1].text == (
        "The police must share information within one working day."
    )


def test_terms_of_reference_after_the_section_are_not_counted():
    result = recommendations_find(
        _pages(
            "7. Recommendations\n1. The LSCB should review its escalation policy.\n"
            "2. The police must share information.\n"
            "Appendix A: Terms of reference\n1. To consider whether procedures were followed.\n"
            "2. To identify lessons for the Board.",
        )
    )
    assert [rec.text for rec in result.recommendations] == [
        "The LSCB should review its escalation policy.",
        "The police must share information.",
    ]


def test_contents_entry_is_not_the_section():
    result = recommendations_find(
        _pages(
            "Contents\n6 Conclusions . . . . . . . . 9\n7 Recommendations . . . . . . . . 10",
            "7 Recommendations\n1 The Board should monitor the action plan.",
        )
    )
    assert result.page_start == 2
    assert [rec.page for rec in result.recommendations] == [2]


def test_recommendation_over_a_page_break_is_joined_without_furniture():
    result = recommendations_find(
        _pages(
            f"{HEADER}\nIntroduction\nSome background.\nPage 1",
            f"{HEADER}\nRecommendations\n1. The LSCB should ensure that practitioners in all\n"
            "partner agencies are confident in starting an early help\nPage 2",
            f"{HEADER}\nassessment. The Board should receive a report within six months.\n"
            "2. Children’s social care must see children alone.\nPage 3",
        )
    )
    assert [rec.text for rec in result.recommendations] == [
        "The LSCB should ensure that practitioners in all partner agencies are confident in "
        "starting an early help assessment. The Board should receive a report within six months.",
        "Children’s social care must see children alone.",
    ]
    assert [rec.page for rec in result.recommendations] == [2, 3]
    assert (result.page_start, result.page_end) == (2, 3)


def test_running_header_with_page_number_is_removed():
    header = "Serious Case Review Child Q - page {}"
    result = recommendations_find(
        _pages(
            header.format(1) + "\nIntroduction text.",
            header.format(2) + "\nRECOMMENDATIONS\nRecommendation 1: The Board should review\n"
            "the caseloads of social workers",
            header.format(3) + "\nand report on the steps taken.\n"
            "Recommendation 2: Schools should train their designated safeguarding leads.",
        )
    )
    texts = [rec.text for rec in result.recommendations]
    assert texts[0] == (
        "The Board should review the caseloads of social workers and report on the steps taken."
    )
    assert not any("page" in text for text in texts)


def test_repeated_table_header_is_not_text():
    result = recommendations_find(
        _pages(
            "7 Recommendations\nNo. Recommendation\n"
            "1 The LSCB should agree a protocol for sharing information about parents’ mental",
            "No. Recommendation\nhealth.\n2 The police should attend every conference.",
        )
    )
    assert [rec.text for rec in result.recommendations] == [
        "The LSCB should agree a protocol for sharing information about parents’ mental health.",
        "The police should attend every conference.",
    ]


def test_heading_style_with_closing_remark():
    result = recommendations_find(
        _pages(
            "Recommendations\nThe following recommendations arise from this review.\n"
            "Recommendation 1\nThe Board should seek assurance about strategy discussions.\n"
            "Recommendation 2\nNHS England must raise awareness nationally.\n"
            "An action plan responding to these recommendations has been agreed by the Board.",
        )
    )
    assert [rec.text for rec in result.recommendations] == [
        "The Board should seek assurance about strategy discussions.",
        "NHS England must raise awareness nationally.",
    ]


def test_agency_group_headings_are_dropped():
    result = recommendations_find(
        _pages(
            "Section 7: Recommendations\nRecommendations are grouped by agency.\n"
            "Police\n1. The police should share information.\n"
            "Community health (health visitors, school nurses)\n"
            "2. The health visiting service should follow up missed appointments.\n"
            "Police\n3. Anyshire Constabulary must review its caseloads.",
        )
    )
    assert [rec.text for rec in result.recommendations] == [
        "The police should share information.",
        "The health visiting service should follow up missed appointments.",
        "Anyshire Constabulary must review its caseloads.",
    ]


def test_numbering_restarting_per_agency_group_is_numbered_in_order_found():
    result = recommendations_find(
        _pages(
            "Recommendations\nChildren’s social care\n1. Social workers should see the child.\n"
            "2. Managers must audit closures.\nPolice\n1. The police should share information.",
        )
    )
    assert [rec.number for rec in result.recommendations] == [1, 2, 3]
    assert result.recommendations[2].text == "The police should share information."


def test_paragraph_numbered_introduction_is_not_a_recommendation():
    result = recommendations_find(
        _pages(
            "RECOMMENDATIONS\n7.1 The recommendations below are addressed to the Board.\n"
            "1. The Board should monitor the timeliness of child protection medicals.",
        )
    )
    assert [rec.text for rec in result.recommendations] == [
        "The Board should monitor the timeliness of child protection medicals."
    ]


def test_a_line_starting_with_a_number_inside_a_table_row_is_not_a_new_row():
    result = recommendations_find(
        _pages(
            "Recommendations\n1 The Board should see a report within\n"
            "12 weeks of publication.\n2 The police should act.",
        )
    )
    assert [rec.text for rec in result.recommendations] == [
        "The Board should see a report within 12 weeks of publication.",
        "The police should act.",
    ]


def test_pdfium_line_end_hyphen_marker_becomes_a_hyphen():
    result = recommendations_find(
        _pages("Recommendations\n1. Progress should be reported to the sub\ufffegroup."),
    )
    assert result.recommendations[0].text == "Progress should be reported to the sub-group."


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("The LSCB should review its policy.", "The LSCB"),
        (
            "Upperford Children’s Services must ensure that plans are reviewed.",
            "Upperford Children’s Services",
        ),
        ("That the Board should seek assurance.", "the Board"),
        (
            "It is recommended that children’s social care should audit cases.",
            "children’s social care",
        ),
        ("Ensure that plans are reviewed.", ""),
        ("Plans are reviewed. The Board should check.", ""),
    ],
)
def test_agency_as_written(text, agency):
    assert agency_as_written_in(text) == agency


@pytest.mark.parametrize(
    ("agency", "category"),
    [
        ("The LSCB", "LSCB / applicable to all agencies involved"),
        ("All partner agencies", "LSCB / applicable to all agencies involved"),
        ("Upperford Children’s Services", "Children's social care"),
        ("The Director of Children's Services", "Children's social care"),
        ("The school nursing service", "Community health (health visitors, school nurses)"),
        ("Castlefield Academy", "Education"),
        ("Sunflower Children's Centre", "Early years and nursery"),
        ("The Department of Health and Social Care", "Regional or national"),
        ("The National Probation Service", "Probation"),
        ("The Designated Nurse for Safeguarding Children", "Health overview"),
        ("Saltbridgeshire Constabulary", "Police"),
        ("Northern Counties Ambulance Service", "Hospital trusts and ambulance trusts"),
        ("Cafcass", "Miscellaneous (e.g. Cafcass, employer)"),
        ("", None),
        ("Acme Widgets Ltd", None),
    ],
)
def test_agency_category_for(agency, category):
    assert agency_category_for(agency) == category


def test_agency_keyword_labels_are_reference_categories():
    known = set(reference()["agencies_rr157"])
    assert {label for _, label in _AGENCY_KEYWORDS} <= known
