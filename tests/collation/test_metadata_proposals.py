"""Metadata proposed from a report's title page and introduction."""

import datetime

import pytest

from collation.analysis.metadata import Proposal, metadata_propose
from collation.pdf.extract import extract_pages
from scr_platform.reference import reference
from tests.collation.conftest import REPORTS

AGENCIES = reference()["agencies_rr157"]
BOARDS = [
    "Upperford Local Safeguarding Children Board",
    "Thornbury Safeguarding Children Partnership",
    "Thornmere LSCB",
    "Thornmere Safeguarding Children Board",
]


def _values(proposals: dict[str, Proposal]) -> dict:
    return {field: proposal.value for field, proposal in proposals.items()}


def test_a_sample_report_gives_its_metadata_with_pages():
    pages = [(p.number, p.text) for p in extract_pages(REPORTS / "scr_s1_001.pdf")]
    proposals = metadata_propose(pages, boards=BOARDS, agencies=AGENCIES)
    values = _values(proposals)
    assert values["board"] == "Upperford Local Safeguarding Children Board"
    assert values["title"] == "Serious Case Review: Child R"
    assert values["child_pseudonym"] == "Child R"
    assert values["publication_date"] == datetime.date(2014, 9, 22)
    assert values["lead_reviewer"] == "Mary Haldane"
    assert values["review_model"] == "silp"
    assert values["incident"] == "serious_harm"
    assert values["child_age_band"] == "11_15"
    assert values["child_sex"] == "male"
    assert "sexual" in values["abuse_categories"]
    assert {"Police", "Children's social care", "Education"} <= set(values["agencies"])
    assert set(values["agencies"]) <= set(AGENCIES)
    assert proposals["board"].page == proposals["lead_reviewer"].page == 1
    assert proposals["review_model"].page == 6  # "The review followed the SILP ..."
    assert proposals["incident"].page == 2  # the foreword's account of what happened
    assert proposals["agencies"].page == 6  # "The following agencies contributed ..."


TITLE_PAGE = """Thornbury Safeguarding Children Partnership
Local Child Safeguarding Practice Review
Concerning Child Q
Author: Dr Jane Okafor
Date of publication: 3rd March 2021
"""
INTRODUCTION = """Introduction
This review concerns Child Q, a 15-year-old girl who died in hospital in May 2020 after
she had been sexually exploited by adults in the town. The National Panel was notified.
The review used the SCIE Learning Together systems model, with practitioner events.
Information was provided by these organisations:
• Thornbury Council Children's Services
• Thornbury Constabulary
• Riverside Academy
• Thornbury Youth Justice Service
"""


def test_a_title_page_with_other_phrasings():
    proposals = metadata_propose(
        [(1, TITLE_PAGE), (2, INTRODUCTION)], boards=BOARDS, agencies=AGENCIES
    )
    assert _values(proposals) == {
        "board": "Thornbury Safeguarding Children Partnership",
        "title": "Local Child Safeguarding Practice Review: Child Q",
        "child_pseudonym": "Child Q",
        "publication_date": datetime.date(2021, 3, 3),
        "lead_reviewer": "Dr Jane Okafor",
        "review_model": "scie_systems",
        "incident": "death",
        "child_age_band": "11_15",
        "child_sex": "female",
        "abuse_categories": ["sexual"],
        "agencies": [
            "LSCB / applicable to all agencies involved",
            "Children's social care",
            "Police",
            "Education",
            "Youth offending",
            "Regional or national",
        ],
    }
    assert proposals["lead_reviewer"].page == 1
    assert proposals["incident"].page == proposals["review_model"].page == 2


def test_the_board_named_as_written_wins_over_a_variant():
    for written, expected in (
        ("Thornmere LSCB\nSerious Case Review\nChild N", "Thornmere LSCB"),
        ("Thornmere Safeguarding Children Board\nSerious Case Review", BOARDS[3]),
        ("Thornmere Local Safeguarding Children Board\nSerious Case Review", BOARDS[2]),
    ):
        proposals = metadata_propose([(1, written)], boards=BOARDS, agencies=AGENCIES)
        assert proposals["board"].value == expected


@pytest.mark.parametrize(
    ("sentence", "band", "sex"),
    [
        ("Child M, then a baby 9 months old, was admitted with a fracture.", "under_1", None),
        ("Child M, a boy aged five, died of injuries inflicted at home.", "1_5", "male"),
        ("Child M, then a nine-year-old girl, was seriously injured.", "6_10", "female"),
        ("Child M, a young man aged seventeen, took his own life.", "16_17", "male"),
    ],
)
def test_age_band_and_sex_from_the_sentence_that_names_the_child(sentence, band, sex):
    values = _values(metadata_propose([(1, sentence)], boards=[], agencies=AGENCIES))
    assert values["child_age_band"] == band
    assert values.get("child_sex") == sex


def test_sex_from_the_pseudonym_explanation_when_no_noun_says_it():
    text = (
        "Baby W, then a baby 9 months old, died. The letter has no connection with his real name."
    )
    assert metadata_propose([(1, text)], boards=[], agencies=[])["child_sex"].value == "male"


def test_nothing_is_proposed_when_the_text_states_none_of_it():
    text = (
        "Minutes of the learning and improvement sub-group\n"
        "The group discussed the training programme for the coming year and agreed dates.\n"
    )
    assert metadata_propose([(1, text), (2, text)], boards=BOARDS, agencies=AGENCIES) == {}
    assert metadata_propose([], boards=BOARDS, agencies=AGENCIES) == {}
    assert metadata_propose([(1, "  \n ")], boards=BOARDS, agencies=AGENCIES) == {}


def test_statutory_criteria_unknown_boards_and_month_only_dates_are_not_proposed():
    text = (
        "Anyshire Safeguarding Children Board\nSerious Case Review\nChild P\n"
        "Published: March 2016\n"
        "A review must be held where abuse or neglect is known or suspected and a child has died\n"
        "or been seriously harmed.\n"
    )
    values = _values(metadata_propose([(1, text)], boards=BOARDS, agencies=AGENCIES))
    assert values == {"child_pseudonym": "Child P", "title": "Serious Case Review: Child P"}


def test_agencies_outside_the_platforms_list_are_left_out():
    text = (
        "The following agencies contributed to the review:\n"
        "• Anyshire Police\n• The Moon Base Authority\n"
    )
    proposals = metadata_propose([(1, text)], boards=[], agencies=["Police"])
    assert proposals["agencies"].value == ["Police"]
