"""Reviewer development: serializers, each listing its fields."""
