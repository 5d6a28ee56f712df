"""What the analysis finds in a document's text, written with its pages: recommendations,
personal data flags (keeping a manager's earlier decisions) and readability."""

from ..analysis.personal_data import personal_data_find
from ..analysis.readability import readability_measure
from ..analysis.recommendations import agency_category_for, recommendations_find
from ..analysis.running_lines import RunningLines
from ..choices import FlagSource, FlagStatus
from ..models import Agency, PersonalDataFlag, Recommendation, ReviewDocument
from ..pdf.extract import ExtractedPage


def carried_over_resolutions(document: ReviewDocument) -> dict[tuple, PersonalDataFlag]:
    """Flags a manager already resolved, so a re-run does not make them check again."""
    resolved = document.personal_data_flags.exclude(status=FlagStatus.OPEN).exclude(
        source=FlagSource.SELECTED
    )
    return {(flag.page, flag.kind, flag.text): flag for flag in resolved}


def findings_store(
    *,
    document: ReviewDocument,
    pages: list[ExtractedPage],
    bodies: list[ExtractedPage],
    running: RunningLines,
    resolutions: dict,
) -> None:
    """Recommendations, flags and readability from a document's pages (in the caller's
    transaction, after the old ones were deleted)."""
    found = recommendations_find(bodies)
    agencies = {agency.name: agency for agency in Agency.objects.all()}
    Recommendation.objects.bulk_create(
        Recommendation(
            document=document,
            position=position,
            number=item.number,
            text=item.text,
            page=item.page,
            agency_as_written=item.agency_as_written[:200],
            agency=agencies.get(agency_category_for(item.agency_as_written) or ""),
        )
        for position, item in enumerate(found.recommendations, start=1)
    )

    flags = []
    # Personal data is looked for in the bodies read across page breaks and in
    # each running line on its own, so it is given the whole pages.
    findings = personal_data_find(
        pages, board_name=document.review.board.name, running_lines=running
    )
    for finding in findings:
        flag = PersonalDataFlag(
            document=document,
            page=finding.page,
            kind=str(finding.kind),
            text=finding.text[:500],
            context=finding.context,
        )
        earlier = resolutions.get((flag.page, flag.kind, flag.text))
        if earlier is not None:
            flag.status, flag.reason = earlier.status, earlier.reason
            flag.resolved_by_id, flag.resolved_at = earlier.resolved_by_id, earlier.resolved_at
        flags.append(flag)
    PersonalDataFlag.objects.bulk_create(flags)

    figures = readability_measure(page.text for page in bodies)
    if figures is not None:
        document.flesch_reading_ease = figures.flesch_reading_ease
        document.words_per_sentence = figures.words_per_sentence
        document.syllables_per_word = figures.syllables_per_word
