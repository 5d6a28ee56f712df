"""Personal-data flagging: the NHS check digit, each kind on small hand-written
texts, the look-alikes that must stay unflagged, and every sample report
against its ground truth (scored by ``bench/personal_data_accuracy.py``).

Items across page breaks and running lines: ``test_personal_data_pages.py``;
the quick paths against plain readings: ``test_personal_data_quick_paths.py``.
Pure functions over page texts, so nothing here touches the database.
"""

import tomllib
from pathlib import Path

import pytest

from collation.analysis.personal_data import (
    DETECTOR_VERSION,
    PersonalDataFinding,
    PersonalDataKind,
    lexicon,
    nhs_number_is_valid,
    personal_data_find,
    personal_data_preload,
)
from collation.pdf.extract import ExtractedPage
from tests.collation.personal_data_truth import score_samples

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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The designated safeguarding lead, Shannon Pryce, spoke to the mother.", []),
        ("The case was allocated to Jordan Mensah, a newly qualified social worker.", []),
        ("The Early Help coordinator, Toni Quinn, chaired the meeting.", []),
        (
            "Mr Greaves, the head of year, spoke to Child B. The grandmother, Ann Greaves, called.",
            [("name", "Ann Greaves")],
        ),
    ],
)
def test_professionals_in_other_roles_and_wordings_are_not_names(text, expected):
    assert _flagged(text) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mrs Pike (maternal grandmother) cared for the baby.", "Mrs Pike"),
        ("Mr Farrow, the baby's father, declined to take part.", "Mr Farrow"),
        ("Wayne Ridley, the children's father, was in prison.", "Wayne Ridley"),
    ],
)
def test_a_title_and_surname_or_a_name_next_to_a_family_word(text, name):
    assert _flagged(text) == [("name", name)]


def test_an_address_at_the_end_of_a_sentence_does_not_run_on_to_the_next_line():
    text = "The father's address was given as 9 Albion Terrace.\nDate Agency Event\n"
    assert _flagged(text) == [("address", "9 Albion Terrace.")]


def test_an_organisation_in_the_sentence_before_does_not_make_an_address_its_own():
    text = (
        "The NSPCC helpline for adults is 0808 800 5000.\n"
        "The flat at 13a Cobden Street, Eastmoor EM16 2XE was in poor repair."
    )
    assert _flagged(text) == [("address", "13a Cobden Street, Eastmoor EM16 2XE")]


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
    assert recall == 1.0, missed
    assert precision >= 0.99, wrong
    assert score.not_pii_hits == [], "a look-alike (board address, pseudonym, ...) was flagged"
    assert score.kind_mismatches == []


# --- The package --------------------------------------------------------------


def test_the_detector_has_a_version_to_record():
    assert isinstance(DETECTOR_VERSION, str)
    assert DETECTOR_VERSION.strip()


def test_preloading_leaves_the_detector_as_it_was():
    personal_data_preload()
    personal_data_preload()  # a second call is harmless
    assert _flagged("The grandmother, Julie Yates, told the review.") == [("name", "Julie Yates")]


def test_word_lists_are_read_from_package_data_that_ships():
    """Every ``words/*.txt`` file is read, holds words, and is declared as package data."""
    folder = Path(lexicon.__file__).parent / "words"
    files = sorted(folder.glob("*.txt"))
    assert len(files) >= 10
    for path in files:
        words = lexicon._words(path.stem)
        assert words, path.name
        assert not any(word.startswith("#") for word in words), path.name
    assert "Mother" in lexicon.FAMILY_WORDS and "Trust" in lexicon.ORG_WORDS
    assert "Street" in lexicon.STREET_WORDS and "enquiries" in lexicon.ROLE_MAILBOXES
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    shipped = pyproject["tool"]["setuptools"]["package-data"]["collation.analysis.personal_data"]
    assert "words/*.txt" in shipped


def test_a_missing_word_list_fails_loudly():
    with pytest.raises(FileNotFoundError):
        lexicon._words("no_such_list")
