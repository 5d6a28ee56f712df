"""Reading PDF reports: checks before storing, and page-by-page text extraction.

Pure functions over a file path; nothing here touches the database.
"""
