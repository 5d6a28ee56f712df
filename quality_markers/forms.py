"""Forms for the Quality Marker pages, rendered with GOV.UK components."""

from django import forms

from scr_platform.forms import GovukFormMixin

from .choices import Audience, Point, Rating, Usefulness
from .models import MarkerRating


class AssessmentStartForm(GovukFormMixin, forms.Form):
    review = forms.ModelChoiceField(
        queryset=None,
        label="Which review are you assessing?",
        empty_label="Choose a review",
        error_messages={
            "required": "Choose the review you are assessing.",
            "invalid_choice": "Choose one of the reviews you lead or your board holds.",
        },
    )
    point = forms.ChoiceField(
        choices=Point.choices,
        widget=forms.RadioSelect,
        label="When in the review is this?",
        help_text="The markers for that stage come first; looking back, all of them do.",
        error_messages={"required": "Choose when in the review this assessment is made."},
    )
    audience = forms.ChoiceField(
        choices=Audience.choices,
        widget=forms.RadioSelect,
        label="Whose perspective is it from?",
        error_messages={"required": "Choose whose perspective this assessment is made from."},
    )

    def __init__(self, *args, reviews, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review"].queryset = reviews
        self.fields["review"].label_from_instance = lambda r: f"{r.reference}: {r.title}"


class RatingForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = MarkerRating
        fields = ["rating", "evidence", "helped", "hindered", "actions"]
        widgets = {
            "rating": forms.RadioSelect,
            "evidence": forms.Textarea(attrs={"rows": 4}),
            "helped": forms.Textarea(attrs={"rows": 3}),
            "hindered": forms.Textarea(attrs={"rows": 3}),
            "actions": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "rating": "Was this marker met?",
            "evidence": "Evidence",
            "helped": "What helped",
            "hindered": "What hindered",
            "actions": "Actions",
        }
        help_texts = {
            "evidence": "What shows whether the marker was met, and where it can be found.",
            "actions": "What you or the board will do as a result, and by when.",
        }
        error_messages = {"rating": {"required": "Choose whether the marker was met."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No blank "---------" radio: a rating is chosen or the form says so.
        self.fields["rating"].choices = Rating.choices


class SharingForm(GovukFormMixin, forms.Form):
    shares_nationally = forms.TypedChoiceField(
        choices=[
            ("yes", "Yes, count our submitted assessments in the national summary"),
            ("no", "No, keep them to our board"),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        label="Share your board's assessments in the anonymised national summary?",
        help_text="Nothing that names your board, a review or a person is shown.",
        error_messages={"required": "Choose whether to share your board's assessments."},
    )


class FeedbackForm(GovukFormMixin, forms.Form):
    usefulness = forms.ChoiceField(
        choices=Usefulness.choices,
        widget=forms.RadioSelect,
        label="How useful is this marker?",
        error_messages={"required": "Choose how useful the marker is."},
    )
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Your comment",
        help_text="What works, what is unclear, what you would change.",
        max_length=5000,
        error_messages={"required": "Enter your comment on the marker."},
    )
