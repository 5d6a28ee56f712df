"""The coded corpus out (``services/corpus/``, ``views/corpus.py``): codings CSV and .qdpx.

Codings are made and verified through the services, as analysts do; only
verified codings on public documents may leave, and only public text.
"""

import csv
import io
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from collation import visibility
from collation.models import Coding, DocumentPage, PracticeIssue
from collation.services.codebook.export import codebook_qdc, guid
from collation.services.coding import coding_create
from collation.services.corpus.codings import CODING_COLUMNS
from collation.services.corpus.qdpx import PROJECT_FILE, USER_GUID, USER_NAME, corpus_qdpx
from collation.services.corpus.text import source_text
from collation.services.verification import coding_resolve, coding_verify
from scr_platform.accounts.choices import Role
from tests.collation.refi_tools import schema_errors
from tests.factories import DocumentFactory, ReviewFactory, UserFactory

pytestmark = pytest.mark.django_db

P = "{urn:QDA-XML:project:1.0}"
C = "{urn:QDA-XML:codebook:1.0}"

PAGE_1 = (
    "Summary of the review.\n"
    "The health visitor did not pass on\nthe referral about neglect to the school nurse.\n"
)
PAGE_2 = "Caf\u00e9 \U0001f600 notes.\r\nThe GP was not invited to the strategy discussion.\r\n"
DRAFT_TEXT = "A draft review says the social worker never saw the baby alone."
REPLACED_TEXT = "An earlier version said the school raised no concern at all."


@pytest.fixture
def coder(db):
    return UserFactory(
        username="ann-coder", first_name="Annabel", last_name="Quill", roles=[Role.ANALYST]
    )


@pytest.fixture
def verifier(db):
    return UserFactory(
        username="bob-verifier", first_name="Bartholomew", last_name="Vance", roles=[Role.ANALYST]
    )


def with_pages(review, *texts, **fields):
    document = DocumentFactory(review=review, page_count=len(texts), **fields)
    for number, text in enumerate(texts, start=1):
        DocumentPage.objects.create(document=document, number=number, text=text)
    return document


def code(coder, document, page, excerpt, issue="C1", causes=0, note=""):
    issue = PracticeIssue.objects.get(code=issue)
    return coding_create(
        user=coder,
        document=document,
        page=page,
        excerpt=excerpt,
        issue=issue,
        causes=list(issue.causes.all()[:causes]),
        note=note,
    )


def verified(coding, verifier):
    return coding_verify(user=verifier, coding=coding, agrees=True)


@pytest.fixture
def corpus(board, coder, verifier):
    """A published review with two verified codings (one with a cause, one resolved after a
    disagreement), and everything that must stay in: an unverified coding, a disagreement
    not yet resolved, a replaced document, a withheld one, a draft review."""
    review = ReviewFactory(board=board, publish=True, reference="NS-2016-01", title="Child P")
    document = with_pages(review, PAGE_1, PAGE_2)
    agreed = verified(
        code(
            coder,
            document,
            1,
            "did not pass on the referral about neglect",
            causes=1,
            note="Private note: check with the nurse",
        ),
        verifier,
    )
    disputed = coding_verify(
        user=verifier,
        coding=code(coder, document, 2, "The GP was not invited", issue="B1"),
        agrees=False,
        reason="Not B1",
    )
    resolved = coding_resolve(user=coder, coding=disputed, outcome="keep", reason="It is B1")
    unverified = code(coder, document, 1, "Summary of the review", issue="A1")
    open_dispute = coding_verify(
        user=verifier,
        coding=code(coder, document, 2, "strategy discussion", issue="A2"),
        agrees=False,
        reason="No",
    )
    replaced = with_pages(review, REPLACED_TEXT, kind="executive_summary")
    replaced_coding = verified(code(coder, replaced, 1, "raised no concern"), verifier)
    replaced.superseded_by = document
    replaced.save()
    withheld = with_pages(review, "Withheld text about the family home.", kind="action_plan")
    withheld_coding = verified(code(coder, withheld, 1, "the family home"), verifier)
    withheld.withheld_at = timezone.now()
    withheld.save()
    draft = with_pages(ReviewFactory(board=board, reference="NS-DRAFT"), DRAFT_TEXT)
    draft_coding = verified(code(coder, draft, 1, "never saw the baby alone"), verifier)
    return {
        "review": review,
        "document": document,
        "public": [agreed, resolved],
        "hidden": [unverified, open_dispute, replaced_coding, withheld_coding, draft_coding],
    }


