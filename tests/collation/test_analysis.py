"""The analysis package: one preload for a worker's start."""

from collation.analysis import analysis_preload
from collation.analysis.personal_data import personal_data_find
from collation.analysis.readability import readability_measure


def test_analysis_preload_loads_everything_and_changes_no_result():
    figures = readability_measure(["The cat sat on the mat."])
    found = personal_data_find([(1, "The grandmother, Julie Yates, told the review.")])
    analysis_preload()
    assert readability_measure(["The cat sat on the mat."]) == figures
    assert personal_data_find([(1, "The grandmother, Julie Yates, told the review.")]) == found
