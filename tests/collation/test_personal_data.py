"""Personal-data flagging: the NHS check digit, each kind on small hand-written
texts, the look-alikes that must stay unflagged, and every sample report
against its ground truth (scored by ``bench/personal_data_accuracy.py``).

Pure functions over page texts, so nothing here touches the database.
"""

import functools
import re

import pytest

from collation.analysis import personal_data as detector
from collation.analysis.personal_data import (
    PersonalDataFinding,
    PersonalDataKind,
    nhs_number_is_valid,
    personal_data_find,
)
from collation.pdf.extract import ExtractedPage, extract_pages
from tests.collation.personal_data_truth import sample_pdfs, score_samples

BOARD = "Northshire Safeguarding Children Board"


def _find(text: str, *, board_name: str | None = BOARD) -> list[PersonalDataFinding]:
    return personal_data_find([(1, text)], board_name=board_name)


def _flagged(text: str, **kwargs) -> list[tuple[str, str]]:
    """(kind, text with whitespace squashed) for each finding."""
    return [(f.kind.value, " ".join(f.text.split())) for f in _find(text, **kwargs)]


# --- NHS numbers -----------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    ["943 476 5919", "9434765919", "943-476-5919", "999 981 6754", "999 027 6536", "401 023 2137"],
)
def test_nhs_number_with_a_right_check_digit_is_valid(number):
    assert nhs_number_is_valid(number)


@pytest.mark.parametrize(
    "number",
    [
        "943 476 5910",  # check digit should be 9
        "570 018 7090",  # a document reference from a sample title page
        "1000000010",  # the check digit works out as 10: never issued
        "943 476 591",  # nine digits
        "943 476 59190",  # eleven digits
        "943 476 591a",
        "",
    ],
)
def test_nhs_number_with_a_wrong_check_digit_or_shape_is_not_valid(number):
    assert not nhs_number_is_valid(number)


def test_nhs_number_flagged_only_when_the_check_digit_is_right():
    assert _flagged("Mother's NHS number (943 476 5919) linked the records.") == [
        ("nhs_number", "943 476 5919")
    ]
    assert _flagged("Mother's NHS number (943 476 5910) linked the records.") == []
    assert _flagged("Document reference 570 018 7090") == []


def test_nhs_number_split_over_a_line_break():
    assert _flagged("The child health record for Child J (NHS number 999 851\n7990) shows") == [
        ("nhs_number", "999 851 7990")
    ]


# --- Each kind ---------------------------------------------------------------


def test_names_introduced_by_a_family_word():
    text = (
        "The grandmother, Julie Yates, told the review she often looked after Child R. "
        "Mr S (Darren Whitfield) had previous convictions. "
        "Denise Kershaw, Child L's maternal grandmother, contacted the duty team. "
        "The discharge letter was issued in the name of Tia Begum."
    )
    assert _flagged(text) == [
        ("name", "Julie Yates"),
        ("name", "Darren Whitfield"),
        ("name", "Denise Kershaw"),
        ("name", "Tia Begum"),
    ]


def test_names_with_middle_names_particles_and_accents():
    text = (
        "The mother (Stacey Marie Begum) was referred. Child R's aunt, Maria de la Cruz, "
        "cared for him. School records for Ethan Żak, an older sibling, show late arrival. "
        "The father, Liam O'Brien, was arrested."
    )
    assert _flagged(text) == [
        ("name", "Stacey Marie Begum"),
        ("name", "Maria de la Cruz"),
        ("name", "Ethan Żak"),
        ("name", "Liam O'Brien"),
    ]


def test_name_split_across_a_line_break():
    findings = _find("The offender manager's records list Kwame\nKelly as living elsewhere.")
    assert [(f.kind, f.text) for f in findings] == [(PersonalDataKind.NAME, "Kwame\nKelly")]


def test_surname_of_a_flagged_name_is_flagged_with_a_title():
    assert _flagged("Mrs Burrows said her daughter, Nadia Burrows, was unwell.") == [
        ("name", "Mrs Burrows"),
        ("name", "Nadia Burrows"),
    ]


def test_surname_that_is_also_a_place_word_needs_a_family_word():
    assert _flagged("The child's mother, Sarah Green, said she had no concerns.") == [
        ("name", "Sarah Green")
    ]
    assert _flagged("Officers patrolled Castle Green that evening.") == []


