"""Report ingestion, the searchable repository, practice-issue coding and trends (capabilities 1
and 2).
"""
