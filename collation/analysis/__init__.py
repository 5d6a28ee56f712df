"""Analysis of extracted report text: recommendations, personal data, readability.

Pure functions over page texts; nothing here touches the database.
"""
