"""Personal data across pages: items split by a page, column or table-cell
break, and running headers and footers kept apart from the body text.

Pure functions over page texts, so nothing here touches the database.
"""

import pytest

from collation.analysis.personal_data import PersonalDataKind, personal_data_find

BOARD = "Northshire Safeguarding Children Board"
HEADER = "Serious Case Review: Jayden"


def _found(pages, **kwargs) -> list[tuple[int, str, str]]:
    """(page, kind, text) for each finding."""
    findings = personal_data_find(pages, board_name=BOARD, **kwargs)
    return [(f.page, f.kind.value, f.text) for f in findings]


def _with_furniture(bodies: list[str], first_page: int = 1) -> list[tuple[int, str]]:
    """Pages with the running header on top and "Page N" at the bottom."""
    return [
        (number, f"{HEADER}\n{body}\nPage {number}")
        for number, body in enumerate(bodies, first_page)
    ]


FILLER = (
    "The review considered the involvement of agencies with the family over two years.\n"
    "Practitioners were interviewed and records were read by the review team.\n"
)


# --- An item split by a page break --------------------------------------------


def test_a_date_of_birth_split_by_a_page_break_is_flagged_on_the_page_it_stands_on():
    pages = [
        (10, FILLER + "The younger sibling of Child J was born on"),
        (11, "28.02.2001 and lived with the mother.\n" + FILLER),
    ]
    findings = personal_data_find(pages, board_name=BOARD)
    assert [(f.page, f.kind, f.text) for f in findings] == [
        (11, PersonalDataKind.DATE_OF_BIRTH, "28.02.2001")
    ]
    (finding,) = findings
    assert pages[1][1][finding.start : finding.end] == "28.02.2001"
    assert "was born on 28.02.2001 and lived" in finding.context


def test_a_date_split_by_a_page_break_between_headers_and_footers():
    bodies = [
        FILLER + "The younger sibling was born on 28",
        "February 2001 in Northtown.\n" + FILLER,
    ]
    assert _found(_with_furniture(bodies, first_page=10)) == [
        (10, "date_of_birth", "28"),
        (11, "date_of_birth", "February 2001"),
    ]


def test_a_name_split_by_a_page_break_is_one_finding_per_page_with_the_same_context():
    pages = _with_furniture(
        [FILLER + "The child's grandmother, Julie", "Yates, told the review.\n"]
    )
    findings = personal_data_find(pages, board_name=BOARD)
    assert [(f.page, f.kind.value, f.text) for f in findings] == [
        (1, "name", "Julie"),
        (2, "name", "Yates"),
    ]
    assert findings[0].context == findings[1].context
    assert "grandmother, Julie Yates, told" in findings[0].context
    for finding in findings:
        page_text = pages[finding.page - 1][1]
        assert page_text[finding.start : finding.end] == finding.text


def test_an_address_split_by_a_page_break():
    pages = _with_furniture(
        [
            FILLER + "In May 2015 the family moved to 65 Rowan",
            "Crescent, Eastfield, Quarrybank HD20 1DJ, a privately rented flat.\n" + FILLER,
        ]
    )
    assert _found(pages) == [
        (1, "address", "65 Rowan"),
        (2, "address", "Crescent, Eastfield, Quarrybank HD20 1DJ"),
    ]


def test_a_phone_number_split_by_a_page_break():
    pages = _with_furniture(
        [FILLER + "The school recorded the mother's mobile as 07700", "900275 on its sheet."]
    )
    assert _found(pages) == [(1, "phone", "07700"), (2, "phone", "900275")]


def test_a_cue_on_one_page_decides_the_item_on_the_next():
    """The board's contact cue and a family cue stand on the page before."""
    pages = _with_furniture(
        [
            FILLER + "For further information about this review, contact us on",
            "01632 960000 or write to the board. The health visitor called the mother's mobile,",
            "07700 900 526, but had no reply.",
        ]
    )
    assert _found(pages) == [(3, "phone", "07700 900 526")]


def test_a_page_break_does_not_join_what_the_pages_keep_apart():
    """Page numbers and event dates either side of a break stay unflagged."""
    pages = _with_furniture(
        [FILLER + "The social worker visited on 3 March 2015.", "12 May 2015 was the next visit."]
    )
    assert _found(pages) == []


# --- Columns and table cells ------------------------------------------------------


