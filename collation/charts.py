"""Pictures of the trend figures: the grid's share bands and an issue's chart by year.

Both are drawn on the server from figures the page already has, so they need no
JavaScript and print as they show. Neither is the only way to read a figure: the
grid prints each share in its cell, and the issue chart points to the year table
beside it (``aria-describedby``).
"""

import math
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class ShareBand:
    number: int  # 1 (lightest) to 5 (darkest)
    lowest: float  # share from which the band starts, 0–100
    label: str


# Fixed bands, not quantiles, so a cell's shade means the same share on every
# period and filter, and the key can say exactly what it means.
SHARE_BANDS = (
    ShareBand(1, 0.0, "Under 10%"),
    ShareBand(2, 10.0, "10% to under 20%"),
    ShareBand(3, 20.0, "20% to under 30%"),
    ShareBand(4, 30.0, "30% to under 40%"),
    ShareBand(5, 40.0, "40% or more"),
)


def share_band(share: float) -> ShareBand:
    """The band a share (0–100) falls in; a share on a boundary starts the higher band."""
    return [band for band in SHARE_BANDS if share >= band.lowest][-1]


def sparkline_points(values: list[float], *, width: int = 80, height: int = 20) -> str:
    """SVG polyline points for shares (0–100), scaled to the largest."""
    if len(values) < 2:
        return ""
    top = max(max(values), 1.0)
    step = width / (len(values) - 1)
    return " ".join(
        f"{index * step:.1f},{height - (value / top) * height:.1f}"
        for index, value in enumerate(values)
    )


# The issue chart's drawing area, in SVG units. The SVG scales to its column
# (at most 480 px wide, so 1 unit is at most 1 px): text of 16 units stays
# readable at 375 px, where it is drawn at about 12 px.
WIDTH, HEIGHT = 480, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 8, 28, 64
MOST_YEAR_LABELS = 8  # more would overlap: label every second (third…) year


def _scale_top(largest: float) -> int:
    """The y axis's top: the largest share rounded up to ten points (10 to 100)."""
    return min(100, max(10, math.ceil(largest / 10) * 10))


def _tick_step(top: int) -> int:
    return 5 if top <= 20 else 10 if top <= 50 else 20


