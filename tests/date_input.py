"""What a browser sends for a GOV.UK date input (scr_platform.date_input)."""

import datetime


def date_input_data(name: str, value: datetime.date | tuple[str, str, str]) -> dict[str, str]:
    """The three boxes of the date input ``name``, filled with a date or with raw texts."""
    if isinstance(value, datetime.date):
        value = (str(value.day), str(value.month), str(value.year))
    day, month, year = value
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}
