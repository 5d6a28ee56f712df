"""Forms for checking personal data: a decision on a flag, text to redact, a withdrawal."""

from django import forms

from scr_platform.forms import GovukFormMixin

from .choices import FlagStatus

# The reasons managers give most, so that clearing a look-alike takes one choice
# and one click. "Another reason" asks for their own words.
NOT_PERSONAL_REASONS = (
    ("professional", "A professional named in their working role"),
    ("public_contact", "Public contact details of the board or an agency"),
    ("pseudonym", "A pseudonym or initial, not a real name"),
    ("event_date", "The date of an event, not a date of birth"),
    ("place", "A place or organisation, not a person's home"),
    ("other", "Another reason"),
)
REASON_TEXT = dict(NOT_PERSONAL_REASONS)


class FlagDecisionForm(GovukFormMixin, forms.Form):
    """Redact the flagged text, or keep it as not personal data (with a reason)."""

    decision = forms.ChoiceField(
        choices=[(FlagStatus.REDACT, "Redact"), (FlagStatus.NOT_PERSONAL, "Not personal data")],
        error_messages={"required": "Choose whether to redact it or keep it"},
    )
    reason = forms.ChoiceField(
        choices=NOT_PERSONAL_REASONS,
        widget=forms.RadioSelect,
        required=False,
        label="Why is it not personal data?",
    )
    other_reason = forms.CharField(
        required=False,
        max_length=1000,
        label="Give the reason",
        widget=forms.TextInput(),
    )
    scope = forms.ChoiceField(
        choices=[("one", "This one"), ("all", "Every occurrence")], required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") != FlagStatus.NOT_PERSONAL:
            data["reason_text"] = ""
            return data
        reason = data.get("reason")
        if not reason:
            self.add_error("reason", "Select why it is not personal data")
        elif reason == "other":
            text = (data.get("other_reason") or "").strip()
            if not text:
                self.add_error("other_reason", "Enter why it is not personal data")
            data["reason_text"] = text
        else:
            data["reason_text"] = REASON_TEXT[reason]
        return data


class RedactSelectionForm(GovukFormMixin, forms.Form):
    """Text on a page the detector missed, to be redacted."""

    text = forms.CharField(
        label="Text to redact",
        help_text="Select it in the page text above, or copy it exactly as it appears there.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Select or enter the text to redact"},
    )


class WithdrawForm(GovukFormMixin, forms.Form):
    """Why a published review is being taken back from the public."""

    reason = forms.CharField(
        label="Why are you withdrawing this review?",
        help_text="This is recorded with your name. The public will not see it.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why you are withdrawing the review"},
    )
