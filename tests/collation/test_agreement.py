"""Agreement between analysts: Cohen's kappa by hand, the selector on real rows, the page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from collation.analysis.agreement import (
    AgreementTable,
    Disagreement,
    agreement_table,
    cohens_kappa,
)
from collation.models import Coding, PracticeIssue
from collation.selectors.agreement import coder_agreement, coder_pairs
from tests.factories import DocumentFactory, ReviewFactory, UserFactory

URL_NAME = "collation:agreement"


# --- Cohen's kappa, worked by hand ----------------------------------------------


def test_kappa_of_a_hand_worked_table():
    # both=20, only A=5, only B=10, neither=15; n = 50.
    # po = (20 + 15) / 50 = 0.7
    # A says yes (20 + 5) / 50 = 0.5; B says yes (20 + 10) / 50 = 0.6
    # pe = 0.5 × 0.6 + 0.5 × 0.4 = 0.3 + 0.2 = 0.5
    # kappa = (0.7 − 0.5) / (1 − 0.5) = 0.2 / 0.5 = 0.4
    assert cohens_kappa(20, 5, 10, 15) == pytest.approx(0.4)
    table = AgreementTable(both=20, only_a=5, only_b=10, neither=15)
    assert (table.total, table.agreements, table.disagreements) == (50, 35, 15)
    assert table.observed == pytest.approx(0.7)
    assert table.observed_percent == pytest.approx(70.0)
    assert table.expected == pytest.approx(0.5)
    assert table.kappa == pytest.approx(0.4)


def test_perfect_agreement_is_one():
    # po = 1; pe = 0.4 × 0.4 + 0.6 × 0.6 = 0.52; kappa = 0.48 / 0.48 = 1.
    assert cohens_kappa(4, 0, 0, 6) == 1.0


def test_chance_level_agreement_is_zero_and_systematic_disagreement_negative():
    # Each says yes half the time, independently: po = 0.5 = pe, so kappa = 0.
    assert cohens_kappa(25, 25, 25, 25) == 0.0
    # A never says yes, B does 3 times in 10: po = 0.7; pe = 0 × 0.3 + 1 × 0.7 = 0.7.
    assert cohens_kappa(0, 0, 3, 7) == 0.0
    # They always disagree: po = 0; pe = 0.5 × 0.5 + 0.5 × 0.5 = 0.5; kappa = −0.5 / 0.5.
    assert cohens_kappa(0, 10, 10, 0) == -1.0


@pytest.mark.parametrize("counts", [(0, 0, 0, 12), (7, 0, 0, 0), (0, 0, 0, 0)])
def test_kappa_is_undefined_without_variation(counts):
    # Both always say no, or both always yes: pe = 1 and (po − pe) / (1 − pe) is 0 / 0.
    assert cohens_kappa(*counts) is None
    assert AgreementTable(*counts).kappa is None


def test_no_pairs_has_no_observed_agreement_and_negative_counts_are_refused():
    assert (AgreementTable().observed, AgreementTable().expected) == (None, None)
    with pytest.raises(ValueError):
        cohens_kappa(1, -1, 0, 0)


def test_agreement_table_compares_only_shared_reviews_and_pools_every_pair():
    presence_a = {1: {"C1", "G2"}, 2: {"C1"}, 3: {"G2", "RETIRED"}, 4: {"C1"}}
    presence_b = {1: {"C1"}, 2: {"C1", "A1"}, 3: {"G2"}, 5: {"A1"}}
    result = agreement_table(presence_a, presence_b, ["A1", "C1", "G2", "D4"])

    assert result.review_ids == [1, 2, 3]  # 4 only A coded, 5 only B: left out
    tables = {row.code: row.table for row in result.issues}
    assert [row.code for row in result.issues] == ["A1", "C1", "G2", "D4"]
    assert tables["A1"] == AgreementTable(both=0, only_a=0, only_b=1, neither=2)
    assert tables["C1"] == AgreementTable(both=2, only_a=0, only_b=0, neither=1)
    assert tables["G2"] == AgreementTable(both=1, only_a=1, only_b=0, neither=1)
    assert tables["D4"] == AgreementTable(both=0, only_a=0, only_b=0, neither=3)
    # G2: n = 3, A yes 2, B yes 1: po = 2/3; pe = (2·1 + 1·2) / 9 = 4/9;
    # kappa = (2/3 − 4/9) / (5/9) = (6 − 4) / 5 = 0.4.
    assert result.issues[2].kappa == pytest.approx(0.4)
    assert result.issues[3].kappa is None
    # Pooled: 4 issues × 3 reviews = 12 pairs, "RETIRED" ignored.
    assert result.overall == AgreementTable(both=3, only_a=1, only_b=1, neither=7)
    assert result.disagreements == [
        Disagreement(1, "G2", True, False),
        Disagreement(2, "A1", False, True),
    ]


# --- The selector, on real rows -------------------------------------------------


def document(review, *, superseded_by=None):
    return DocumentFactory(review=review, superseded_by=superseded_by)


def code(document, coder, *codes):
    for issue_code in codes:
        Coding.objects.create(
            document=document,
            page=1,
            excerpt="x",
            coder=coder,
            issue=PracticeIssue.objects.get(code=issue_code),
        )


@pytest.fixture
def coders(db):
    return (
        UserFactory(first_name="Ann", last_name="Alder", roles=["analyst"]),
        UserFactory(first_name="Ben", last_name="Birch", roles=["analyst"]),
        UserFactory(first_name="Cat", last_name="Cedar", roles=["analyst"]),
    )


@pytest.fixture
def coded(board, coders):
    """Reviews 1–3 coded by both Ann and Ben; 4 by Ann (and Cat); 5 by Ben on a replaced copy only.

    On the three reviews both coded:
      review 1: Ann C1, G2;  Ben C1 (and D4 on the replaced copy, ignored)
      review 2: Ann C1;      Ben C1, A1
      review 3: Ann G2;      Ben G2
    """
    ann, ben, cat = coders
    reviews = [ReviewFactory(board=board, title=f"Review {n}", publish=n == 1) for n in range(1, 6)]
    first = document(reviews[0])
    old_first = document(reviews[0], superseded_by=first)
    code(first, ann, "C1", "G2")
    code(first, ben, "C1")
    code(old_first, ben, "D4")
    code(first, cat, "C1")
    second = document(reviews[1])
    code(second, ann, "C1")
    code(second, ben, "C1", "A1")
    third = document(reviews[2])
    code(third, ann, "G2")
    code(third, ben, "G2")
    fourth = document(reviews[3])
    code(fourth, ann, "D4")
    code(fourth, cat, "D4")
    fifth = document(reviews[4])
    old_fifth = document(reviews[4], superseded_by=fifth)
    code(fifth, ann, "C1")
    code(old_fifth, ben, "C1")
    return reviews


def test_pairs_count_the_reviews_both_coded_on_current_documents(
    coders, coded, django_assert_num_queries
):
    ann, ben, cat = coders
    with django_assert_num_queries(2):
        pairs = coder_pairs()
    # Ann–Ben: reviews 1–3 (not 5: Ben coded only its replaced copy).
    assert [(p.coder_a, p.coder_b, p.reviews) for p in pairs] == [
        (ann, ben, 3),
        (ann, cat, 2),
        (ben, cat, 1),
    ]


def test_agreement_of_two_coders_by_hand(coders, coded, django_assert_num_queries):
    ann, ben, _ = coders
    issue_count = PracticeIssue.objects.filter(retired_at__isnull=True).count()
    assert issue_count == 44  # the A3 grid

    with django_assert_num_queries(3):
        result = coder_agreement(coder_a=ann, coder_b=ben)

    # Review 4 (Ann only) and 5 (Ben's coding is on a replaced copy) are left out.
    assert (result.reviews, result.reviews_only_a, result.reviews_only_b) == (3, 2, 0)
    rows = {row.issue.code: row for row in result.issues}
    assert len(rows) == 44
    # C1: both, both, neither -> po = 1, pe = 5/9: kappa 1.
    assert rows["C1"].table == AgreementTable(both=2, neither=1)
    assert rows["C1"].kappa == pytest.approx(1.0)
    # G2: only Ann, neither, both -> 0.4 (worked in the pure test above).
    assert rows["G2"].table == AgreementTable(both=1, only_a=1, neither=1)
    assert rows["G2"].kappa == pytest.approx(0.4)
    # A1: neither, only Ben, neither -> po = 2/3 = pe: kappa 0.
    assert rows["A1"].table == AgreementTable(only_b=1, neither=2)
    assert rows["A1"].kappa == pytest.approx(0.0)
    # D4 only on the replaced copy of review 1, and on review 4 (Ann alone): unused here.
    assert rows["D4"].table == AgreementTable(neither=3)
    assert rows["D4"].kappa is None

    # Pooled: 44 issues × 3 reviews = 132 pairs; both 3, only Ann 1, only Ben 1, neither 127.
    # A yes 4, B yes 4: pe·n² = 4·4 + 128·128 = 16,400; po·n² = 130·132 = 17,160;
    # kappa = (17,160 − 16,400) / (132² − 16,400) = 760 / 1,024 = 0.7421875.
    assert result.overall == AgreementTable(both=3, only_a=1, only_b=1, neither=127)
    assert result.overall_kappa == pytest.approx(0.7421875)
    assert result.overall.observed == pytest.approx(130 / 132)

    assert [(d.review, d.issue.code, d.a_has, d.b_has) for d in result.disagreements] == [
        (coded[0], "G2", True, False),
        (coded[1], "A1", False, True),
    ]


def test_the_query_count_does_not_grow_with_the_data(
    board, coders, coded, django_assert_num_queries
):
    ann, ben, _ = coders
    for n in range(5):
        review = ReviewFactory(board=board, title=f"More {n}")
        current = document(review)
        code(current, ann, "B1", "E2")
        code(current, ben, "B2")
    with django_assert_num_queries(3):
        result = coder_agreement(coder_a=ann, coder_b=ben)
    assert result.reviews == 8
    assert len(result.disagreements) == 2 + 5 * 3


def test_a_review_counts_though_a_coder_used_only_a_retired_issue(board, coders):
    ann, ben, _ = coders
    PracticeIssue.objects.filter(code="G8").update(retired_at=timezone.now())
    current = document(ReviewFactory(board=board))
    code(current, ann, "G8")
    code(current, ben, "C1")
    result = coder_agreement(coder_a=ann, coder_b=ben)
    assert result.reviews == 1
    assert "G8" not in {row.issue.code for row in result.issues}
    assert [(d.issue.code, d.a_has) for d in result.disagreements] == [("C1", False)]


def test_coders_with_no_review_in_common(coders, coded):
    _, ben, cat = coders
    stranger = UserFactory(roles=["analyst"])
    result = coder_agreement(coder_a=stranger, coder_b=ben)
    assert (result.reviews, result.overall_kappa, result.disagreements) == (0, None, [])
    with pytest.raises(ValueError):
        coder_agreement(coder_a=cat, coder_b=cat)


# --- The page --------------------------------------------------------------------


@pytest.mark.parametrize("who", ["analyst", "administrator"])
def test_analysts_and_administrators_see_the_pairs(who, request, client, coders, coded):
    ann, ben, _ = coders
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse(URL_NAME))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Ann Alder and Ben Birch" in content
    assert f"?a={ann.pk}&amp;b={ben.pk}" in content


def test_the_pair_page_shows_kappa_issues_and_disagreements(client, analyst, coders, coded):
    ann, ben, _ = coders
    client.force_login(analyst)
    response = client.get(reverse(URL_NAME), {"a": ann.pk, "b": ben.pk})
    content = response.content.decode()
    assert response.status_code == 200
    assert '<dd class="govuk-summary-list__value" id="overall-kappa">0.74</dd>' in content
    assert "0.98" in content  # po = 130 / 132
    assert "not enough variation" in content
    assert content.count('<tr class="govuk-table__row">') == 1 + 44 + 1 + 2
    for review in coded[:2]:
        assert f'href="{review.get_absolute_url()}"' in content
    assert f'href="{reverse("collation:trend-issue", args=["G2"])}"' in content
    assert "· draft" in content  # review 2 is a draft: this page is internal


def test_a_pair_with_nothing_in_common_says_so(client, analyst, coders):
    ann, ben, _ = coders
    client.force_login(analyst)
    response = client.get(reverse(URL_NAME), {"a": ann.pk, "b": ben.pk})
    assert response.status_code == 200
    assert "have not both coded any review" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"a": "x", "b": "1"}, "is not a user id"),
        ({"a": "-1", "b": "1"}, "is not a user id"),
        ({"a": "99999999999999999999999", "b": "1"}, "is not a user id"),
        ({"a": "\u0661", "b": "1"}, "is not a user id"),  # an Arabic-Indic digit
        ({"a": "1"}, "is missing"),
        ({"a": "", "b": ""}, "is missing"),
        ({"a": "same", "b": "same"}, "two different coders"),
        ({"a": "ann", "b": "0"}, "is not a user id"),
        ({"a": "ann", "b": "987654321"}, "There is no user with id 987654321"),
    ],
)
def test_bad_ids_get_a_clear_400(client, analyst, coders, params, message):
    ann, *_ = coders
    params = {k: str(ann.pk) if v in ("ann", "same") else v for k, v in params.items()}
    client.force_login(analyst)
    response = client.get(reverse(URL_NAME), params)
    assert response.status_code == 400
    content = response.content.decode()
    assert "There is a problem" in content and message in content
    assert 'id="pairs"' in content


@pytest.mark.parametrize("who", ["manager", "reviewer", "alliance_member"])
def test_other_roles_are_refused(who, request, client, coders):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse(URL_NAME)).status_code == 403
    assert client.get(reverse(URL_NAME), {"a": "1", "b": "2"}).status_code == 403


def test_the_public_is_asked_to_sign_in(client, db):
    response = client.get(reverse(URL_NAME), {"a": "1", "b": "2"})
    assert response.status_code == 302 and "/accounts/login/" in response.url
