"""Collation: pages: thin views over services and selectors."""
