"""Panels other apps add to a practice issue's page (e.g. the Alliance's actions).

``collation`` never imports those apps: each registers a panel from its
``AppConfig.ready()``. A panel is a template and a function giving its
context; it must make a fixed number of queries, whatever the data.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class IssuePanel:
    title: str
    template: str
    context: Callable  # (issue, request) -> dict
    order: int = 50


_panels: list[IssuePanel] = []


def register(panel: IssuePanel) -> None:
    if panel not in _panels:
        _panels.append(panel)
        _panels.sort(key=lambda item: item.order)


def panels() -> list[IssuePanel]:
    return list(_panels)
