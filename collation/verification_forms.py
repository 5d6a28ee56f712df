"""Forms for verifying codings: agree or disagree, and settling a disagreement."""

from django import forms

from scr_platform.forms import GovukFormMixin

from .models import PracticeIssue


def _issue_label(issue: PracticeIssue) -> str:
    return f"{issue.code}: {issue.title}"


class VerifyForm(GovukFormMixin, forms.Form):
    """A second analyst's verdict on one coding."""

    verdict = forms.ChoiceField(
        choices=[("agree", "Agree"), ("disagree", "Disagree")],
        error_messages={"required": "Choose whether you agree with this coding"},
    )
    reason = forms.CharField(
        required=False,
        max_length=2000,
        label="Why do you disagree?",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    proposed_issue = forms.ModelChoiceField(
        queryset=PracticeIssue.objects.none(),
        required=False,
        label="The issue you would code instead",
        empty_label="None: the passage shows no practice issue",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["proposed_issue"]
        field.queryset = PracticeIssue.objects.filter(retired_at__isnull=True)
        field.label_from_instance = _issue_label

    def clean(self):
        data = super().clean()
        if data.get("verdict") == "disagree" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Enter why you disagree with this coding")
        return data


class ResolveForm(GovukFormMixin, forms.Form):
    """How a disagreement between coder and verifier was settled."""

    outcome = forms.ChoiceField(
        choices=[
            ("keep", "Keep the coding as it is"),
            ("change", "Change it to the issue the verifier proposed"),
            ("remove", "Remove the coding"),
        ],
        widget=forms.RadioSelect,
        label="How is the disagreement resolved?",
        error_messages={"required": "Choose how the disagreement is resolved"},
    )
    reason = forms.CharField(
        max_length=2000,
        label="Why",
        help_text="This is recorded with the coding, for the calibration of coders.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter how the disagreement was resolved"},
    )
