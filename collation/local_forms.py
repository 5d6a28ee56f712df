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
    title = forms.CharField(
        label="What will be done",
        max_length=200,
        error_messages={
            "required": "Enter what will be done",
            "max_length": "Title must be 200 characters or fewer",
        },
    )
    owner = forms.CharField(
        label="Who is responsible",
        help_text="A person or a team.",
        max_length=200,
        error_messages={
            "required": "Enter who is responsible",
            "max_length": "Who is responsible must be 200 characters or fewer",
        },
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

    def clean(self):
        """Every missing answer at once, as the service words them (it checks again)."""
        data = super().clean()
        for field, message in (
            ("response", "Enter the agency's response"),
            ("evidence", "Enter the evidence"),
        ):
            if field not in self.errors and not data.get(field, "").strip():
                self.add_error(field, message)
        status = data.get("status")
        if status == OutcomeStatus.NOT_IMPLEMENTED:
            if not data.get("reason", "").strip():
                self.add_error("reason", "Enter why it was not implemented")
        elif status and "due_on" not in self.errors and data.get("due_on") is None:
            self.add_error("due_on", "Enter the due date")
        return data
