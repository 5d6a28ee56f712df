"""Reviewer development: page addresses."""

app_name = "masterclasses"

urlpatterns: list = []
