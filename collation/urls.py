"""Collation: page addresses."""

app_name = "collation"

urlpatterns: list = []
