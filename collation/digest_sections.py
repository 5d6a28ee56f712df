"""Sections other apps add to a follower's digest (e.g. the Alliance's progress).

``collation`` never imports those apps: each registers a section from its
``AppConfig.ready()``, as ``issue_panels`` does for an issue's page. A section
is a title and a function giving its items for the practice issues a follower
follows, over ``[since, until)``. It must list only what the public may see.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class DigestItem:
    text: str
    path: str  # an address on the site; the digest makes it absolute


@dataclass(frozen=True)
class DigestSection:
    title: str
    # (issues, since, until) -> items; issues is a list of PracticeIssue
    items: Callable[[list, datetime, datetime], list[DigestItem]]
    order: int = 50


_sections: list[DigestSection] = []


def register(section: DigestSection) -> None:
    if section not in _sections:
        _sections.append(section)
        _sections.sort(key=lambda item: item.order)


def sections() -> list[DigestSection]:
    return list(_sections)