def test_a_name_across_two_columns_of_a_page_and_the_next_page():
    """Two columns read one after the other (as pdfium reads them): the item
    runs from the foot of the right-hand column to the top of the next page's
    left-hand one, past the footer and the next header."""
    left = "The discharge summary\nquoted the wrong GP\npractice for the family."
    right = "Child J's maternal\ngrandmother, Denise"
    next_left = "Kershaw, contacted the\nduty team twice."
    pages = _with_furniture([f"{left}\n{right}", f"{next_left}\nThe duty team noted it."])
    assert _found(pages) == [(1, "name", "Denise"), (2, "name", "Kershaw")]


def test_a_table_row_split_by_a_page_break_under_a_repeated_header_row():
    """A chronology row runs on to the next page below the table's header row,
    which the table repeats on each page it runs over."""
    row_header = "Date Agency Event"
    pages = _with_furniture(
        [
            FILLER + "Appendix: chronology",
            f"{row_header}\n06/10/2012 Police The offender manager's records list Kwame",
            f"{row_header}\nKelly as living at a different address.\n10/01/2013 ED Seen.",
        ]
    )
    assert _found(pages) == [(2, "name", "Kwame"), (3, "name", "Kelly")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mother's date of birth\n\n28.02.1990", [("date_of_birth", "28.02.1990")]),
        ("The child's grandmother, Julie\n\nYates, told the review.", [("name", "Julie Yates")]),
        ("For further information contact us on\n\n01632 960000.", []),
    ],
)
def test_cells_and_columns_separated_by_a_blank_line_are_read_together(text, expected):
    """Other extractors put a blank line between a label cell and its value,
    or between columns."""
    findings = personal_data_find([(1, FILLER + text)], board_name=BOARD)
    assert [(f.kind.value, " ".join(f.text.split())) for f in findings] == expected


# --- Running headers and footers ----------------------------------------------------


def test_a_running_header_is_not_joined_to_the_first_line_of_each_page():
    pages = _with_furniture(
        [
            "Kirkby is where the family lived until 2012.\n" + FILLER,
            "Later the family moved to a flat.\n" + FILLER,
            "Kirkby was also where the father lived.\n" + FILLER,
        ]
    )
    assert _found(pages) == []


def test_a_name_in_a_running_line_is_flagged_on_every_page_it_stands_on():
    header = "Serious Case Review: Jayden Smith"
    pages = [(n, f"{header}\n{FILLER}Page {n}") for n in range(1, 5)]
    findings = personal_data_find(pages, board_name=BOARD)
    assert [(f.page, f.kind.value, f.text) for f in findings] == [
        (n, "name", "Jayden Smith") for n in range(1, 5)
    ]
    for finding in findings:
        assert pages[finding.page - 1][1][finding.start : finding.end] == "Jayden Smith"
        assert finding.context == header


def test_a_running_line_is_read_on_its_own_not_with_the_body():
    """A footer naming the board is not the body's contact details, and a body
    line under a header that ends in a family word is not cued by it."""
    pages = [
        (n, f"Child J: the mother\nRobert Street was the scene of the incident.\n{FILLER}- {n} -")
        for n in range(1, 5)
    ]
    assert _found(pages) == []


def test_running_lines_found_by_the_caller_are_used():
    from collation.analysis.running_lines import running_lines_find

    pages = _with_furniture(["The grandmother, Julie", "Yates, told the review."] * 2)
    running = running_lines_find([text for _number, text in pages])
    assert personal_data_find(pages, board_name=BOARD, running_lines=running) == (
        personal_data_find(pages, board_name=BOARD)
    )


def test_pages_without_text_and_a_document_without_pages():
    assert personal_data_find([], board_name=BOARD) == []
    pages = [(1, ""), (2, "The grandmother, Julie"), (3, ""), (4, "Yates, told the review.")]
    assert _found(pages) == [(2, "name", "Julie"), (4, "name", "Yates")]


@pytest.mark.parametrize(
    "text",
    [
        " " * 100_000,
        "\n \n" * 30_000,
        "Hill Park " * 20_000,  # one run of place words: a name tried only at its ends
        "Abc Def " * 20_000,
        "The mother, Julie Yates, phoned 07700 900123. " * 2_000,  # one endless line
    ],
    ids=["spaces", "blank lines", "place words", "capitalised words", "one line"],
)
def test_texts_no_report_has_are_read_to_the_end(text):
    """Nothing reads an endless line again for each item on it, or tries every
    window of an endless run of capitalised words."""
    findings = personal_data_find([(1, text), (2, text)], board_name=BOARD)
    assert all(f.text in text for f in findings)
    if "Julie" in text:
        assert len(findings) == 2 * 2 * 2_000  # each name and phone, on both pages
