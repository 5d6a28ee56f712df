"""How many results each filter value would give: "London (23)" beside the choice.

Standard facet semantics: a filter's counts are taken over the results of
every *other* filter the user has set, so choosing "London" does not make
every other region read 0, and the counts say what choosing that value would
show. One GROUP BY query per faceted filter, over the queryset the caller
passes, which is already what the user may see (e.g. ``Review.objects
.visible_to(user)``): a value is never counted from rows the user cannot see.

Apps list their facets beside their filter set and call ``facet_counts`` from
a selector, then ``facets_label`` on the form in the view.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Count, QuerySet


@dataclass(frozen=True)
class Facet:
    """A filter (``name`` in the query) and the lookup whose values its choices carry."""

    name: str
    path: str


FacetCounts = dict[str, dict[Any, int]]


def facet_counts(
    filterset_class,
    data: Mapping,
    queryset: QuerySet,
    facets: Iterable[Facet],
    **filterset_kwargs,
) -> FacetCounts:
    """For each facet, {value: how many rows of ``queryset`` match the other filters and it}.

    ``filterset_kwargs`` go to each filter set (e.g. ``request``, where its filters
    depend on who asks). Empty when the filters are not valid: the page shows
    their errors, not counts.
    """
    counts: FacetCounts = {}
    for facet in facets:
        others = data.copy()
        others.pop(facet.name, None)
        filterset = filterset_class(others or None, queryset=queryset, **filterset_kwargs)
        if filterset.is_bound and not filterset.is_valid():
            return {}
        matching = filterset.qs.order_by().values("pk")
        rows = (
            queryset.model._default_manager.filter(pk__in=matching)
            .order_by()
            .values_list(facet.path)
            .annotate(count=Count("pk", distinct=True))
        )
        counts[facet.name] = {value: count for value, count in rows if value is not None}
    return counts


def _counted(label, count: int) -> str:
    return f"{label} ({count:,})"


def facets_label(form: forms.Form, counts: FacetCounts) -> None:
    """Add each choice's count to its label on ``form`` ("Any" and the like stay bare)."""
    for name, by_value in counts.items():
        field = form.fields.get(name)
        if isinstance(field, forms.ModelChoiceField):  # and ModelMultipleChoiceField
            key = field.to_field_name or "pk"
            label = field.label_from_instance

            def counted(obj, label=label, key=key, by_value=by_value):
                return _counted(label(obj), by_value.get(getattr(obj, key), 0))

            # Read as the widget's choices are listed, so the labels now carry counts.
            field.label_from_instance = counted
        elif isinstance(field, forms.ChoiceField):
            # django-filter's choice fields list their own empty choice ("Any")
            # before ``choices``: keep it out, or it would be listed twice.
            own_empty_choice = hasattr(field, "empty_label")
            field.choices = [
                (value, _counted(label, by_value.get(value, 0)) if value != "" else label)
                for value, label in field.choices
                if not (value == "" and own_empty_choice)
            ]
