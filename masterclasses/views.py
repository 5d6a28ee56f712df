"""Reviewer development: pages: thin views over services and selectors."""
