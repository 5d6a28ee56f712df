"""Alliance: pages. Thin: reads through selectors, writes through services, rules in
``rules``."""
