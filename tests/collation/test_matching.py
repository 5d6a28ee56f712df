"""Finding a passage in extracted text, white space aside (``analysis/matching.py``)."""

import random

import pytest

from collation.analysis.matching import contains, find, tolerant_pattern


def _by_pattern(haystack: str, text: str, start: int, end: int):
    pattern = tolerant_pattern(text)
    match = pattern.search(haystack, start, end) if pattern else None
    return (match.start(), match.end()) if match else None


def test_find_gives_the_patterns_match_on_random_text():
    """``find`` is ``tolerant_pattern``'s rule done faster: the same answer every time."""
    rng = random.Random(20161201)
    alphabet = "ab c\n\t\u00a0é\u2028-"
    for _ in range(5000):
        haystack = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
        start = rng.randint(0, len(haystack))
        end = rng.randint(start, len(haystack))
        assert find(haystack, text, start, end) == _by_pattern(haystack, text, start, end)


@pytest.mark.parametrize(
    ("haystack", "text", "span"),
    [
        ("The health visitor did not\npass on the referral", "did not pass", (19, 31)),
        ("dated 04-\n11-2008 in the notes", "04-11-2008", (6, 17)),
        ("no spaces left:thereferral", "the referral", (15, 26)),
        ("twice: abc, abc", "abc", (7, 10)),
        ("Case matters here", "case", None),
        ("short", "shorter", None),
        ("anything", " \n\t", None),
        ("", "x", None),
    ],
)
def test_find_ignores_white_space_only(haystack, text, span):
    assert find(haystack, text) == span
    assert (span is not None) == contains(haystack, text)


def test_find_looks_only_between_start_and_end_and_past_a_long_run_of_text():
    haystack = "x" * 500 + " needle " + "y" * 300 + " needle"
    first = find(haystack, "needle")
    assert haystack[slice(*first)] == "needle" and first[0] == 501
    second = find(haystack, "need le", first[1])
    assert second[0] > first[1] and haystack[slice(*second)] == "needle"
    assert find(haystack, "needle", 0, 505) is None
