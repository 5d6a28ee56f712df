"""Quality Markers: pages: thin views over services and selectors."""
