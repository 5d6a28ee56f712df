"""The dashboard ("Your work"): what waits for the user, one section per role they hold.

Each app registers its panels from ``AppConfig.ready()``, built from its own
selectors, so this module never imports an app (as ``navigation`` and ``demo``).
A panel belongs to one role; a user sees the panels of the roles they hold
themselves: an administrator is not shown a board manager's work unless they
are one.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import user_roles
from scr_platform.health import health_report

# A panel lists at most this many things by name and counts the rest, so a
# board with hundreds of drafts still gets a short page in a few queries.
ITEMS_SHOWN = 10


@dataclass(frozen=True)
class WorkItem:
    """One thing to do: what, where it is done, and how much of it (if countable)."""

    label: str
    href: str = ""
    count: int | None = None  # how much of the panel's work this item holds, if countable
    hint: str = ""


@dataclass(frozen=True)
class WorkList:
    """What a panel shows: its items (the first ``ITEMS_SHOWN``), the total, and where
    all of it is listed. ``empty`` is said plainly when there is nothing to do."""

    items: list[WorkItem]
    total: int
    empty: str
    # What the panel's tag shows: the items' own counts summed when they have them (the
    # flags, not the reviews they are on), else ``total``.
    count: int = 0
    more_href: str = ""
    more_label: str = ""
    notes: list[str] = field(default_factory=list)
    # Shown instead of the total, for a panel that reports a state rather than a count.
    tag: str = ""
    tag_colour: str = ""

    @property
    def hidden(self) -> int:
        """How many items the panel counts but does not name."""
        return max(0, self.total - len(self.items))


@dataclass(frozen=True)
class DashboardPanel:
    """A panel of one role's section: ``work(user)`` returns its ``WorkList``."""

    role: Role
    title: str
    work: Callable[..., WorkList]
    order: int = 50


@dataclass(frozen=True)
class RoleSection:
    role: Role
    panels: list[tuple[DashboardPanel, WorkList]]


_registry: list[DashboardPanel] = []


def register(*panels: DashboardPanel) -> None:
    """Add panels to the dashboard; registering the same panel twice is harmless."""
    for panel in panels:
        if panel not in _registry:
            _registry.append(panel)
    _registry.sort(key=lambda panel: panel.order)


def work_list(items: list[WorkItem], *, empty: str, total: int | None = None, **kwargs) -> WorkList:
    """A ``WorkList`` of at most ``ITEMS_SHOWN`` items; ``total`` defaults to all given."""
    total = len(items) if total is None else total
    counts = [item.count for item in items]
    return WorkList(
        items=items[:ITEMS_SHOWN],
        total=total,
        empty=empty,
        count=sum(counts) if items and None not in counts else total,
        **kwargs,
    )


def sections_for(user) -> list[RoleSection]:
    """The user's sections, in the order of ``Role``, each with its panels' work."""
    held = user_roles(user)
    sections = []
    for role in Role:
        if role not in held:
            continue
        panels = [(panel, panel.work(user)) for panel in _registry if panel.role == role]
        if panels:
            sections.append(RoleSection(role=role, panels=panels))
    return sections


def service_health(user) -> WorkList:
    """The administrators' view of ``/healthz``: the same checks, in words."""
    healthy, checks = health_report()
    items = [
        WorkItem(CHECK_NAMES.get(name, name), hint=_check_in_words(result))
        for name, result in checks.items()
    ]
    return WorkList(
        items=items,
        total=len(items),
        empty="",
        notes=[]
        if healthy
        else [
            "Documents wait to be processed until the task queue answers again; "
            "the sweep sends them as soon as it does."
        ],
        tag="Working" if healthy else "Not working",
        tag_colour="green" if healthy else "red",
    )


CHECK_NAMES = {"database": "Database", "redis": "Task queue (Redis)"}


def _check_in_words(result: str) -> str:
    if result == "ok":
        return "Working"
    if result == "not configured":
        return "Not configured: tasks run in the web process, one at a time"
    return f"Not responding ({result.removeprefix('error: ')})"
