"""Pages for reviewer development, one module per area: thin views over services and selectors."""
