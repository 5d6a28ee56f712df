"""Running headers, footers and page numbers: found by repetition, kept out of
the body text, and nothing else taken with them.

Pure functions over page texts, so nothing here touches the database.
"""

import functools
import json

import pytest

from collation.analysis.running_lines import is_page_number, running_lines_find
from collation.pdf.extract import extract_pages
from tests.collation.personal_data_truth import sample_pdfs

HEADER = "Serious Case Review: Jayden"


_SENTENCES = [
    "Kirkby Primary School made a referral about the family.",
    "The health visitor saw the mother at home in the spring.",
    "Agencies did not share what they knew at the time.",
    "The social worker visited twice and saw the children.",
    "Police attended after a neighbour reported shouting.",
    "The GP had not been told about the earlier concerns.",
    "The school noticed that the child was often late.",
]


def _body_lines(n: int) -> str:
    """Three lines of body text, different on each page."""
    first, second, third = (_SENTENCES[(n * k) % len(_SENTENCES)] for k in (1, 2, 3))
    return f"{first} ({n})\nOn day {n * 7 % 31}, {second.lower()}\n{third}"


def _running(texts: list[str]) -> list[list[str]]:
    return [[line.text for line in page.running] for page in running_lines_find(texts).pages]


def test_a_running_header_on_every_page_is_left_out_and_the_first_body_line_stays():
    texts = [f"{HEADER}\n{_body_lines(n)}" for n in range(1, 9)]
    found = running_lines_find(texts)
    for n, page in enumerate(found.pages, 1):
        assert [line.text for line in page.running] == [HEADER]
        assert page.body == _body_lines(n)
        assert page.body.startswith(_SENTENCES[n % len(_SENTENCES)])
    assert found.bodies() == [page.body for page in found.pages]


@pytest.mark.parametrize(
    "footer",
    ["Page {n}", "Page {n} of 12", "- {n} -", "{n}", "{n} | Page", "SCR Child J | Page {n}"],
)
def test_page_number_footers_are_left_out(footer):
    texts = [f"{_body_lines(n)}\n{footer.format(n=n)}" for n in range(1, 13)]
    for n, page in enumerate(running_lines_find(texts).pages, 1):
        assert [line.text for line in page.running] == [footer.format(n=n)]
        assert page.body == _body_lines(n)


def test_printed_numbers_may_be_offset_from_the_physical_page_and_drift():
    """Unnumbered title pages, and a blank page with no number, shift the numbers."""
    numbers = [None, None, 1, 2, 3, 4, None, 6, 7, 8, 9, 10]
    texts = [_body_lines(i) + ("" if n is None else f"\n- {n} -") for i, n in enumerate(numbers, 1)]
    running = _running(texts)
    assert running == [[] if n is None else [f"- {n} -"] for n in numbers]


def test_roman_page_numbers_and_headers_top_and_bottom():
    texts = [f"{HEADER}\nOFFICIAL\n{_body_lines(n)}\nOFFICIAL\n{n}" for n in range(1, 9)]
    texts[0] = texts[0].replace("\n1", "\ni")
    texts[1] = texts[1].replace("\n2", "\nii")
    numbers = ["i", "ii", "3", "4", "5", "6", "7", "8"]
    for page, expected_number in zip(running_lines_find(texts).pages, numbers, strict=True):
        assert [line.text for line in page.running] == [
            HEADER,
            "OFFICIAL",
            "OFFICIAL",
            expected_number,
        ]
        assert page.body.endswith(".")


def test_headers_that_alternate_between_odd_and_even_pages():
    texts = [
        f"{'Child J: Overview Report' if n % 2 else 'Rookfield Safeguarding Children Board'}\n"
        f"{_body_lines(n)}"
        for n in range(1, 11)
    ]
    assert all(len(running) == 1 for running in _running(texts))


def test_a_table_header_row_repeated_on_the_pages_a_table_runs_over():
    """The first page of the table keeps its header row; the repeats go."""
    texts = [f"{HEADER}\n{_body_lines(n)}" for n in range(1, 21)]
    for n in (8, 9, 10):
        texts[n - 1] = f"{HEADER}\nDate Agency Event\n{_body_lines(n)}"
    running = _running(texts)
    assert running[7] == [HEADER]
    assert running[8] == running[9] == [HEADER, "Date Agency Event"]
    assert running_lines_find(texts).pages[7].body.startswith("Date Agency Event\n")


