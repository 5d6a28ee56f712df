"""GOV.UK Design System form rendering for Django forms.

``GovukFormMixin`` puts GOV.UK classes on each widget (and the error variant
on fields in error); the renderer's templates lay out label, hint, error
message and control as the Design System's components do, so forms need no
hand-written markup.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting

_WIDGET_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.SelectMultiple: "govuk-select",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.CheckboxSelectMultiple: "govuk-checkboxes__input",
    forms.RadioSelect: "govuk-radios__input",
}
_ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
    "govuk-file-upload": "govuk-file-upload--error",
}


def _base_class(widget: forms.Widget) -> str:
    for widget_type, css_class in _WIDGET_CLASSES.items():
        if isinstance(widget, widget_type):
            return css_class
    return "govuk-input"


class GovukFormMixin:
    """Give every widget its GOV.UK class, and the error class where it failed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css_class = _base_class(field.widget)
            existing = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{css_class} {existing}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            base = _base_class(widget)
            if base in _ERROR_CLASSES and _ERROR_CLASSES[base] not in widget.attrs["class"]:
                widget.attrs["class"] += f" {_ERROR_CLASSES[base]}"
            # Django points at the hint (id_<name>_helptext); add the error message.
            described_by = [f"id_{name}_helptext"] if self.fields[name].help_text else []
            widget.attrs["aria-describedby"] = " ".join([*described_by, f"id_{name}-error"])


class GovukFormRenderer(TemplatesSetting):
    """Renders forms and fields with the templates in ``templates/includes/govuk``."""

    form_template_name = "includes/govuk/form.html"
    field_template_name = "includes/govuk/field.html"


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
