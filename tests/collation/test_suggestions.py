"""Coding suggestions: passages, the model built from the taxonomy and decisions, scores."""

import json
from pathlib import Path

import pytest

from collation.analysis.suggestions import (
    PER_PASSAGE,
    THRESHOLD,
    Example,
    IssueText,
    model_build,
    model_dumps,
    model_loads,
    passages_split,
    suggest,
    taxonomy_from_grid,
)
from collation.analysis.suggestions.passages import EXCLUDED, FINDINGS, NARRATIVE
from collation.pdf.extract import extract_pages
from tests.collation.conftest import REPORTS, sample_truth

PARAPHRASES = Path(__file__).resolve().parents[1] / "fixtures/suggestions/paraphrases.json"

NOT_SHARED = (
    "Police attended the home three times after reports of violence between the parents,\n"
    "but none of these incidents was passed on to the health visitor, who went on visiting\n"
    "the baby without knowing about the abuse in the household.\n"
)


@pytest.fixture(scope="module")
def model():
    return model_build(taxonomy_from_grid())


def _codes(suggestions, page=None, top=3):
    on_page = [s for s in suggestions if page is None or s.page == page]
    return [s.issue_code for s in on_page[:top]]


def _score(suggestions, code):
    return max((s.score for s in suggestions if s.issue_code == code), default=0.0)


# --- passages ----------------------------------------------------------------


def test_passages_join_hard_line_breaks_and_occur_on_their_page():
    page = (
        "Findings\n"
        "The review found that the health visitor was not told about the police call-outs,\n"
        "and so the visits went on as if nothing had happened at home.\n"
        "A second paragraph starts here and says something quite different about the\n"
        "school, which kept a careful log of its worries.\n"
    )
    passages = passages_split([(4, page)])
    assert [p.text[:30] for p in passages] == [
        "The review found that the heal",
        "A second paragraph starts here",
    ] or len(passages) == 1
    squashed_page = " ".join(page.split()).casefold()
    for passage in passages:
        assert passage.page == 4
        assert "\n" not in passage.text
        assert " ".join(passage.text.split()).casefold() in squashed_page
        assert passage.section == FINDINGS
        assert passage.heading == "Findings"


def test_passages_drop_running_headers_page_numbers_and_contents_pages():
    bodies = [
        "The assessment relied on the mother's account and did not ask the school or the GP\n"
        f"what they knew about the children, which left the picture {word}.\n"
        for word in ("incomplete", "partial", "unclear", "thin")
    ]
    pages = [(n, f"Anyshire SCB | Child Q\n{body}Page {n}") for n, body in enumerate(bodies, 1)]
    contents = "Contents\n1 Introduction . . . . . 3\n2 Findings . . . . . 5\n3 Close . . . . . 9"
    pages.append((5, contents))
    passages = passages_split(pages)
    assert [p.page for p in passages] == [1, 2, 3, 4]
    assert all("Anyshire SCB" not in p.text and "Page" not in p.text for p in passages)
    assert [p.text for p in passages][1].endswith("the picture partial.")


def test_a_passage_never_crosses_a_page_and_long_paragraphs_are_cut_at_sentences():
    sentence = "The plan was reviewed but the actions were not followed up by anyone. "
    pages = [(1, sentence * 40), (2, "continued on the next page without a capital.")]
    passages = passages_split(pages)
    assert {p.page for p in passages} == {1, 2}
    assert all(len(p.text.split()) <= 200 for p in passages)
    assert all(p.text.endswith(".") for p in passages if p.page == 1)


def test_sections_are_judged_from_the_headings_above():
    pages = [
        (1, "Family background\nThe family lived in rented homes and moved three times.\n"),
        (2, "Glossary of terms\nCSC means children's social care in this report here.\n"),
    ]
    sections = {p.page: p.section for p in passages_split(pages)}
    assert sections == {1: NARRATIVE, 2: EXCLUDED}


def test_no_text_gives_no_passages_and_no_suggestions(model):
    assert passages_split([]) == []
    assert passages_split([(1, ""), (2, "   \n  ")]) == []
    assert suggest([(1, ""), (2, "\n")], model) == []


# --- suggestions -------------------------------------------------------------


def test_information_not_shared_between_agencies_gets_its_issue_in_the_top_three(model):
    suggestions = suggest([(3, NOT_SHARED)], model)
    assert "A3" in _codes(suggestions, page=3)


def test_suggestions_are_ranked_scored_and_carry_the_issues_causes(model):
    suggestions = suggest([(1, NOT_SHARED)], model)
    assert 0 < len(suggestions) <= PER_PASSAGE
    scores = [s.score for s in suggestions]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    causes = {i.code: {key for key, _ in i.causes} for i in taxonomy_from_grid()}
    for suggestion in suggestions:
        assert set(suggestion.cause_keys) <= causes[suggestion.issue_code]
        assert suggestion.excerpt in " ".join(NOT_SHARED.split())
    shared = next(s for s in suggestions if s.issue_code == "A3")
    assert "problems with information sharing systems" in shared.cause_keys


