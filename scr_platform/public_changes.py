"""Which writes change what the public sees: declared once per model, noticed by signals.

Cached public pages and figures are kept under the *public version*
(``scr_platform.response_cache``). Rather than every service, admin page and
command remembering to move it on, each model whose rows feed public pages is
registered here, from its app's ``AppConfig.ready()``, with the condition under
which a row is public::

    public_changes.register(Review, when=Q(status=ReviewStatus.PUBLISHED))
    public_changes.register(Board)                      # every row is public
    public_changes.register(User, ignore_fields={"last_login"})

Then any save, delete or many-to-many change of such a row, from any path
(services, Django admin, management commands, the shell), moves the public
version on once its transaction commits, if the row was public before the write
or is public after it. Writes to rows that are not public (a draft, a job's
progress, a private assessment) leave the cached pages alone.

Writes that bypass model signals (``QuerySet.update``, ``bulk_create``, raw
SQL) are not seen: code that writes public rows that way calls
``public_changed()`` itself (the trend tables' rebuild does), or saves the
parent row that the public sees (processing saves its document).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from .response_cache import public_changed


@dataclass(frozen=True)
class _Rule:
    when: Q | None
    ignore_fields: frozenset[str]

    def is_public(self, model: type[models.Model], pk) -> bool:
        if pk is None:
            return False
        if self.when is None:
            return True
        return model._default_manager.filter(self.when, pk=pk).exists()


_RULES: dict[type[models.Model], _Rule] = {}
# Set on an instance between pre_save/pre_delete and the matching post signal.
_WAS_PUBLIC = "_public_changes_was_public"


def register(
    model: type[models.Model], *, when: Q | None = None, ignore_fields: Iterable[str] = ()
) -> None:
    """Declare that ``model``'s rows matching ``when`` (all rows if None) are public."""
    if model in _RULES:
        raise ValueError(f"{model.__name__} is already registered for public changes.")
    _RULES[model] = _Rule(when=when, ignore_fields=frozenset(ignore_fields))
    uid = f"public-changes:{model._meta.label}"
    pre_save.connect(_before_save, sender=model, dispatch_uid=uid)
    post_save.connect(_after_save, sender=model, dispatch_uid=uid)
    pre_delete.connect(_before_delete, sender=model, dispatch_uid=uid)
    post_delete.connect(_after_delete, sender=model, dispatch_uid=uid)
    for field in model._meta.many_to_many:
        m2m_changed.connect(_m2m_changed, sender=field.remote_field.through, dispatch_uid=uid)


def registered_models() -> list[type[models.Model]]:
    """The models whose writes move the public version (for the architecture test)."""
    return list(_RULES)


def _ignored(rule: _Rule, update_fields) -> bool:
    return update_fields is not None and set(update_fields) <= rule.ignore_fields


def _before_save(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    rule = _RULES[sender]
    if raw or _ignored(rule, update_fields) or rule.when is None:
        return
    setattr(instance, _WAS_PUBLIC, rule.is_public(sender, instance.pk))


def _after_save(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    rule = _RULES[sender]
    if raw or _ignored(rule, update_fields):
        return
    was_public = instance.__dict__.pop(_WAS_PUBLIC, False)
    if was_public or rule.is_public(sender, instance.pk):
        public_changed()


def _before_delete(sender, instance, **kwargs) -> None:
    setattr(instance, _WAS_PUBLIC, _RULES[sender].is_public(sender, instance.pk))


def _after_delete(sender, instance, **kwargs) -> None:
    if instance.__dict__.pop(_WAS_PUBLIC, False):
        public_changed()


def _m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    # ``instance`` is the side the change was made from; either side may be registered.
    owners = [(type(instance), [instance.pk])]
    if pk_set:
        owners.append((model, list(pk_set)))
    for owner, pks in owners:
        rule = _RULES.get(owner)
        if rule is not None and any(rule.is_public(owner, pk) for pk in pks):
            public_changed()
            return
