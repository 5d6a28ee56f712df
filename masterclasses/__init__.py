"""Reviewer directory, masterclasses, allocation and CPD (capability 5)."""
