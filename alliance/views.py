"""Alliance: pages: thin views over services and selectors."""