def test_body_lines_repeated_at_the_top_of_a_few_pages_stay():
    """A heading or sentence at the top of two pages, or a numbered heading at
    the top of a run of pages, is body text."""
    texts = [f"{HEADER}\n{_body_lines(n)}" for n in range(1, 21)]
    texts[4] = f"{HEADER}\nQuestions for the Board\n{_body_lines(5)}"
    texts[9] = f"{HEADER}\nQuestions for the Board\n{_body_lines(10)}"
    texts[11] = f"{HEADER}\nThere is no reason to think this case unusual.\n{_body_lines(12)}"
    texts[12] = f"{HEADER}\nThere is no reason to think this case unusual.\n{_body_lines(13)}"
    for n in range(15, 19):
        texts[n - 1] = f"{HEADER}\nRecommendation {n - 7}\n{_body_lines(n)}"
    assert all(running == [HEADER] for running in _running(texts))


def test_a_table_row_number_is_not_taken_for_a_page_number():
    texts = [f"{_body_lines(n)}\nPage {n}" for n in range(1, 13)]
    texts[6] = f"{_body_lines(7)}\n12\nPage 7"
    texts[7] = f"13\n{_body_lines(8)}\nPage 8"
    running = _running(texts)
    assert running[6] == ["Page 7"] and running[7] == ["Page 8"]


def test_nothing_is_running_in_a_single_page_or_without_repeats():
    assert _running([f"{HEADER}\n{_body_lines(1)}\nPage 1"]) == [[]]
    assert _running([_body_lines(n) for n in range(1, 6)]) == [[]] * 5


def test_short_documents_need_the_line_on_two_pages():
    assert _running([f"{HEADER}\n{_body_lines(1)}", f"{HEADER}\n{_body_lines(2)}"]) == [
        [HEADER],
        [HEADER],
    ]


def test_empty_and_blank_pages_and_pages_of_furniture_only():
    texts = [f"{HEADER}\n{_body_lines(n)}\n- {n} -" for n in range(1, 9)]
    texts[2] = ""
    texts[3] = f"{HEADER}\n\n   \n- 4 -"
    found = running_lines_find(texts)
    assert found.pages[2].body == "" and found.pages[2].running == ()
    assert found.pages[3].body == ""
    assert [line.text for line in found.pages[3].running] == [HEADER, "- 4 -"]
    assert found.pages[3].body_blocks == ()
    assert running_lines_find([]).pages == ()


def test_blank_lines_split_the_body_into_blocks_and_stay_in_it():
    texts = [
        f"{HEADER}\n\nPart {letter} begins.\n\n  \nPart {letter} continues\nto {letter}.\n\n- {n} -"
        for n, letter in enumerate("ABCD", 1)
    ]
    page = running_lines_find(texts).pages[1]
    assert page.body == "Part B begins.\n\n  \nPart B continues\nto B."
    assert [texts[1][start:end] for start, end in page.body_blocks] == [
        "Part B begins.",
        "Part B continues\nto B.",
    ]
    for line in page.running:
        assert texts[1][line.start : line.end] == line.text


def test_a_running_line_between_body_lines_is_cut_out():
    """Within the edge lines, a running line may stand below a body line."""
    texts = [f"Part {chr(64 + n)}\n{HEADER}\n{_body_lines(n)}" for n in range(1, 9)]
    page = running_lines_find(texts).pages[2]
    assert page.body == f"Part C\n{_body_lines(3)}"
    assert len(page.body_blocks) == 2


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Page 3 of 40", True),
        ("- 3 -", True),
        ("iv", True),
        ("xviii", True),
        ("12", True),
        ("Page 3: Jo", False),
        ("mid", False),  # letters of roman figures, not a number
        ("civil", False),
    ],
)
def test_is_page_number(line, expected):
    assert is_page_number(line) is expected


# --- The samples ------------------------------------------------------------


@functools.cache
def _samples() -> list[tuple[str, list[str], dict]]:
    return [
        (
            pdf.stem,
            [page.text for page in extract_pages(pdf)],
            json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8")),
        )
        for pdf in sample_pdfs()
    ]


def test_every_sample_loses_its_running_title_and_page_numbers_and_nothing_else():
    for name, texts, truth in _samples():
        found = running_lines_find(texts)
        titles = {
            line.text
            for page in found.pages
            for line in page.running
            if not is_page_number(line.text)
        }
        # The report's running title, and the chronology's repeated header row.
        assert len(titles - {"Date Agency Event"}) == 1, (name, titles)
        numbered = [
            page
            for page in found.pages[1:]
            if any(is_page_number(line.text) for line in page.running)
        ]
        assert len(numbered) == len(texts) - 1, name
        body_words = sum(len(page.body.split()) for page in found.pages)
        all_words = sum(len(text.split()) for text in texts)
        furniture = sum(len(line.text.split()) for page in found.pages for line in page.running)
        assert body_words + furniture == all_words, name
        for item in truth["pii"]:
            body = found.pages[item["page"] - 1].body
            assert "".join(item["text"].split()) in "".join(body.split()), (name, item)