def share_chart_svg(
    *, by_year: list[tuple[int, int, int, float]], chart_id: str, title: str, table_id: str
) -> SafeString:
    """A bar chart of the share per year, as inline SVG markup.

    ``by_year`` is rows of (year, reviews showing it, reviews published, share),
    oldest first, as on the issue page's table (``table_id``). Years without a
    published review keep their place on the axis and have no bar. Every text is
    escaped; the result is well-formed XML.
    """
    if not by_year:
        return SafeString("")
    first, last = by_year[0][0], by_year[-1][0]
    slots = last - first + 1
    slot_width = (WIDTH - LEFT - RIGHT) / slots
    plot_height = HEIGHT - TOP - BOTTOM
    top = _scale_top(max(share for *_, share in by_year))
    label_every = math.ceil(slots / MOST_YEAR_LABELS)

    def y(share: float) -> str:
        return f"{TOP + plot_height * (1 - share / top):.1f}"

    def x(slot: float) -> str:
        return f"{LEFT + slot * slot_width:.1f}"

    grid_lines = format_html_join(
        "",
        '<line class="app-chart__gridline" x1="{}" x2="{}" y1="{}" y2="{}"/>'
        '<text class="app-chart__tick" x="{}" y="{}" text-anchor="end">{}%</text>',
        (
            (LEFT, WIDTH - RIGHT, y(tick), y(tick), LEFT - 6, y(tick - top / 40), tick)
            for tick in range(0, top + 1, _tick_step(top))
        ),
    )
    bars = format_html_join(
        "",
        '<g class="app-chart__bar"><title>{}: {} of {} reviews, {}%</title>'
        '<rect x="{}" y="{}" width="{}" height="{}"/>'
        '<text class="app-chart__value" x="{}" y="{}" text-anchor="middle">{}</text></g>',
        (
            (
                year,
                showing,
                total,
                share,
                x(year - first + 0.15),
                y(share),
                f"{slot_width * 0.7:.1f}",
                f"{plot_height * share / top:.1f}",
                x(year - first + 0.5),
                y(share + top / 50),
                f"{share:g}%" if slots <= MOST_YEAR_LABELS else "",
            )
            for year, showing, total, share in by_year
        ),
    )
    year_labels = format_html_join(
        "",
        '<text class="app-chart__tick" x="{}" y="{}" text-anchor="middle">{}</text>',
        (
            (x(slot + 0.5), TOP + plot_height + 22, first + slot)
            for slot in range(0, slots, label_every)
        ),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" id="{id}" '
        'viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="{id}-title {id}-desc" aria-describedby="{table}">'
        '<title id="{id}-title">{title}</title>'
        '<desc id="{id}-desc">{desc}</desc>'
        "{grid_lines}"
        '<line class="app-chart__axis" x1="{left}" x2="{right}" y1="{base}" y2="{base}"/>'
        "{bars}{year_labels}"
        '<text class="app-chart__axis-label" x="{middle}" y="{below}" text-anchor="middle">'
        "Year of publication</text>"
        '<text class="app-chart__axis-label" x="16" y="{centre}" text-anchor="middle" '
        'transform="rotate(-90 16 {centre})">Share of reviews (%)</text>'
        "</svg>",
        id=chart_id,
        width=WIDTH,
        height=HEIGHT,
        table=table_id,
        title=title,
        desc=(
            f"Bar chart of the share of published reviews showing the issue, "
            f"each year from {first} to {last}. The figures are in the table that follows."
        ),
        grid_lines=grid_lines,
        left=LEFT,
        right=WIDTH - RIGHT,
        base=TOP + plot_height,
        bars=bars,
        year_labels=year_labels,
        middle=f"{LEFT + (WIDTH - LEFT - RIGHT) / 2:.1f}",
        below=HEIGHT - 12,
        centre=f"{TOP + plot_height / 2:.1f}",
    )


# A horizontal bar chart (the overview's): one row per label, value written at the bar's end.
ROW_HEIGHT, LABEL_WIDTH, VALUE_WIDTH = 28, 130, 64


def bar_chart_svg(
    *, rows: list[tuple[str, float, str]], chart_id: str, title: str, desc: str, table_id: str
) -> SafeString:
    """Horizontal bars as inline SVG: ``rows`` are (label, value, the value as written).

    Bars are scaled to the largest value; the figures are the table ``table_id``
    names (``aria-describedby``). Every text is escaped; labels longer than the
    label column are cut with an ellipsis (the table has them whole).
    """
    if not rows:
        return SafeString("")
    height = TOP + ROW_HEIGHT * len(rows) + 8
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    top = max(max(value for _, value, _ in rows), 1)

    def short(label: str) -> str:
        return label if len(label) <= 14 else label[:13].rstrip() + "…"

    bars = format_html_join(
        "",
        '<g class="app-chart__bar"><title>{}: {}</title>'
        '<text class="app-chart__tick" x="{}" y="{}" text-anchor="end">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}"/>'
        '<text class="app-chart__value" x="{}" y="{}">{}</text></g>',
        (
            (
                label,
                written,
                LABEL_WIDTH - 8,
                TOP + index * ROW_HEIGHT + 19,
                short(label),
                LABEL_WIDTH,
                TOP + index * ROW_HEIGHT + 4,
                f"{span * value / top:.1f}",
                ROW_HEIGHT - 8,
                f"{LABEL_WIDTH + span * value / top + 6:.1f}",
                TOP + index * ROW_HEIGHT + 19,
                written,
            )
            for index, (label, value, written) in enumerate(rows)
        ),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" id="{id}" '
        'viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="{id}-title {id}-desc" aria-describedby="{table}">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<line class="app-chart__axis" x1="{left}" x2="{left}" y1="{top}" y2="{bottom}"/>'
        "{bars}</svg>",
        id=chart_id,
        width=WIDTH,
        height=height,
        table=table_id,
        title=title,
        desc=desc,
        left=LABEL_WIDTH,
        top=TOP - 4,
        bottom=height - 8,
        bars=bars,
    )
