"""Suggested codings: passages of a report likely to show a practice issue.

Interface (pure: no database, no downloads)::

    model = model_build(issues, examples)      # IssueText list, Example list
    data = model_dumps(model)                  # bytes to store; model.version names it
    model = model_loads(data)                  # fast, no pickle
    suggestions = suggest(pages, model)        # [(page, text)] -> [Suggestion], best first

A suggestion's ``score`` is 0..1; ``THRESHOLD`` (0.5) is where "likely" starts.
"""

from .model import (
    Example,
    IssueText,
    SuggestionModel,
    model_build,
    model_dumps,
    model_loads,
    model_version,
    taxonomy_from_grid,
)
from .passages import Passage, passages_split
from .scoring import PER_PASSAGE, THRESHOLD, Suggestion, calibrate, suggest, suggestions_assemble

__all__ = [
    "PER_PASSAGE",
    "THRESHOLD",
    "Example",
    "IssueText",
    "Passage",
    "Suggestion",
    "SuggestionModel",
    "calibrate",
    "model_build",
    "model_dumps",
    "model_loads",
    "model_version",
    "passages_split",
    "suggest",
    "suggestions_assemble",
    "taxonomy_from_grid",
]