def qdpx_bytes() -> bytes:
    return b"".join(corpus_qdpx())


def open_qdpx(data: bytes | None = None):
    archive = zipfile.ZipFile(io.BytesIO(data if data is not None else qdpx_bytes()))
    project = archive.read(PROJECT_FILE)
    return archive, project, ET.fromstring(project)


def selections(root) -> dict[str, ET.Element]:
    return {s.get("guid"): s for s in root.iter(f"{P}PlainTextSelection")}


def source_texts(archive, root) -> dict[str, str]:
    """Each TextSource's text, read as QualCoder reads it (UTF-8, universal newlines)."""
    texts = {}
    for source in root.iter(f"{P}TextSource"):
        path = source.get("plainTextPath")
        assert path.startswith("internal://")
        raw = archive.read("sources/" + path.removeprefix("internal://"))
        assert b"\r" not in raw and not raw.startswith(b"\xef\xbb\xbf")
        texts[source.get("guid")] = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8").read()
    return texts


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- the REFI-QDA project -------------------------------------------------------------------


def test_the_project_validates_against_the_refi_qda_project_schema(corpus):
    archive, project, root = open_qdpx()
    assert schema_errors(project, "Project.xsd") == []
    assert root.tag == f"{P}Project"
    assert archive.namelist()[-1] == PROJECT_FILE  # written last, once every source is in
    assert all(
        name.startswith("sources/") and name.endswith(".txt")
        for name in archive.namelist()
        if name != PROJECT_FILE
    )
    assert archive.testzip() is None


def test_the_schema_check_fails_a_broken_project(corpus):
    _, project, _ = open_qdpx()
    broken = project.replace(b"startPosition=", b"start=", 1)
    assert any("startPosition" in error for error in schema_errors(broken, "Project.xsd"))


def test_an_empty_platform_still_makes_a_valid_project(db):
    archive, project, root = open_qdpx()
    assert archive.namelist() == [PROJECT_FILE]
    assert schema_errors(project, "Project.xsd") == []
    assert root.find(f"{P}Sources") is None
    assert "0 documents" in root.findtext(f"{P}Description")


def test_positions_point_at_the_excerpts(corpus):
    archive, _, root = open_qdpx()
    texts = source_texts(archive, root)
    assert len(texts) == 1
    (text,) = texts.values()
    found = selections(root)
    assert len(found) == 2
    for coding in corpus["public"]:
        selection = next(
            s
            for s in found.values()
            if squashed(text[int(s.get("startPosition")) : int(s.get("endPosition"))])
            == squashed(coding.excerpt)
        )
        start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
        assert 0 <= start < end <= len(text)
        # The passage itself, not more: it starts and ends with the excerpt's characters.
        assert text[start] == coding.excerpt[0] and text[end - 1] == coding.excerpt[-1]
    # The second page follows the first, headed, and its astral character counts as one.
    assert text.startswith("[Page 1]\nSummary of the review.")
    assert "\n\n[Page 2]\nCafé 😀 notes.\nThe GP" in text


def test_positions_are_code_points_in_the_text_file(corpus):
    """QualCoder slices ``fulltext[pos0:pos1]``: the same slice gives the passage."""
    archive, _, root = open_qdpx()
    (text,) = source_texts(archive, root).values()
    spans = sorted(
        (int(s.get("startPosition")), int(s.get("endPosition"))) for s in selections(root).values()
    )
    assert [text[a:b] for a, b in spans] == [
        "did not pass on\nthe referral about neglect",
        "The GP was not invited",
    ]


