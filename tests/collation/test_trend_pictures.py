"""The pictures of the trend figures: the grid shaded by share with its key, and an
issue's chart by year, which must say what its table says and escape what it shows."""

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.urls import reverse

from collation.charts import LEFT, RIGHT, SHARE_BANDS, WIDTH, share_band, share_chart_svg
from collation.models import PracticeIssue
from collation.services.trends import review_issues_rebuild
from tests.collation.test_trends import review_showing
from tests.factories import UserFactory

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("share", "band"),
    [
        (0.0, 1),
        (9.9, 1),
        (10.0, 2),
        (19.9, 2),
        (20.0, 3),
        (29.9, 3),
        (30.0, 4),
        (39.9, 4),
        (40.0, 5),
        (100.0, 5),
    ],
)
def test_a_share_on_a_boundary_starts_the_higher_band(share, band):
    assert share_band(share).number == band


def _svg(html: str) -> ET.Element:
    match = re.search(r"<svg\b.*?</svg>", html, re.S)
    assert match, "no chart on the page"
    return ET.fromstring(match.group(0))  # raises unless well-formed XML


def _bars(svg: ET.Element) -> list[tuple[str, float, float]]:
    """Each bar's title, x and height."""
    return [
        (
            bar.find(f"{SVG}title").text,
            float(bar.find(f"{SVG}rect").get("x")),
            float(bar.find(f"{SVG}rect").get("height")),
        )
        for bar in svg.iter(f"{SVG}g")
        if bar.get("class") == "app-chart__bar"
    ]


def test_the_chart_keeps_a_year_without_reviews_in_its_place_with_no_bar():
    rows = [(2014, 1, 4, 25.0), (2016, 3, 6, 50.0)]
    svg = _svg(share_chart_svg(by_year=rows, chart_id="c", title="T", table_id="t"))
    bars = _bars(svg)
    assert [title for title, _, _ in bars] == [
        "2014: 1 of 4 reviews, 25.0%",
        "2016: 3 of 6 reviews, 50.0%",
    ]
    (_, first_x, first_height), (_, last_x, last_height) = bars
    assert last_height == pytest.approx(2 * first_height)  # heights follow the shares
    # 2015 keeps its slot (a third of the plot's width) but has no bar.
    assert last_x - first_x == pytest.approx(2 * (WIDTH - LEFT - RIGHT) / 3, abs=0.1)
    labels = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "app-chart__tick"]
    assert [label for label in labels if label.isdigit()] == ["2014", "2015", "2016"]


def test_no_figures_no_chart():
    assert share_chart_svg(by_year=[], chart_id="c", title="T", table_id="t") == ""


@pytest.fixture
def shares(board):
    """Ten reviews published in 2016: C1 in 1 (10%), C2 in 2 (20%), C3 in 3 (30%),
    C4 in 4 (40%), G2 in the other 6 (60%), C5 in none; one in 2014 showing C1; and a
    draft in 2019 showing C1."""
    coder = UserFactory(username="coder", roles=["analyst"])
    for index in range(10):
        codes = [f"C{k}" for k in range(1, 5) if index < k] or ["G2"]
        review_showing(codes, published_on=date(2016, 3, 1), board=board, coder=coder)
    review_showing(["C1"], published_on=date(2014, 5, 1), board=board, coder=coder)
    review_showing(["C1"], published_on=date(2019, 5, 1), board=board, coder=coder, publish=False)
    review_issues_rebuild()


@pytest.mark.django_db
class TestPages:
    def test_each_cell_is_shaded_by_its_share_with_a_key_above(self, client, shares):
        content = client.get(reverse("collation:trend-grid"), {"period": "2016"}).content.decode()
        cells = {
            code: int(band)
            for band, code in re.findall(
                r'app-trend-grid__issue app-share-band app-share-band--(\d)">\s*'
                r"<a [^>]*><strong>(\w+)</strong>",
                content,
            )
        }
        assert len(cells) == 44
        assert [cells[code] for code in ("C5", "C1", "C2", "C3", "C4", "G2")] == [1, 2, 3, 4, 5, 5]
        key = content.index('id="share-key"')
        assert key < content.index('class="app-trend-grid"')
        for band in SHARE_BANDS:
            assert band.label in content[key:]
        # Not by colour alone: each cell's marker fills as many squares as its band.
        c3 = content[content.index("<strong>C3</strong>") :]
        marker = c3[: c3.index("</span></span>")]
        assert marker.count("app-share-band__square--filled") == 4
        assert "4 reviews · 40.0%" in content  # the figure stays printed (C4)

    def test_the_issue_chart_matches_its_table_from_published_reviews_only(self, client, shares):
        issue = PracticeIssue.objects.get(code="C1")
        issue.title = 'Risk <script>alert("x")</script> & “harm”'
        issue.save()
        content = client.get(reverse("collation:trend-issue", args=["C1"])).content.decode()
        svg = _svg(content)
        assert svg.get("aria-labelledby") == "share-chart-title share-chart-desc"
        assert svg.get("aria-describedby") == "share-by-year"
        assert 'id="share-by-year"' in content
        title = svg.find(f"{SVG}title").text
        assert title == f"Share of published reviews showing C1: {issue.title}, by year"
        assert "<script>alert" not in content
        rows = re.findall(
            r'<th scope="row" class="govuk-table__header">(\d{4})</th>'
            r"<td[^>]*>(\d+)</td><td[^>]*>(\d+)</td><td[^>]*>([\d.]+)%</td>",
            content,
        )
        assert rows == [("2014", "1", "1", "100.0"), ("2016", "1", "10", "10.0")]
        assert [bar[0] for bar in _bars(svg)] == [
            f"{year}: {showing} of {total} reviews, {share}%"
            for year, showing, total, share in rows
        ]
        assert "2019" not in ET.tostring(svg, encoding="unicode")  # the draft's year

    def test_an_issue_no_published_review_shows_has_a_chart_of_zeros(self, client, shares):
        content = client.get(reverse("collation:trend-issue", args=["C5"])).content.decode()
        bars = _bars(_svg(content))
        assert [height for _, _, height in bars] == [0.0, 0.0]
