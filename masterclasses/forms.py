"""Forms for reviewer development, rendered with GOV.UK components."""

from decimal import Decimal

from django import forms

from collation.choices import ReviewModel
from scr_platform.accounts.choices import Region
from scr_platform.date_input import GovukDateField
from scr_platform.forms import GovukFormMixin

from .choices import ActivityKind, Agreement, Availability, Background, Visibility
from .models import FEEDBACK_QUESTIONS, Session
from .rules import PUBLIC_PARTS

PART_LABELS = {
    "background": "Professional background and summary",
    "experience": "Years reviewing and reviews led",
    "methods": "Methods",
    "regions": "Regions",
    "availability": "Availability",
}


class ProfileForm(GovukFormMixin, forms.Form):
    """A lead reviewer's directory profile, and who sees which parts of it."""

    background = forms.ChoiceField(
        choices=Background.choices,
        widget=forms.RadioSelect,
        label="Professional background",
        error_messages={"required": "Select your professional background"},
    )
    background_detail = forms.CharField(
        required=False,
        max_length=200,
        label="Your current or last role (optional)",
        help_text="For example: independent social work consultant, former head of service.",
    )
    biography = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Summary of your experience (optional)",
        help_text="What boards should know: the kinds of case you have reviewed, your approach.",
    )
    years_reviewing = forms.IntegerField(
        min_value=0,
        max_value=60,
        label="Years as a lead reviewer",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter how many years you have been a lead reviewer",
            "invalid": "Years as a lead reviewer must be a whole number, like 4",
            "min_value": "Years as a lead reviewer must be 0 or more",
            "max_value": "Years as a lead reviewer must be 60 or fewer",
        },
    )
    other_reviews_led = forms.IntegerField(
        min_value=0,
        max_value=500,
        label="Reviews you have led that are not on this platform",
        help_text="Reviews on the platform that name you as lead reviewer are counted for you.",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter how many reviews you have led that are not on this platform",
            "invalid": "Reviews led must be a whole number, like 6",
            "min_value": "Reviews led must be 0 or more",
            "max_value": "Reviews led must be 500 or fewer",
        },
    )
    methods = forms.MultipleChoiceField(
        choices=ReviewModel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Review methods you use",
        help_text="Select all that apply.",
    )
    regions = forms.MultipleChoiceField(
        choices=Region.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Regions you work in",
        help_text="Select all that apply.",
    )
    availability = forms.ChoiceField(
        choices=Availability.choices,
        widget=forms.RadioSelect,
        label="Are you available for new reviews?",
        error_messages={"required": "Select whether you are available for new reviews"},
    )
    availability_note = forms.CharField(
        required=False,
        max_length=200,
        label="More about your availability (optional)",
        help_text="For example: from September 2026, or two reviews a year.",
    )
    visibility = forms.ChoiceField(
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        label="Who can find your profile in the directory?",
        help_text=(
            "Board managers and administrators see all of a profile they can find, "
            "including your email address, so they can contact you."
        ),
        error_messages={"required": "Select who can find your profile"},
    )
    public_parts = forms.MultipleChoiceField(
        choices=[(part, PART_LABELS[part]) for part in PUBLIC_PARTS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="If your profile is public, which parts can the public see?",
        help_text="Your name is always shown. Your email address is never shown to the public.",
    )

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        parts = set(data.pop("public_parts"))
        return {**data, **{f"show_{part}": part in parts for part in PUBLIC_PARTS}}

    @staticmethod
    def initial_from(profile) -> dict:
        return {
            **{
                name: getattr(profile, name)
                for name in (
                    "background",
                    "background_detail",
                    "biography",
                    "years_reviewing",
                    "other_reviews_led",
                    "availability",
                    "availability_note",
                    "visibility",
                )
            },
            "methods": [row.method for row in profile.methods.all()],
            "regions": [row.region for row in profile.regions.all()],
            "public_parts": [p for p in PUBLIC_PARTS if getattr(profile, f"show_{p}")],
        }


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, session: Session) -> str:
        return f"{session.topic.title}: {session.date:%A %-d %B %Y}, {session.where}"


