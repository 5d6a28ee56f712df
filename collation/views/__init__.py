"""Collation pages: the repository (reviews, documents, search) and trends."""
