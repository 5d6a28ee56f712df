"""Alliance: textChoices used by this app's models, forms and filters."""
