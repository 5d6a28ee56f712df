"""The personal-data detector's quick paths find exactly what a plain reading does.

The detector skips to the few places where a match can start, reads only the
lines near a cue, only the windows near a date-of-birth cue, only the chunks
with an "@", and tokenises only where a run of capitalised words starts. Each
shortcut must find exactly what the plain way finds, on every sample page, on
every sample read as one text, and on awkward strings.
"""

import functools
import itertools
import re

import pytest

from collation.analysis.personal_data import (
    addresses,
    contacts,
    dates,
    document,
    lexicon,
    name_runs,
)
from collation.analysis.personal_data import names as name_rules
from collation.analysis.personal_data.reading import matches, sentence_before
from collation.pdf.extract import extract_pages
from tests.collation.personal_data_truth import sample_pdfs

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
    "e-mail a%b@x.org a@b@c.org ..x@y.co.uk\u00a0z@w.org é@x.org x@y.-z @ mail@",
    "born 1/2/2001 1/2/2001 12.13.2001 31-12-99 born on 12 June 2001, 3/4/05 DOB",
    "Sept. 4 2001 born, Jan 32 2001, May 5th, 2001 (DOB) 1st of May 1999 d.o.b",
]


@functools.cache
def _sample_texts() -> tuple[str, ...]:
    """Every sample page, every sample's pages as one text, and the awkward strings."""
    reports = [[page.text for page in extract_pages(pdf)] for pdf in sample_pdfs()]
    pages = tuple(text for report in reports for text in report)
    joined = tuple("\n".join(report) for report in reports)
    return (*pages, *joined, *_AWKWARD, "\n".join(_AWKWARD))


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        (contacts.NHS_RE, contacts.NHS_STARTS),
        (contacts.PHONE_RE, contacts.PHONE_STARTS),
        (addresses.STREET_RE, addresses.STREET_STARTS),
        (addresses.POSTCODE_RE, addresses.POSTCODE_STARTS),
        (name_rules.CAPITALS_NAME, name_rules.CAPITALS_STARTS),
        (name_rules.PERSONAL_TITLE_SURNAME, name_rules.PERSONAL_TITLE_STARTS),
        (dates.DATE_RE, dates.DATE_STARTS),
    ],
)
def test_matches_skipping_ahead_are_those_of_finditer(pattern, starts):
    for text in _sample_texts():
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in matches(pattern, starts, text)] == expected


def test_emails_read_from_chunks_with_an_at_sign_are_those_of_the_whole_text():
    for text in _sample_texts():
        expected = [m.span() for m in contacts.EMAIL_RE.finditer(text)]
        assert [m.span() for m in contacts.email_matches(text)] == expected


def _dates_of_birth_reading_every_date(text: str) -> list[tuple[int, int]]:
    """Dates of birth as the detector found them page by page: every date of
    the text, each with the cue rules."""
    found, previous_end = [], 0
    for match in dates.DATE_RE.finditer(text):
        if not dates._date_is_valid(match):
            continue
        start = match.start()
        before = sentence_before(text, start, min(80, start - previous_end))
        previous_end = match.end()
        cued = any(len(before) - cue.end() <= 45 for cue in dates._DOB_CUE.finditer(before))
        if cued or dates._DOB_AFTER.match(text[match.end() : match.end() + 30]):
            found.append(match.span())
    return found


def test_dates_of_birth_read_near_cues_are_those_of_reading_every_date():
    for text in _sample_texts():
        found = [(span.start, span.end) for span in dates.find_dates_of_birth(text)]
        assert found == _dates_of_birth_reading_every_date(text)


def test_board_names_read_from_keyword_lines_are_those_of_the_whole_page():
    for text in _sample_texts():
        expected = [m.span() for m in document.BOARD_NAME_RE.finditer(text)]
        assert [m.span() for m in document.board_name_matches(text)] == expected


def test_author_names_read_near_cues_are_those_of_the_whole_page():
    for text in _sample_texts():
        assert document.author_names(text) == document.author_names_in(text, 0, len(text))


def test_lowercase_words_read_once_each_are_those_of_every_page():
    texts = _sample_texts()
    expected = set()
    for text in texts:
        for match in document.WORD_RE.finditer(document.LINK_RE.sub(" ", text)):
            word = re.sub(r"['’]s?$", "", match.group())
            if word[:1].islower():
                expected.add(word.casefold())
    assert document.lowercase_words(texts) == expected


def _runs_reading_every_word(text: str) -> list[list[tuple]]:
    """The runs of two or more capitalised words, read as the detector used to:
    every word of the page, left to right."""
    tokens = []
    for match in document.WORD_RE.finditer(text):
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
            elif token[0] in lexicon.PARTICLES and joined(run[-1], token):
                after = index
                while after < len(tokens) and tokens[after][0] in lexicon.PARTICLES:
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
            for run in name_runs.runs(text)
        ]
        assert runs == _runs_reading_every_word(text)


def _windows_trying_every_one(words: list[str]) -> list[tuple[list[int], bool]]:
    """Name windows as the detector used to find them, every start and end
    tried (but for the cap on place words left out)."""
    found, size = [], len(words)
    for start in range(size):
        for end in range(size, start, -1):
            window = list(range(start, end))
            trimmed = [*words[:start], *words[end:]]
            if (
                2 <= len(window) <= 4
                and all(word in lexicon.PLACE_WORDS for word in trimmed)
                and start <= name_rules._MOST_TRIMMED
                and size - end <= name_rules._MOST_TRIMMED
                and words[start] not in lexicon.PARTICLES
            ):
                found.append((window, any(words[i] in lexicon.PLACE_WORDS for i in window)))
    return found


def test_name_windows_near_the_ends_are_those_of_trying_every_one():
    vocabulary = ["Hill", "Green", "Julie", "Yates", "de", "May", "Park"]
    for size in range(7):
        for words in itertools.product(vocabulary, repeat=size):
            assert name_rules.windows(list(words)) == _windows_trying_every_one(list(words))
    for long_run in (["Hill", "Park", *["Julie", "Yates"] * 50, "Green"], ["Hill", "Park"] * 40):
        assert name_rules.windows(long_run) == _windows_trying_every_one(long_run)


def test_case_facts_the_quick_paths_rely_on():
    everything = "".join(map(chr, range(0x110000)))
    # str.lower keeps every character but one in its place...
    assert [ch for ch in everything if len(ch.lower()) != 1] == ["\u0130"]
    # ...and turns every character matching an ASCII letter, case ignored, into
    # that letter, but for _CASE_EXCEPTIONS.
    for ch in re.findall(r"(?i)[a-z]", everything):
        assert ch in document.CASE_EXCEPTIONS or re.fullmatch(r"[a-z]", ch.lower())
        if ch not in document.CASE_EXCEPTIONS:
            assert re.fullmatch(f"(?i){ch.lower()}", ch)
    # Case folding looks at no character's neighbours (lowercase_words folds
    # all the words at once), and every letter is a character WORD_RE takes.
    assert "".join(ch.casefold() for ch in everything) == everything.casefold()
    assert all(document.WORD_RE.match(ch) for ch in everything if ch.isalpha())
    # _DOB_HINT's plain class: only these match "b" or "d", case ignored.
    assert sorted(re.findall(r"(?i)[bd]", everything)) == ["B", "D", "b", "d"]