def test_a_page_proposes_an_issue_once(model):
    page = NOT_SHARED + "\n" + NOT_SHARED.replace("three", "four")
    suggestions = suggest([(2, page)], model)
    keys = [(s.page, s.issue_code) for s in suggestions]
    assert len(keys) == len(set(keys))


def test_glossary_and_contents_propose_nothing(model):
    page = "Glossary\n" + NOT_SHARED
    assert suggest([(9, page)], model) == []


def test_a_passage_about_nothing_in_the_taxonomy_scores_below_the_threshold(model):
    text = (
        "Child B was a lively and affectionate boy who loved football and was popular with\n"
        "his classmates. He spent most weekends with his grandparents by the sea.\n"
    )
    assert all(s.score < THRESHOLD for s in suggest([(1, text)], model))


def test_a_findings_page_of_a_sample_report_suggests_its_findings(model):
    truth = sample_truth("scr_s1_001")
    pages = [(p.number, p.text) for p in extract_pages(REPORTS / "scr_s1_001.pdf")]
    suggestions = suggest(pages, model)
    finding = next(f for f in truth["findings"] if f["code"] == "G1")
    assert "G1" in _codes(suggestions, page=finding["page"])
    likely = {s.issue_code for s in suggestions if s.score >= THRESHOLD}
    assert likely & {f["code"] for f in truth["findings"]}


def test_held_out_paraphrases_mostly_get_their_issue_in_the_top_three(model):
    items = [i for i in json.loads(PARAPHRASES.read_text())["passages"] if i["codes"]]
    hits = sum(
        bool(set(item["codes"]) & set(_codes(suggest([(1, item["text"])], model))))
        for item in items
    )
    assert hits >= 0.8 * len(items)


# --- learning from decisions ---------------------------------------------------

PASSAGE = (
    "The nursery manager kept a careful record of the bruises but the records were never\n"
    "looked at together, and the pattern only became clear after the child was admitted.\n"
)


def test_an_accepted_example_raises_its_issue_for_similar_passages():
    issues = taxonomy_from_grid()
    before = suggest([(1, PASSAGE)], model_build(issues))
    example = Example(
        "The nursery recorded bruises on many days but nobody looked at the records together.",
        "C6",
        accepted=True,
    )
    after = suggest([(1, PASSAGE)], model_build(issues, [example]))
    assert _score(after, "C6") > _score(before, "C6")
    assert "C6" in _codes(after)


def test_a_rejected_example_lowers_its_issue_for_similar_passages():
    issues = taxonomy_from_grid()
    before = suggest([(1, NOT_SHARED)], model_build(issues))
    example = Example(" ".join(NOT_SHARED.split()), "A3", accepted=False)
    after = suggest([(1, NOT_SHARED)], model_build(issues, [example]))
    assert _score(after, "A3") < _score(before, "A3")


def test_examples_of_unknown_issues_or_without_text_are_ignored():
    issues = taxonomy_from_grid()
    plain = model_build(issues)
    noisy = model_build(issues, [Example("Anything at all", "Z9", True), Example("  ", "A3", True)])
    assert noisy.accepted.shape[0] == 0
    assert noisy.version == plain.version


# --- version and storage ---------------------------------------------------------


def test_the_model_version_changes_with_its_inputs_and_only_with_them():
    issues = taxonomy_from_grid()
    example = Example("Nobody shared the police information.", "A3", accepted=True)
    version = model_build(issues).version
    assert model_build(taxonomy_from_grid()).version == version
    assert model_build(issues, [example]).version != version
    assert model_build(issues, [Example(example.text, "A3", accepted=False)]).version not in {
        version,
        model_build(issues, [example]).version,
    }
    renamed = [IssueText(i.code, i.title + " (revised)", i.causes) for i in issues]
    assert model_build(renamed).version != version
    assert model_build(issues[:-1]).version != version


def test_a_stored_model_loads_back_the_same(model):
    example = Example("The police did not tell the health visitor.", "A3", accepted=True)
    learned = model_build(taxonomy_from_grid(), [example])
    loaded = model_loads(model_dumps(learned))
    assert loaded.version == learned.version
    assert loaded.codes == learned.codes
    assert suggest([(1, NOT_SHARED)], loaded) == suggest([(1, NOT_SHARED)], learned)


@pytest.mark.parametrize("data", [b"", b"not a model", b"PK\x03\x04broken"])
def test_bytes_that_are_not_a_model_are_refused(data):
    with pytest.raises(ValueError, match="not a stored suggestion model"):
        model_loads(data)


def test_an_issue_without_causes_is_suggested_with_no_causes():
    issues = [
        IssueText("F11", "No Child in Need meetings held, despite being needed"),
        IssueText("F10", "GPs not attending child protection conferences", (("7", "timing"),)),
    ]
    text = "No Child in Need meetings were held, although they were needed, for a year.\n"
    suggestions = suggest([(1, text)], model_build(issues))
    assert suggestions[0].issue_code == "F11"
    assert suggestions[0].cause_keys == ()
