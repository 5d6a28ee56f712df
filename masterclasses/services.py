"""Reviewer development: writes: plain functions named <entity>_<action>, owning transactions and
enqueueing.
"""
