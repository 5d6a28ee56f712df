"""Panels other apps add to a practice issue's page (e.g. the Alliance's actions).

``collation`` never imports those apps: each registers a panel from its
``AppConfig.ready()``. A panel is a template and a function giving its
context; it must make a fixed number of queries, whatever the data. A panel
that belongs in a printed training pack on the issue gives a template for it
too (``pack_template``, same context): a short version, as a pack must print
on four A4 pages however much the app has recorded.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class IssuePanel:
    title: str
    template: str
    context: Callable  # (issue, request) -> dict
    order: int = 50
    pack_template: str = ""  # its version in a training pack; none: not in packs


_panels: list[IssuePanel] = []


def register(panel: IssuePanel) -> None:
    if panel not in _panels:
        _panels.append(panel)
        _panels.sort(key=lambda item: item.order)


def panels() -> list[IssuePanel]:
    return list(_panels)


def training_panels() -> list[IssuePanel]:
    """The panels a training pack on an issue shows (good practice, the Alliance's actions)."""
    return [panel for panel in _panels if panel.pack_template]
