"""A synthetic national history for the demo: invented reviews, 2012 to 2026, and their codings.

Pure: no database. Given the taxonomy, the agency list and the demo boards, it
returns the same reviews every time (one ``random.Random`` with a fixed seed),
so the grid, its trends and its filters show the same picture on every machine.

Nothing here describes a person: a synthetic review has a reference and a
title that say it is invented, no lead reviewer, no report and no excerpt
from one. The distributions are plausible rather than measured:

* reviews per year rise gently from about 22 to about 34;
* boards are weighted by their region's population;
* the child's age follows the pattern of the biennial analyses of serious case
  reviews (babies and teenagers most often), and death is likelier for babies;
* abuse categories depend on the age band (neglect and physical abuse for the
  youngest, sexual and emotional harm for teenagers);
* the review model moves from individual management reviews to systems methods;
* each practice issue has a base rate, and a few are given a trend: issues
  about sexual exploitation, adults' services and bruising in babies rise; those
  about the Common Assessment Framework, GP records and parallel recording fall.
"""

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

SEED = 20121  # any fixed number: the history is the same on every run
FIRST_YEAR, LAST_YEAR = 2012, 2026
# The last invented publication date: fixed, so the history never depends on today.
LAST_DATE = date(2026, 11, 30)
REFERENCE_PREFIX = "SYN"
TITLE = "Synthetic demo review {reference}"
# Marks each invented coding's excerpt; never text from a report.
EXCERPT = "Synthetic demo coding: invented for the demo, not taken from a report."

# Region populations (millions, mid-2020s, rounded): how often each region's board reviews.
REGION_WEIGHTS = {
    "North East": 2.7,
    "North West": 7.4,
    "Yorkshire and Humber": 5.5,
    "East Midlands": 4.9,
    "West Midlands": 6.0,
    "London": 8.9,
    "South East": 9.3,
    "South West": 5.7,
    "Eastern": 6.3,
}
AGE_BANDS = {"under_1": 0.30, "1_5": 0.22, "6_10": 0.10, "11_15": 0.26, "16_17": 0.12}
DEATH_BY_AGE = {"under_1": 0.70, "1_5": 0.60, "6_10": 0.45, "11_15": 0.40, "16_17": 0.50}
ABUSE_BY_AGE = {
    # neglect, physical, emotional, sexual
    "under_1": (0.60, 0.55, 0.25, 0.03),
    "1_5": (0.60, 0.45, 0.35, 0.08),
    "6_10": (0.50, 0.30, 0.40, 0.15),
    "11_15": (0.45, 0.20, 0.50, 0.35),
    "16_17": (0.40, 0.15, 0.50, 0.35),
}
ABUSE_CODES = ("neglect", "physical", "emotional", "sexual")
# Review model: (weight in 2012, weight in 2026), interpolated between.
REVIEW_MODELS = {
    "imr_overview": (0.60, 0.05),
    "scie_systems": (0.15, 0.30),
    "silp": (0.10, 0.25),
    "hybrid_systems": (0.10, 0.25),
    "appreciative_inquiry": (0.02, 0.10),
    "other": (0.03, 0.05),
}
# How likely each agency is to take part; the board itself always does.
AGENCY_RATES = {
    "LSCB / applicable to all agencies involved": 1.0,
    "Children's social care": 0.95,
    "Police": 0.85,
    "Community health (health visitors, school nurses)": 0.75,
    "Hospital trusts and ambulance trusts": 0.65,
    "Health overview": 0.60,
    "Education": 0.55,
    "Adult mental health, drug and alcohol team": 0.45,
    "Early years and nursery": 0.25,
    "LA or private housing": 0.30,
    "Probation": 0.25,
    "Youth offending": 0.15,
    "Connexions": 0.05,
    "Voluntary provider": 0.30,
    "Miscellaneous (e.g. Cafcass, employer)": 0.15,
    "Regional or national": 0.20,
}
# Issues given a trend: the factor their weight is multiplied by from 2012 to 2026.
# A trending issue is also among the commoner ones, so its trend shows above the noise.
RISING = {"C5": 5.0, "G3": 4.0, "C6": 4.0, "G8": 3.0, "A4": 3.0}
FALLING = {"B2": 1 / 5.0, "B3": 1 / 5.0, "G5": 1 / 4.0, "G1": 1 / 4.0, "F10": 1 / 3.0}
TRENDING_BASE = 1.8
ISSUES_PER_REVIEW = (2, 7)  # fewest, most
RESOLVED_SHARE = 0.08  # codings the verifier disputed and the coder kept, with a reason


@dataclass(frozen=True)
class TaxonomyIssue:
    code: str
    causes: tuple[str, ...]


@dataclass(frozen=True)
class SyntheticCoding:
    issue: str
    causes: tuple[str, ...]
    disputed_as: str | None = None  # the verifier's other reading, when resolved


