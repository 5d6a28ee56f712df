"""The adjacent word pairs a query needs (collation/analysis/phrase_pairs.py), read from
PostgreSQL's text of the query: only pairs no match can lack."""

import pytest

from collation.analysis.phrase_pairs import necessary_pairs


@pytest.mark.parametrize(
    ("tsquery", "pairs"),
    [
        ("'child' <-> 'protect' <-> 'plan'", ["child protect", "protect plan"]),
        ("'polic' <-> 'school'", ["polic school"]),
        # Two phrases and a word: every pair of both phrases.
        (
            "'domest' <-> 'abus' & 'mother' & 'strategi' <-> 'discuss'",
            ["domest abus", "strategi discuss"],
        ),
        # A stop word between ('child in need'): the distance is 2, so no pair for it.
        ("'child' <2> 'need' <-> 'assess'", ["need assess"]),
        ("'child' <2> 'need'", []),
        # Hyphenated words are phrases of the whole word and its parts.
        ("'self-harm' <-> 'self' <-> 'harm'", ["self harm", "self-harm self"]),
        # Or: only what both sides need.
        ("'domest' <-> 'abus' | 'neglect'", []),
        ("'a' <-> 'b' & 'c' | 'a' <-> 'b'", ["a b"]),
        ("( 'a' <-> 'b' | 'c' <-> 'd' ) & 'e' <-> 'f'", ["e f"]),
        # Negation needs nothing, whatever it holds.
        ("'neglect' & !( 'domest' <-> 'abus' )", []),
        ("!'a' <-> 'b'", []),
        # A weight or prefix, or anything but lexemes inside a phrase: nothing.
        ("'child':* <-> 'plan'", []),
        ("'child':A <-> 'plan'", []),
        ("( 'a' | 'b' ) <-> 'c'", []),
        # The right side a phrase of its own: its pair only.
        ("'a' <-> ( 'b' <-> 'c' )", ["b c"]),
        # Quotes and backslashes inside lexemes, as PostgreSQL writes them.
        ("'o''brien' <-> 'famili'", ["o'brien famili"]),
        ("'a\\\\b' <-> 'c'", ["a\\b c"]),
        ("'child' <-> 'child'", ["child child"]),
        # Single words, nothing at all (only stop words), unreadable text.
        ("'neglect'", []),
        ("", []),
        ("'unclosed", []),
        ("'a' <-> ", []),
        ("( 'a' <-> 'b'", []),
    ],
)
def test_necessary_pairs(tsquery, pairs):
    assert necessary_pairs(tsquery) == pairs