def test_each_selection_is_coded_to_its_issue_and_causes_from_the_codebook(corpus):
    _, _, root = open_qdpx()
    codes = {code.get("guid"): code for code in root.find(f"{P}CodeBook").iter(f"{P}Code")}
    agreed = corpus["public"][0]
    by_names = {}
    for selection in selections(root).values():
        refs = [c.find(f"{P}CodeRef").get("targetGUID") for c in selection.findall(f"{P}Coding")]
        assert all(ref in codes for ref in refs)
        by_names[tuple(codes[ref].get("name") for ref in refs)] = selection
    cause = agreed.causes.get()
    assert set(by_names) == {("C1", cause.text), ("B1",)}


def test_the_project_codebook_is_the_qdc_with_the_same_guids(corpus):
    _, _, root = open_qdpx()

    def tree(element, ns):
        return [
            (
                c.get("guid"),
                c.get("name"),
                c.get("isCodable"),
                c.findtext(f"{ns}Description"),
                tree(c, ns),
            )
            for c in element.findall(f"{ns}Code")
        ]

    qdc = ET.fromstring(codebook_qdc()).find(f"{C}Codes")
    assert tree(root.find(f"{P}CodeBook/{P}Codes"), P) == tree(qdc, C)


def test_unverified_replaced_withheld_and_draft_codings_are_absent(corpus, coder, verifier):
    data = qdpx_bytes()
    archive, _, root = open_qdpx(data)
    everything = b"".join(archive.read(name) for name in archive.namelist()).decode()
    guids = set(selections(root))
    assert {guid("coding", str(c.pk)) for c in corpus["public"]} == guids
    for coding in corpus["hidden"]:
        assert guid("coding", str(coding.pk)) not in guids
    for text in (DRAFT_TEXT, REPLACED_TEXT, "Withheld text"):
        assert text not in everything
    # People are not named, and analysts' notes stay inside.
    for secret in (
        "ann-coder",
        "Annabel",
        "Quill",
        "bob-verifier",
        "Bartholomew",
        "Vance",
        "Private note",
    ):
        assert secret not in everything
    users = root.find(f"{P}Users").findall(f"{P}User")
    assert [(u.get("guid"), u.get("name")) for u in users] == [(USER_GUID, USER_NAME)]
    assert {e.get("creatingUser") for e in root.iter() if e.get("creatingUser")} == {USER_GUID}


def test_a_coding_whose_excerpt_is_gone_is_left_out_and_counted(corpus):
    page = corpus["document"].pages.get(number=2)
    page.text = "The page was read again and the passage is redacted."
    page.save()
    _, project, root = open_qdpx()
    assert len(selections(root)) == 1
    description = root.findtext(f"{P}Description")
    assert "1 documents" in description and "1 codings" in description
    assert "no longer found on its page: 1" in description
    assert schema_errors(project, "Project.xsd") == []


def test_the_same_data_makes_the_same_file(corpus):
    assert qdpx_bytes() == qdpx_bytes()


def test_the_project_reads_pages_in_a_fixed_number_of_queries(corpus, board, coder, verifier):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            qdpx_bytes()
        return len(context.captured_queries)

    before = queries()
    for n in range(3):
        review = ReviewFactory(board=board, publish=True)
        document = with_pages(review, f"Page one of report {n} mentions neglect.", "Page two.")
        verified(code(coder, document, 1, "mentions neglect", causes=2), verifier)
    assert queries() == before
    _, _, root = open_qdpx()
    assert len(root.findall(f"{P}Sources/{P}TextSource")) == 4
    assert len(selections(root)) == 5


def _nothing(*args, via: str = "", **kwargs) -> Q:
    return Q(**{f"{via}pk__isnull": True})


def test_with_the_public_rule_hiding_everything_nothing_leaves(corpus, monkeypatch):
    """As ``tests/proof/test_one_visibility_rule.py``, which cannot read inside a zip."""
    monkeypatch.setattr(visibility, "review_public_q", _nothing)
    monkeypatch.setattr(visibility, "document_public_q", _nothing)
    archive, _, root = open_qdpx()
    assert archive.namelist() == [PROJECT_FILE]
    assert not selections(root)


