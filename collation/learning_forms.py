"""Forms for learning material: a briefing's audience version, a training pack."""

from django import forms

from scr_platform.forms import GovukFormMixin

from .models import Coding, PracticeIssue

_QUESTIONS_HELP = "One a line, at most 8. For example: Does this happen here? How would we know?"


class BriefingAudienceForm(GovukFormMixin, forms.Form):
    what_to_do = forms.CharField(
        label="What they should do",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Plain English, for this audience. At most 2,000 characters.",
        error_messages={"required": "Enter what this audience should do"},
    )
    questions = forms.CharField(
        label="Questions to ask themselves",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_QUESTIONS_HELP,
        error_messages={"required": "Enter at least one question, one a line"},
    )


class TrainingPackForm(GovukFormMixin, forms.Form):
    introduction = forms.CharField(
        label="The scene the vignette sets",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Name no child, family, place or agency. At most 2,000 characters.",
        error_messages={"required": "Enter the scene the vignette sets"},
    )
    excerpts = forms.ModelMultipleChoiceField(
        queryset=Coding.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Excerpts for the vignette",
        required=False,
        help_text="At most 4, from published reports. They are shown without the report's name.",
    )
    questions = forms.CharField(
        label="Reflective questions",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_QUESTIONS_HELP,
        error_messages={"required": "Enter at least one question, one a line"},
    )
    trainer_notes = forms.CharField(
        label="Notes for the trainer",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="How to run the session, what to listen for. At most 2,000 characters.",
        error_messages={"required": "Enter notes for the trainer"},
    )

    def __init__(self, *args, issue: PracticeIssue | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # The pack's issue's excerpts on published reports (none before an issue is given).
        self.fields["excerpts"].queryset = (
            Coding.objects.public()
            .filter(issue__in=[issue] if issue else [])
            .select_related("document__review")
        )
        self.fields["excerpts"].label_from_instance = lambda coding: (
            f"{coding.document.review.title} p.{coding.page}: “{coding.excerpt[:200]}”"
        )
