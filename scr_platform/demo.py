"""Demo data, contributed by each app: ``seed_demo`` runs every provider in order.

An app registers its provider from ``AppConfig.ready()``; accounts (boards and
users) runs first, so later providers can rely on the demo users existing.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoProvider:
    name: str
    seed: Callable[[], list[str]]  # returns lines to report to the person running it
    order: int = 50


_providers: list[DemoProvider] = []


def register(provider: DemoProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)
        _providers.sort(key=lambda item: item.order)


def providers() -> list[DemoProvider]:
    return list(_providers)
