"""Panels other apps add to a practice issue's page (e.g. the Alliance's actions).

``collation`` never imports those apps: each registers a panel from its
``AppConfig.ready()``. A panel is a template and a function giving its
context; it must make a fixed number of queries, whatever the data. A panel
that belongs in a printed training pack on the issue (``in_training_pack``)
is shown there too, and must then read well on paper.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class IssuePanel:
    title: str
    template: str
    context: Callable  # (issue, request) -> dict
    order: int = 50
    in_training_pack: bool = False


_panels: list[IssuePanel] = []


def register(panel: IssuePanel) -> None:
    if panel not in _panels:
        _panels.append(panel)
        _panels.sort(key=lambda item: item.order)


def panels() -> list[IssuePanel]:
    return list(_panels)


def training_panels() -> list[IssuePanel]:
    """The panels a training pack on an issue shows (good practice, the Alliance's actions)."""
    return [panel for panel in _panels if panel.in_training_pack]
