"""The GOV.UK date input: a date asked for as day, month and year, in three boxes.

``GovukDateField`` checks what was typed the way the Design System's pattern says, with
its messages: nothing typed ("Enter …"), a part missing ("… must include a month"), no
such date ("… must be a real date"), a year of other than 4 numbers, and where the date
must fall ("… must be today or in the past"). Only the boxes that are wrong are marked.
A month may be typed as a number or a name ("3", "Mar", "March").
"""

import calendar
import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

PARTS = ("day", "month", "year")
_MONTHS = {
    **{name.lower(): number for number, name in enumerate(calendar.month_name) if name},
    **{name.lower(): number for number, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
}


def _iso_date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


class GovukDateWidget(forms.Widget):
    """Day, month and year boxes in a ``govuk-date-input``; the value is the three texts."""

    template_name = "includes/govuk/date_input.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.parts_in_error: tuple[str, ...] = ()

    def value_from_datadict(self, data, files, name):
        return [data.get(f"{name}_{part}", "") for part in PARTS]

    def value_omitted_from_data(self, data, files, name):
        return all(f"{name}_{part}" not in data for part in PARTS)

    def id_for_label(self, id_):
        return id_  # the day box: where the error summary sends the reader

    def format_value(self, value):
        if isinstance(value, str):  # an ISO date given as initial data
            value = _iso_date(value) or value
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, list | tuple) and len(value) == len(PARTS):
            return [str(part or "") for part in value]
        return ["", "", ""]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        base_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["widget"]["parts"] = [
            {
                "name": f"{name}_{part}",
                "id": base_id if part == "day" else f"{base_id}_{part}",
                "label": part.capitalize(),
                "value": text,
                "width": 4 if part == "year" else 2,
                "in_error": part in self.parts_in_error,
            }
            for part, text in zip(PARTS, self.format_value(value), strict=True)
        ]
        return context


class GovukDateField(forms.Field):
    """A date from a GOV.UK date input.

    ``subject`` names the date in messages, capitalised ("Date of the activity");
    ``when`` limits it: "past", "today_or_past", "today_or_future" or None.
    """

    widget = GovukDateWidget
    _LIMITS = {
        "past": ("must be in the past", lambda value, today: value < today),
        "today_or_past": ("must be today or in the past", lambda value, today: value <= today),
        "today_or_future": (
            "must be today or in the future",
            lambda value, today: value >= today,
        ),
    }

    def __init__(self, *, subject: str, when: str | None = None, **kwargs):
        if when is not None and when not in self._LIMITS:
            raise ValueError(f"when must be one of {sorted(self._LIMITS)} or None")
        self.subject = subject
        self.when = when
        error_messages = {"required": f"Enter the {subject[0].lower()}{subject[1:]}"}
        error_messages.update(kwargs.pop("error_messages", None) or {})
        super().__init__(error_messages=error_messages, **kwargs)

    def clean(self, value):
        self.widget.parts_in_error = ()
        try:
            return super().clean(value)
        except ValidationError:
            if not self.widget.parts_in_error:
                self.widget.parts_in_error = PARTS
            raise

    def to_python(self, value):
        if isinstance(value, datetime.date) or value in self.empty_values:
            return value or None
        if isinstance(value, str):  # initial data, or a value set in code, as an ISO date
            if (parsed := _iso_date(value)) is None:
                raise ValidationError(f"{self.subject} must be a real date", code="invalid")
            return parsed
        texts = dict(zip(PARTS, (str(part or "").strip() for part in value), strict=True))
        if not any(texts.values()):
            return None
        missing = tuple(part for part in PARTS if not texts[part])
        if missing:
            self.widget.parts_in_error = missing
            raise ValidationError(
                f"{self.subject} must include a {' and '.join(missing)}", code="incomplete"
            )
        month = _MONTHS.get(texts["month"].lower(), texts["month"])
        if not (texts["day"].isdigit() and str(month).isdigit() and texts["year"].isdigit()):
            raise ValidationError(f"{self.subject} must be a real date", code="invalid")
        if len(texts["year"]) != 4:
            self.widget.parts_in_error = ("year",)
            raise ValidationError("Year must include 4 numbers", code="invalid_year")
        try:
            return datetime.date(int(texts["year"]), int(month), int(texts["day"]))
        except ValueError:
            raise ValidationError(f"{self.subject} must be a real date", code="invalid") from None

    def validate(self, value):
        super().validate(value)
        if value is None or self.when is None:
            return
        wording, allowed = self._LIMITS[self.when]
        if not allowed(value, timezone.localdate()):
            raise ValidationError(f"{self.subject} {wording}", code=self.when)

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != self.to_python(initial)
        except ValidationError:
            return True
