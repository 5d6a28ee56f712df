"""Forms for following: what to follow, how often, and (for the public) the address."""

from django import forms

from scr_platform.accounts.choices import Region
from scr_platform.forms import GovukFormMixin

from .models import DigestFrequency, Follow, PracticeIssue
from .services.following import FollowTarget

FREQUENCY_FIELD_ARGS = {
    "choices": DigestFrequency.choices,
    "widget": forms.RadioSelect,
    "label": "How often do you want a digest?",
    "help_text": "A digest is sent only when something has changed.",
    "error_messages": {"required": "Choose how often you want a digest"},
}


class IssueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code}: {obj.title}"


class FollowForm(GovukFormMixin, forms.Form):
    """Follow a practice issue, a region, a search or the whole grid."""

    kind = forms.ChoiceField(
        choices=Follow.Kind.choices,
        widget=forms.RadioSelect,
        label="What do you want to follow?",
        error_messages={"required": "Choose what you want to follow"},
    )
    issue = IssueChoiceField(
        queryset=PracticeIssue.objects.filter(retired_at=None).select_related("stage"),
        to_field_name="code",
        required=False,
        label="Practice issue",
        help_text="If you follow a practice issue.",
        empty_label="Choose a practice issue",
        error_messages={"invalid_choice": "Choose a practice issue from the list"},
    )
    region = forms.ChoiceField(
        choices=[("", "Choose a region"), *Region.choices],
        required=False,
        label="Region",
        help_text="If you follow a region.",
        error_messages={"invalid_choice": "Choose a region from the list"},
    )
    query = forms.CharField(
        max_length=200,
        required=False,
        label="Search words",
        help_text="If you follow a search: digests list new reports that match these words.",
        error_messages={"max_length": "Search words must be 200 characters or fewer"},
    )
    frequency = forms.ChoiceField(**FREQUENCY_FIELD_ARGS)
    email = forms.EmailField(
        max_length=254,
        label="Email address",
        help_text="We will send you a link to confirm. We use it for digests and nothing else.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
    )

    def __init__(self, *args, signed_in: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update(autocomplete="email", spellcheck="false")
        if signed_in:  # digests go to the account's address
            del self.fields["email"]

    def clean(self):
        data = super().clean()
        missing = {
            Follow.Kind.ISSUE: ("issue", "Choose the practice issue you want to follow"),
            Follow.Kind.REGION: ("region", "Choose the region you want to follow"),
            Follow.Kind.SEARCH: ("query", "Enter the words of the search you want to follow"),
        }.get(data.get("kind"))
        if missing:
            name, message = missing
            if not str(data.get(name) or "").strip() and name not in self.errors:
                self.add_error(name, message)
        return data

    def target(self) -> FollowTarget:
        data = self.cleaned_data
        return FollowTarget.named(
            kind=data["kind"], issue=data["issue"], region=data["region"], query=data["query"]
        )


class FrequencyForm(GovukFormMixin, forms.Form):
    frequency = forms.ChoiceField(**FREQUENCY_FIELD_ARGS)
