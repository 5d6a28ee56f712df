"""Quality Markers: reads: querysets and figures for pages and the API, permission-aware."""
