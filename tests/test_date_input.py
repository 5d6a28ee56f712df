"""Defect 1: dates are asked for with the GOV.UK date input, with its messages."""

import datetime

import pytest
from django import forms
from django.utils import timezone

from scr_platform.date_input import GovukDateField
from scr_platform.forms import GovukFormMixin
from tests.date_input import date_input_data


class ActivityForm(GovukFormMixin, forms.Form):
    """The default required message, "Enter the " and the subject, is used here."""

    date = GovukDateField(subject="Date of the activity", when="today_or_past")


def _errors(parts):
    form = ActivityForm(date_input_data("date", parts))
    assert not form.is_valid()
    return form.errors["date"]


def test_a_date_in_three_boxes_is_read():
    form = ActivityForm(date_input_data("date", ("4", "12", "2025")))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date"] == datetime.date(2025, 12, 4)


@pytest.mark.parametrize("month", ["3", "03", "Mar", "march", " MARCH "])
def test_a_month_may_be_a_number_or_a_name(month):
    form = ActivityForm(date_input_data("date", ("1", month, "2020")))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date"] == datetime.date(2020, 3, 1)


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "", ""), "Enter the date of the activity"),
        (("4", "", "2025"), "Date of the activity must include a month"),
        (("", "", "2025"), "Date of the activity must include a day and month"),
        (("4", "12", ""), "Date of the activity must include a year"),
        (("31", "2", "2024"), "Date of the activity must be a real date"),
        (("4", "13", "2024"), "Date of the activity must be a real date"),
        (("4", "Smarch", "2024"), "Date of the activity must be a real date"),
        (("-1", "2", "2024"), "Date of the activity must be a real date"),
        (("4", "12", "24"), "Year must include 4 numbers"),
    ],
)
def test_each_mistake_gets_the_gov_uk_message(parts, message):
    assert _errors(parts) == [message]


def test_a_date_to_come_is_refused_where_it_must_have_happened():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert _errors(tomorrow) == ["Date of the activity must be today or in the past"]
    assert ActivityForm(date_input_data("date", timezone.localdate())).is_valid()


def test_only_the_boxes_in_error_are_marked_and_what_was_typed_is_kept():
    form = ActivityForm(date_input_data("date", ("4", "", "2025")))
    form.is_valid()
    html = str(form["date"].as_field_group())
    assert 'name="date_day" type="text" inputmode="numeric" value="4"' in html
    assert html.count("govuk-input--error") == 1
    assert (
        'class="govuk-input govuk-date-input__input govuk-input--width-2 govuk-input--error" '
        'id="id_date_month"' in html
    )
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">' in html
    assert 'aria-describedby="id_date-error"' in html


def test_an_initial_date_fills_the_three_boxes_never_a_locale_format():
    html = str(ActivityForm(initial={"date": datetime.date(2026, 12, 4)})["date"].as_field_group())
    assert 'id="id_date" name="date_day" type="text" inputmode="numeric" value="4"' in html
    assert 'name="date_month" type="text" inputmode="numeric" value="12"' in html
    assert 'name="date_year" type="text" inputmode="numeric" value="2026"' in html
    assert "04/12/2026" not in html


def test_a_limit_that_does_not_exist_is_refused():
    with pytest.raises(ValueError, match="when must be one of"):
        GovukDateField(subject="Date", when="yesterday")


def test_an_iso_date_given_as_initial_data_is_shown_and_compared_as_that_date():
    form = ActivityForm(
        date_input_data("date", datetime.date(2025, 12, 4)), initial={"date": "2025-12-04"}
    )
    assert form.is_valid() and not form.has_changed()
    html = str(ActivityForm(initial={"date": "2025-12-04"})["date"])
    assert 'name="date_month" type="text" inputmode="numeric" value="12"' in html