def test_name_in_capitals_next_to_a_family_word():
    assert _flagged("The mother, MARY SMITH, was not spoken to. THE FAMILY AND CASE") == [
        ("name", "MARY SMITH")
    ]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("An older sibling, born on 9 Feb 1997, was living with relatives.", "9 Feb 1997"),
        ("The child health record gives Child R's DOB as 05-02-1999.", "05-02-1999"),
        ("Child J (date of birth 5th\nOctober 2009) was registered.", "5th October 2009"),
        ("The MARAC referral described Ms D (DOB 21st October 1979) as high risk.", None),
        ("Child D was born on 02.06.2005 at Lowmarsh General Hospital.", "02.06.2005"),
        ("The sibling's date of birth (04-\n11-2008) appears on the same referral.", None),
    ],
)
def test_dates_of_birth(text, date):
    flagged = _flagged(text)
    assert len(flagged) == 1 and flagged[0][0] == "date_of_birth"
    if date:
        assert flagged[0][1] == date


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "Officers attended 137 Kiln Way,\nBrookside, Upperford, HU28 6UF following a call.",
            "137 Kiln Way, Brookside, Upperford, HU28 6UF",
        ),
        (
            "In May 2015 the family moved to Flat 20, 65 Rowan Crescent, Eastfield, "
            "Quarrybank,\nHD20 1DJ, a privately rented property.",
            "Flat 20, 65 Rowan Crescent, Eastfield, Quarrybank, HD20 1DJ",
        ),
        (
            "Mr S gave his address to probation as 66\nFoundry Road, Wexcombe DH18 8ZN.",
            "66 Foundry Road, Wexcombe DH18 8ZN",
        ),
        ("A home visit was made to 12 Acacia Avenue, but there was no reply.", "12 Acacia Avenue"),
    ],
)
def test_addresses(text, address):
    assert _flagged(text) == [("address", address)]


def test_postcode_on_its_own():
    assert _flagged("The family lived in the OT4 area; their postcode was OT4 5GH.") == [
        ("postcode", "OT4 5GH")
    ]


@pytest.mark.parametrize(
    "phone",
    ["07700 900 526", "0161 496 0363", "+44 7700 900026", "07700900651", "(0161) 496 0000"],
)
def test_phone_numbers(phone):
    assert _flagged(
        f"The health visitor left messages on the mother's mobile, {phone}, today."
    ) == [("phone", phone)]


def test_phone_number_wrapped_over_a_line():
    assert _flagged("The school recorded Mother's number as 07700\n900275 on its sheet.") == [
        ("phone", "07700 900275")
    ]


def test_email_addresses():
    assert _flagged("The mother emailed the school from kwame_kelly@example.org to say.") == [
        ("email", "kwame_kelly@example.org")
    ]
    assert _flagged("A copy went to the personal address jade.lowther96@example.com.") == [
        ("email", "jade.lowther96@example.com")
    ]


def test_findings_carry_page_offsets_and_context():
    pages = [
        ExtractedPage(1, "Title page"),
        ExtractedPage(2, "Some text. The father, named in the birth registration as Jordan Marsh."),
    ]
    (finding,) = personal_data_find(pages)
    assert finding.page == 2
    assert pages[1].text[finding.start : finding.end] == finding.text == "Jordan Marsh"
    assert "birth registration as Jordan Marsh." in finding.context


# --- Look-alikes that are not personal data -------------------------------------


TITLE_PAGE = """Northshire Safeguarding Children Board
Serious Case Review
Child D
Final Overview Report
Independent Lead Reviewer: Angela Moorcroft
Date of publication: 25/05/2019
Northshire Safeguarding Children Board, Civic Centre, Market Street, Northtown NN7 5LH
Tel: 01632 960108 Email: safeguarding.board@northshirescb.example.org
Document control
Version 9.4 (final for publication)
Status Approved by the Board
Date approved 16/04/2019
Document reference 570 018 7090"""


@pytest.mark.parametrize("board_name", [BOARD, None])
def test_title_page_board_details_dates_and_reviewer_are_not_flagged(board_name):
    assert _flagged(TITLE_PAGE, board_name=board_name) == []


def test_board_contact_details_in_a_published_by_block():
    text = (
        "Published by Northshire Council, Town Hall, High Street, Northtown NS1 2AB.\n"
        "For further information contact us on 01632 960000 or info@northshire.example.org"
    )
    assert _flagged(text, board_name=None) == []


def test_family_word_beats_an_organisation_on_the_same_line():
    text = "Northshire Safeguarding Children Board: the mother's mobile was 07700 900123."
    assert _flagged(text) == [("phone", "07700 900123")]


def test_pseudonyms_are_not_names():
    text = (
        "Child R's mother told Mr W that Baby E and Child D were safe. Ms D and Mr T met "
        "'Mother's partner'. Child R’s older half-sibling lived with Maternal Grandmother."
    )
    assert _flagged(text) == []