class ApplicationForm(GovukFormMixin, forms.Form):
    """A first and an optional second choice among a round's sessions."""

    first_choice = SessionChoiceField(
        queryset=Session.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Your first choice",
        error_messages={
            "required": "Select your first choice of masterclass",
            "invalid_choice": "Select a masterclass from the list",
        },
    )
    second_choice = SessionChoiceField(
        queryset=Session.objects.none(),
        widget=forms.RadioSelect,
        required=False,
        # Radios show the empty choice only when told blank: it is how a second choice goes.
        blank=True,
        empty_label="None: no second choice",
        label="Your second choice (optional)",
        help_text=(
            "A different masterclass you would also like to attend. Places left after "
            "everyone's first choice go to second choices, most active reviewers first."
        ),
        error_messages={"invalid_choice": "Select a masterclass from the list"},
    )

    def __init__(self, *args, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_choice", "second_choice"):
            self.fields[name].queryset = sessions

    def clean(self):
        data = super().clean()
        first, second = data.get("first_choice"), data.get("second_choice")
        if first and second and first.topic_id == second.topic_id:
            self.add_error(
                "second_choice", "Choose a different masterclass for your second choice, or none"
            )
        return data


class SeedForm(GovukFormMixin, forms.Form):
    seed = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=2**31 - 1,
        label="Seed for the draw (optional)",
        help_text="Leave empty for a new random seed. Enter a past run's seed to reproduce it.",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
        error_messages={
            "invalid": "The seed must be a whole number, like 20160201",
            "min_value": "The seed must be 0 or more",
            "max_value": f"The seed must be {2**31 - 1} or less",
        },
    )


class AttendanceForm(GovukFormMixin, forms.Form):
    attended = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Who attended?",
        help_text="Select everyone who attended. Anyone not selected is recorded as absent.",
    )

    def __init__(self, *args, reviewers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (str(user.pk), user.get_full_name() or user.username) for user in reviewers
        ]


class FeedbackForm(GovukFormMixin, forms.Form):
    most_helpful = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="What was the most helpful part of the masterclass? (optional)",
    )
    improve = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="What could be improved? (optional)",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scale = {
            name: forms.ChoiceField(
                choices=Agreement.choices,
                widget=forms.RadioSelect,
                label=f"How far do you agree? {question}",
                error_messages={"required": f"Select how far you agree: {question.lower()}"},
            )
            for name, question in FEEDBACK_QUESTIONS.items()
        }
        # The scale questions come first, then the free text.
        self.fields = {**scale, **self.fields}
        for name in scale:
            self.fields[name].widget.attrs["class"] = "govuk-radios__input"


class CpdActivityForm(GovukFormMixin, forms.Form):
    date = GovukDateField(
        subject="Date of the activity",
        when="today_or_past",
        label="Date of the activity",
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date of the activity"},
    )
    title = forms.CharField(
        max_length=200,
        label="What was the activity?",
        error_messages={"required": "Enter what the activity was"},
    )
    kind = forms.ChoiceField(
        choices=[("", "Select the kind"), *ActivityKind.choices],
        label="Kind of activity",
        error_messages={"required": "Select the kind of activity"},
    )
    hours = forms.DecimalField(
        min_value=Decimal("0.25"),
        max_value=Decimal(500),
        decimal_places=2,
        label="Hours",
        help_text="For example, 1.5 for an hour and a half.",
        widget=forms.NumberInput(
            attrs={"class": "govuk-input--width-5", "step": "0.25", "inputmode": "decimal"}
        ),
        error_messages={
            "required": "Enter how many hours the activity took",
            "invalid": "Hours must be a number, like 1.5",
            "min_value": "Hours must be at least 0.25",
            "max_value": "Hours must be 500 or fewer",
            "max_decimal_places": "Hours can have at most 2 decimal places",
        },
    )
    reflection = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Reflection (optional)",
        help_text="What you learned and how it will change your practice.",
    )
