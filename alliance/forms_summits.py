"""Digital summits: forms for registering, contributing and running rounds (services
validate; every missing answer has its own message there)."""

from django import forms

from collation.models import PracticeIssue
from scr_platform.forms import GovukFormMixin

from .choices import PractitionerSector, ReportReason
from .services.summits import MAX_LENGTH, MAX_REASON


class PractitionerRegisterForm(GovukFormMixin, forms.Form):
    name = forms.CharField(max_length=150, required=False, label="Your name")
    email = forms.CharField(
        max_length=150,
        required=False,
        label="E-mail address",
        help_text="We send a link to confirm it. You sign in with it as your username.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    organisation = forms.CharField(
        max_length=200,
        required=False,
        label="Organisation you work for",
        help_text="Only the team running the summits sees this. It is never published.",
    )
    sector = forms.ChoiceField(
        choices=PractitionerSector.choices,
        required=False,
        widget=forms.RadioSelect,
        label="Sector you work in",
        help_text="Shown with your contributions, unless too few from your sector contribute.",
    )
    password = forms.CharField(
        required=False,
        strip=False,
        label="Password",
        help_text="At least 12 characters, not a common password or one like your name.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class ResendForm(GovukFormMixin, forms.Form):
    email = forms.CharField(
        max_length=150,
        required=False,
        label="E-mail address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if not email:
            raise forms.ValidationError("Enter the e-mail address you registered with.")
        return email


class ContributionForm(GovukFormMixin, forms.Form):
    # The length is checked by the service, with the count in its message.
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        label="Your contribution",
        help_text=f"Up to {MAX_LENGTH:,} characters. Write about practice, not people: no "
        "names of children, families, colleagues, places or organisations.",
    )


class SummitRoundForm(GovukFormMixin, forms.Form):
    issue = forms.ModelChoiceField(
        queryset=PracticeIssue.objects.filter(retired_at__isnull=True).select_related("stage"),
        required=False,
        label="Practice issue",
        empty_label="Choose an issue",
    )
    title = forms.CharField(max_length=200, required=False, label="Title")
    question = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Question for practitioners",
        help_text="The round asks for causes first; you move it on to solutions.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issue"].label_from_instance = lambda issue: f"{issue.code}: {issue.title}"


class SummaryForm(GovukFormMixin, forms.Form):
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        label="Summary",
        help_text="Public on the round's page and the issue's page.",
    )


class RejectForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Why is it rejected?",
        help_text=f"The practitioner who wrote it sees this. Up to {MAX_REASON} characters.",
    )


class ReportForm(GovukFormMixin, forms.Form):
    reason = forms.ChoiceField(
        choices=ReportReason.choices,
        required=False,
        widget=forms.RadioSelect,
        label="Why are you reporting it?",
    )
