"""Collation: serializers, each listing its fields."""
