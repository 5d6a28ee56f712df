"""Defect 4: no form of the service says "This field is required.".

GOV.UK's messages say what to do about the field: "Enter the meeting's title", "Select
the stage". This walks every form class in the project, including those written after
this test, and fails on any required field left with Django's generic message.
"""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.urls import reverse

from collation.models import Review
from scr_platform.forms import GovukFormMixin

APPS = ("scr_platform", "collation", "quality_markers", "alliance", "masterclasses")
GENERIC = str(forms.Field.default_error_messages["required"])
# Forms only the Django admin shows, in its own styling and wording.
ADMIN_ONLY = {"scr_platform.accounts.forms.AdminUserChangeForm"}
# Keyword arguments some forms need, by name: what a page would pass.
FORM_ARGUMENTS = {"current_status": "proposed", "reviews": Review.objects.none()}


def _project_forms() -> list[type[forms.BaseForm]]:
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" not in module.name:
                importlib.import_module(module.name)
    found, pending = set(), [forms.BaseForm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.split(".")[0] in APPS:
                found.add(subclass)
    return sorted(found, key=lambda form: f"{form.__module__}.{form.__qualname__}")


def _name(form_class) -> str:
    return f"{form_class.__module__}.{form_class.__qualname__}"


def _instance(form_class) -> forms.BaseForm:
    needed = [
        parameter.name
        for parameter in inspect.signature(form_class.__init__).parameters.values()
        if parameter.kind == parameter.KEYWORD_ONLY and parameter.default is parameter.empty
    ]
    unknown = set(needed) - set(FORM_ARGUMENTS)
    assert not unknown, f"{_name(form_class)} needs {unknown}: add them to FORM_ARGUMENTS"
    return form_class(**{name: FORM_ARGUMENTS[name] for name in needed})


@pytest.mark.django_db
def test_every_required_field_of_every_form_has_a_gov_uk_message():
    project_forms = _project_forms()
    assert len(project_forms) > 30  # the walk found the forms, not an empty list
    not_govuk = {_name(form) for form in project_forms if not issubclass(form, GovukFormMixin)}
    assert not_govuk == ADMIN_ONLY, "a form outside the admin without GOV.UK rendering"
    generic = [
        f"{_name(form_class)}.{name}"
        for form_class in project_forms
        if issubclass(form_class, GovukFormMixin)
        for name, field in _instance(form_class).fields.items()
        if field.required and field.error_messages["required"] == GENERIC
    ]
    assert generic == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "message"),
    [
        ("collation:briefing-new", "Enter the briefing&#x27;s title"),
        ("alliance:meeting-create", "Enter the meeting&#x27;s title"),
    ],
)
def test_an_empty_form_says_what_to_enter(client, analyst, alliance_member, url_name, message):
    client.force_login(analyst if url_name.startswith("collation") else alliance_member)
    content = client.post(reverse(url_name), {}).content.decode()
    assert message in content
    assert GENERIC not in content
