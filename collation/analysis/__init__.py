"""Analysis of extracted report text: recommendations, personal data, readability.

Pure functions over page texts; nothing here touches the database.
"""


def analysis_preload() -> None:
    """Load everything the analysis loads lazily (word lists, dictionaries), once per
    process: a worker calls it at start-up so its first document is not slowed."""
    from .personal_data import personal_data_preload
    from .readability import readability_preload

    personal_data_preload()
    readability_preload()