@dataclass(frozen=True)
class SyntheticReview:
    reference: str
    title: str
    region: str
    publication_date: date
    incident: str
    child_age_band: str
    child_sex: str
    abuse_categories: tuple[str, ...]
    agencies: tuple[str, ...]
    review_model: str
    codings: tuple[SyntheticCoding, ...]


def history_generate(
    *, issues: Sequence[TaxonomyIssue], agencies: Sequence[str], size: int = 420
) -> list[SyntheticReview]:
    """``size`` invented reviews from 2012 to 2026, the same for the same arguments."""
    rng = random.Random(SEED)
    issues = sorted(issues, key=lambda issue: issue.code)
    base = {issue.code: rng.lognormvariate(0, 0.6) for issue in issues}
    for code in [*RISING, *FALLING]:
        base[code] = max(base.get(code, 0), TRENDING_BASE)
    reviews = []
    for year, count in _per_year(rng, size).items():
        dates = sorted(_day_in(rng, year) for _ in range(count))
        for number, day in enumerate(dates, start=1):
            reference = f"{REFERENCE_PREFIX}-{year}-{number:03d}"
            reviews.append(_review(rng, reference, day, issues, base, agencies))
    return reviews


def _per_year(rng: random.Random, size: int) -> dict[int, int]:
    years = list(range(FIRST_YEAR, LAST_YEAR + 1))
    weights = [20 + 10 * (year - FIRST_YEAR) / (LAST_YEAR - FIRST_YEAR) for year in years]
    weights = [weight * rng.uniform(0.85, 1.15) for weight in weights]
    counts = {year: int(size * w / sum(weights)) for year, w in zip(years, weights, strict=True)}
    for year in years[: size - sum(counts.values())]:  # the remainder, one each
        counts[year] += 1
    return counts


def _day_in(rng: random.Random, year: int) -> date:
    first = date(year, 1, 1).toordinal()
    last = min(date(year, 12, 31), LAST_DATE).toordinal()
    return date.fromordinal(rng.randint(first, last))


def _progress(day: date) -> float:
    """0 at the start of 2012, 1 at the end of 2026."""
    start, end = date(FIRST_YEAR, 1, 1).toordinal(), LAST_DATE.toordinal()
    return (day.toordinal() - start) / (end - start)


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _review(rng, reference, day, issues, base, agencies) -> SyntheticReview:
    age = _pick(rng, AGE_BANDS)
    incident = "death" if rng.random() < DEATH_BY_AGE[age] else "serious_harm"
    sex = _pick(rng, {"male": 0.52, "female": 0.46, "not_stated": 0.02})
    rates = ABUSE_BY_AGE[age]
    abuse = tuple(
        code for code, rate in zip(ABUSE_CODES, rates, strict=True) if rng.random() < rate
    )
    if not abuse:  # every review involves at least one category
        abuse = (rng.choices(ABUSE_CODES, weights=rates)[0],)
    t = _progress(day)
    model = _pick(rng, {name: a + (b - a) * t for name, (a, b) in REVIEW_MODELS.items()})
    involved = tuple(name for name in agencies if rng.random() < AGENCY_RATES.get(name, 0.2))
    return SyntheticReview(
        reference=reference,
        title=TITLE.format(reference=reference),
        region=_pick(rng, REGION_WEIGHTS),
        publication_date=day,
        incident=incident,
        child_age_band=age,
        child_sex=sex,
        abuse_categories=tuple(sorted(abuse)),
        agencies=involved,
        review_model=model,
        codings=_codings(rng, t, issues, base),
    )


def _trend(code: str, t: float) -> float:
    """An issue's weight multiplier at ``t`` (0–1): 1 in the middle for a trending issue."""
    factor = RISING.get(code) or FALLING.get(code) or 1.0
    return math.exp(math.log(factor) * (t - 0.5))


def _codings(rng, t, issues, base) -> tuple[SyntheticCoding, ...]:
    weights = {issue.code: base[issue.code] * _trend(issue.code, t) for issue in issues}
    chosen: list[TaxonomyIssue] = []
    wanted = min(rng.randint(*ISSUES_PER_REVIEW), len(issues))
    remaining = list(issues)
    while len(chosen) < wanted:
        issue = rng.choices(remaining, weights=[weights[i.code] for i in remaining])[0]
        remaining.remove(issue)
        chosen.append(issue)
    codings = []
    for issue in sorted(chosen, key=lambda issue: issue.code):
        causes = issue.causes and rng.sample(
            issue.causes, rng.randint(1, min(2, len(issue.causes)))
        )
        disputed = None
        if remaining and rng.random() < RESOLVED_SHARE:
            disputed = rng.choice(remaining).code
        codings.append(SyntheticCoding(issue.code, tuple(sorted(causes or ())), disputed))
    return tuple(codings)