def test_authors_and_signatories_are_not_flagged():
    text = (
        "I would like to thank the lead reviewer.\nPatricia Lennard\n"
        "Independent Chair, Northshire Safeguarding Children Board\n"
        "The review was chaired by Helen Jones. Kevin Arkwright, the lead reviewer, met the family."
    )
    assert _flagged(text) == []
    assert _flagged("Jane Wetherby attended.", board_name=None) == [("name", "Jane Wetherby")]
    assert (
        personal_data_find([(1, "Jane Wetherby attended.")], public_names=["Jane Wetherby"]) == []
    )


def test_professionals_citations_and_organisations_are_not_names():
    text = (
        "The social worker, Jane Smith, visited. Dr Ahmed Khan, consultant paediatrician, "
        "examined Child B. Professor Eileen Munro (2011) argued for change. Working Together "
        "to Safeguard Children applies. Upperford Hospitals NHS Foundation Trust and Harbour "
        "Domestic Abuse Service and Castlefield Academy took part. Staff at St Mary's Hospital "
        "and Great Ormond Street Hospital treated Child P. The family moved to Milton Keynes."
    )
    assert _flagged(text) == []


def test_publication_and_event_dates_are_not_dates_of_birth():
    text = (
        "Published: 22/09/2014\nDate Agency Event\n06/02/2011 HV Appointment not attended.\n"
        "In April 2010, a neighbour called the police. The mother was 22 when Child K was born."
        " Baby W was born at Quarrybank General Hospital at 35 weeks' gestation. Review meeting"
        " 3 March 2015."
    )
    assert _flagged(text) == []


def test_helplines_and_reference_numbers_are_not_phone_numbers():
    text = (
        "Childline offers support on 0800 1111. The NSPCC helpline is 0808 800 5000. "
        "Call 0300 123 4567 for the council. Document reference 098 803 7163. Call 999."
    )
    assert _flagged(text) == []


# --- The samples -------------------------------------------------------------


def test_sample_reports_recall_and_precision():
    score = score_samples()
    recall = sum(score.recalled.values()) / sum(score.truth.values())
    precision = sum(score.precise.values()) / sum(score.found.values())
    missed = [(name, item["page"], item["text"]) for name, item in score.false_negatives]
    wrong = [(name, f.page, f.text) for name, f in score.false_positives]
    assert recall >= 0.95, missed
    assert precision >= 0.9, wrong
    for kind, count in score.truth.items():
        assert score.recalled[kind] / count >= 0.9, (kind, missed)
    assert score.not_pii_hits == [], "a look-alike (board address, pseudonym, ...) was flagged"


# --- The quick paths read what a plain reading of every page would ------------
#
# The detector skips to the few places where a match can start, reads only the
# lines near a cue and tokenises only where a run of capitalised words starts.
# Each shortcut must find exactly what the plain way finds.

_AWKWARD = [
    "Maria de la Cruz met Jan van der Berg, Ali bin Said and Ana de  \nla Rosa;",
    "de's Cruz, van le da Silva, Van Dyke, De la Mare.",
    "O'Neill’s D’Arcy Mary-Jane McDonald-Smith Jones' Report.",
    "Smith's Way, UK Police, DfE Guidance",
    "Élodie Ñúñez, Şahin Öztürk, ǅemal ǅukić, Ⓐbc Def, Ⅻ Abc, Abc² Def,",
    "İstanbul İlknur, ıb Ab, ſam Kelvin",
    "x'Ab Cd a''Bc De Ab’'s Cd Ab-'Cd Ef _Ab Cd 1Ab Cd Ab\n\nCd Ab\t\nCd Ab \n Cd",
    "LEAD REVİEWER: Mary Haldane\nJane Smith\nIndependent Chaır\nſigned: Tom Hart",
    "Head  of  Service Ann Lee\nJo Bell, the independent author",
    "Flat 5, 50 Lowther Place, Apt 2b, 7a Mill Road, Unit 4 Kiln Way,",
    "Room 9, 12 The Green NS1 2AB GIR 0AA",
    "Tel +44 (0)7700 900123 or (01632) 960123 or 0800 123 4567;",
    "NHS 943 476 5919, 943-476-\n5919, 9434765919",
    "Born on 3 May 2001 (DOB 12/03/2001), d.o.b. 1.2.99,",
    "date of birth: 4th of June 2003, BİRTH 5 May 2005",
    "the mother, MARY SMITH; the father (JOHN O'HARA-JONES),",
    "Mrs Burrows, Mr. Yates, Ms Day, Mx Lane, Miss Kay",
    "Upperford Local Safeguarding Children Board, Northshire SCB,",
    "LSCB Local Safeguarding Children Board",
    "mail jane.smith@example.com, see www.example.org/Julie-Yates",
    "or https://example.org/Mary Smith",
]


