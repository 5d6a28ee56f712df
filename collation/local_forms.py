"""Forms for a board's local learning: its grid, actions, sharing and outcomes.

Text is checked by the services (``services/local.py``), which report every missing
answer at once; the forms give the choices and the GOV.UK date input.
"""

from django import forms

from scr_platform.date_input import GovukDateField
from scr_platform.forms import GovukFormMixin

from .choices import LocalActionStatus, LocalIssueStatus, OutcomeStatus

EXAMPLE_DATE = "For example, 30 6 2027"


def _text(label: str, *, help_text: str = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class LocalIssueForm(GovukFormMixin, forms.Form):
    status = forms.ChoiceField(
        choices=LocalIssueStatus.choices,
        widget=forms.RadioSelect,
        label="Does this happen here?",
        error_messages={"required": "Select whether this issue is seen here"},
    )
    evidence = _text(
        "Evidence",
        help_text="What shows it: audits, local reviews, data. Needed for “Seen here”.",
    )


class LocalSharingForm(GovukFormMixin, forms.Form):
    shared = forms.TypedChoiceField(
        choices=[("yes", "Yes, share it"), ("no", "No, keep it to the board")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        label="Share the board's grid and recommendation outcomes?",
        help_text=(
            "Shared, other boards' managers, lead reviewers, analysts and Alliance members "
            "can read them. The public never can: they see national figures only, with "
            "small numbers hidden."
        ),
        error_messages={"required": "Select whether to share the board's grid"},
    )


class LocalActionForm(GovukFormMixin, forms.Form):
    title = forms.CharField(label="What will be done", required=False, max_length=None)
    owner = forms.CharField(
        label="Who is responsible",
        help_text="A person or a team.",
        required=False,
        max_length=None,
    )
    due_on = GovukDateField(subject="Due date", label="Due by", help_text=EXAMPLE_DATE)


class LocalActionUpdateForm(GovukFormMixin, forms.Form):
    status = forms.ChoiceField(
        choices=LocalActionStatus.choices,
        widget=forms.RadioSelect,
        label="Status",
        error_messages={"required": "Select the action's status"},
    )
    text = _text("What has happened")


class OutcomeForm(GovukFormMixin, forms.Form):
    status = forms.ChoiceField(
        choices=OutcomeStatus.choices,
        widget=forms.RadioSelect,
        label="Where does the recommendation stand?",
        error_messages={"required": "Select where the recommendation stands"},
    )
    response = _text("The agency's response")
    evidence = _text("Evidence", help_text="What shows where it stands.")
    due_on = GovukDateField(
        subject="Due date",
        required=False,
        label="Due by",
        help_text=f"Needed unless it was not implemented. {EXAMPLE_DATE}",
    )
    reason = _text("Why it was not implemented", help_text="Needed for “Not implemented”.")