def test_anyone_downloads_the_project(client, corpus):
    response = client.get(reverse("collation:corpus-qdpx"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="scr-coded-corpus.qdpx"'
    assert b"".join(response.streaming_content) == qdpx_bytes()
    assert client.post(reverse("collation:corpus-qdpx")).status_code == 405


# --- the source text ----------------------------------------------------------------------


def test_a_source_is_its_pages_headed_and_separated():
    source = source_text([(1, "One\r\ntwo"), (2, ""), (3, "Three\rfour")])
    assert source.text == "[Page 1]\nOne\ntwo\n\n[Page 2]\n\n\n[Page 3]\nThree\nfour"
    for number, (start, _) in source.pages.items():
        assert source.text[start - len(f"[Page {number}]\n") : start] == f"[Page {number}]\n"
    assert source.text[slice(*source.pages[3])] == "Three\nfour"


def test_an_excerpt_is_found_on_its_own_page_only_white_space_and_case_aside():
    source = source_text([(1, "The  referral\nwas lost."), (2, "The referral was lost again.")])
    start, end = source.locate(1, "referral was lost")
    assert (start, source.text[start:end]) == (14, "referral\nwas lost")
    start, end = source.locate(2, "referral   was\tlost")
    assert source.text[start:end] == "referral was lost" and start > source.pages[2][0]
    start, end = source.locate(1, "THE REFERRAL")
    assert source.text[start:end] == "The  referral"
    assert source.locate(1, "again") is None  # on page 2, not page 1
    assert source.locate(3, "referral") is None  # no such page
    assert source.locate(1, "   ") is None


# --- the codings CSV ----------------------------------------------------------------------


def csv_rows(client) -> list[dict[str, str]]:
    response = client.get(reverse("collation:codings-csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="scr-codings.csv"'
    text = response.content.decode("utf-8")
    assert text.splitlines()[0] == ",".join(CODING_COLUMNS)
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_csv_has_one_row_per_public_coding(client, corpus):
    rows = csv_rows(client)
    agreed, resolved = corpus["public"]
    assert [row["issue_code"] for row in rows] == ["C1", "B1"]
    first, second = rows
    assert first == {
        "review_reference": "NS-2016-01",
        "review_title": "Child P",
        "document": "Overview report",
        "page": "1",
        "issue_code": "C1",
        "issue_title": agreed.issue.title,
        "causes": agreed.causes.get().text,
        "excerpt": agreed.excerpt,
        "coded_on": str(timezone.localdate(agreed.created_at)),
        "verified_on": str(timezone.localdate(agreed.verified_at)),
    }
    assert second["verified_on"] == str(timezone.localdate(resolved.resolved_at))
    assert second["page"] == "2" and second["causes"] == ""
    text = client.get(reverse("collation:codings-csv")).content.decode()
    for secret in (
        "ann-coder",
        "Annabel",
        "Quill",
        "Bartholomew",
        "Private note",
        DRAFT_TEXT[:20],
        "raised no concern",
        "the family home",
        "Summary of",
    ):
        assert secret not in text


def test_the_csv_lists_causes_in_their_order(client, board, coder, verifier):
    review = ReviewFactory(board=board, publish=True)
    document = with_pages(review, "The referral about neglect was lost.")
    coding = verified(code(coder, document, 1, "referral about neglect", causes=3), verifier)
    (row,) = csv_rows(client)
    assert row["causes"] == "; ".join(c.text for c in coding.causes.order_by("position", "pk"))
    assert len(row["causes"].split("; ")) == 3


def test_the_csv_is_cached_and_shows_a_newly_verified_coding(
    client, corpus, coder, verifier, django_capture_on_commit_callbacks, django_assert_num_queries
):
    assert len(csv_rows(client)) == 2
    with django_assert_num_queries(0):
        client.get(reverse("collation:codings-csv"))
    with django_capture_on_commit_callbacks(execute=True):
        verified(Coding.objects.get(pk=corpus["hidden"][0].pk), verifier)
    assert len(csv_rows(client)) == 3