@functools.cache
def _sample_texts() -> tuple[str, ...]:
    pages = tuple(page.text for pdf in sample_pdfs() for page in extract_pages(pdf))
    return (*pages, *_AWKWARD, "\n".join(_AWKWARD))


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        (detector._NHS_RE, detector._NHS_STARTS),
        (detector._PHONE_RE, detector._PHONE_STARTS),
        (detector._STREET_RE, detector._STREET_STARTS),
        (detector._POSTCODE_RE, detector._POSTCODE_STARTS),
        (detector._CAPITALS_NAME, detector._CAPITALS_STARTS),
        (detector._PERSONAL_TITLE_SURNAME, detector._PERSONAL_TITLE_STARTS),
    ],
)
def test_matches_skipping_ahead_are_those_of_finditer(pattern, starts):
    for text in _sample_texts():
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in detector._matches(pattern, starts, text)] == expected


def test_board_names_read_from_keyword_lines_are_those_of_the_whole_page():
    for text in _sample_texts():
        expected = [m.span() for m in detector._BOARD_NAME_RE.finditer(text)]
        assert [m.span() for m in detector._board_name_matches(text)] == expected


def test_author_names_read_near_cues_are_those_of_the_whole_page():
    for text in _sample_texts():
        assert detector._author_names(text) == detector._author_names_in(text, 0, len(text))


def test_lowercase_words_read_once_each_are_those_of_every_page():
    pages = list(enumerate(_sample_texts(), 1))
    expected = set()
    for _number, text in pages:
        for match in detector._WORD_RE.finditer(detector._LINK_RE.sub(" ", text)):
            word = re.sub(r"['’]s?$", "", match.group())
            if word[:1].islower():
                expected.add(word.casefold())
    assert detector._lowercase_words(pages) == expected


def _runs_reading_every_word(text: str) -> list[list[tuple]]:
    """The runs of two or more capitalised words, read as the detector used to:
    every word of the page, left to right."""
    tokens = []
    for match in detector._WORD_RE.finditer(text):
        word = re.sub(r"['’]s?$", "", match.group())
        capitalised = word[0].isupper() and any(ch.islower() for ch in word[1:])
        start = match.start()
        tokens.append((word, start, start + len(word), word != match.group(), capitalised))

    def joined(left, right):
        gap = text[left[2] : right[1]]
        return not left[3] and re.fullmatch(r"[ \t]+|[ \t]*\n[ \t]*", gap) is not None

    runs, index = [], 0
    while index < len(tokens):
        if not tokens[index][4]:
            index += 1
            continue
        run = [tokens[index]]
        index += 1
        while index < len(tokens):
            token = tokens[index]
            if token[4] and joined(run[-1], token):
                run.append(token)
                index += 1
            elif token[0] in detector._PARTICLES and joined(run[-1], token):
                after = index
                while after < len(tokens) and tokens[after][0] in detector._PARTICLES:
                    after += 1
                if (
                    after - index > 2
                    or after >= len(tokens)
                    or not tokens[after][4]
                    or not all(joined(tokens[k], tokens[k + 1]) for k in range(index, after))
                ):
                    break
                run += tokens[index : after + 1]
                index = after + 1
            else:
                break
        runs.append(run)
    return [run for run in runs if len(run) > 1]


def test_runs_found_from_their_starts_are_those_of_reading_every_word():
    for text in _sample_texts():
        runs = [
            [(t.text, t.start, t.end, t.possessive, t.capitalised) for t in run]
            for run in detector._runs(text)
        ]
        assert runs == _runs_reading_every_word(text)


def test_case_facts_the_quick_paths_rely_on():
    everything = "".join(map(chr, range(0x110000)))
    # str.lower keeps every character but one in its place...
    assert [ch for ch in everything if len(ch.lower()) != 1] == ["\u0130"]
    # ...and turns every character matching an ASCII letter, case ignored, into
    # that letter, but for _CASE_EXCEPTIONS.
    for ch in re.findall(r"(?i)[a-z]", everything):
        assert ch in detector._CASE_EXCEPTIONS or re.fullmatch(r"[a-z]", ch.lower())
        if ch not in detector._CASE_EXCEPTIONS:
            assert re.fullmatch(f"(?i){ch.lower()}", ch)
    # _DOB_HINT's plain class: only these match "b" or "d", case ignored.
    assert sorted(re.findall(r"(?i)[bd]", everything)) == ["B", "D", "b", "d"]
