"""Forms for the repository pages, rendered with GOV.UK components."""

from django import forms

from scr_platform.accounts.choices import Role
from scr_platform.accounts.selectors import users_with_role
from scr_platform.date_input import GovukDateField
from scr_platform.forms import GovukFormMixin

from .choices import SMART_CRITERIA, DocumentKind, RecommendationLayer
from .models import (
    AbuseCategory,
    Agency,
    Cause,
    Coding,
    PracticeIssue,
    RecommendationTheme,
    Review,
    Stage,
)
from .services.summaries import SUMMARY_MAX_LENGTH


class ReviewForm(GovukFormMixin, forms.ModelForm):
    """Register a review, or correct its details."""

    abuse_categories = forms.ModelMultipleChoiceField(
        queryset=AbuseCategory.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Abuse categories",
        help_text="Select all that apply.",
    )
    agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Agencies involved",
        help_text="Select all that apply.",
    )
    publication_date = GovukDateField(
        subject="Publication date",
        when="today_or_past",
        required=False,
        label="Publication date (optional)",
        help_text="The date the board published the report, for example 27 3 2016. If it "
        "has not been published yet, leave this empty: publishing records today's date.",
    )

    class Meta:
        model = Review
        fields = [
            "reference",
            "title",
            "publication_date",
            "incident",
            "child_age_band",
            "child_sex",
            "abuse_categories",
            "agencies",
            "review_model",
            "lead_reviewer",
            "lead_reviewer_name",
        ]
        widgets = {
            "incident": forms.RadioSelect,
            "child_sex": forms.RadioSelect,
        }
        labels = {
            "reference": "Reference",
            "title": "Title",
            "incident": "What happened to the child",
            "child_age_band": "Child's age",
            "child_sex": "Child's sex",
            "review_model": "Review model",
            "lead_reviewer": "Lead reviewer's account",
            "lead_reviewer_name": "Lead reviewer",
        }
        help_texts = {
            "lead_reviewer": (
                "If the lead reviewer uses the platform, they can then see the draft and "
                "assess the review against the Quality Markers."
            ),
            "lead_reviewer_name": "The name as it appears on the report.",
        }
        error_messages = {
            "reference": {"required": "Enter the board's reference for the review"},
            "title": {"required": "Enter the review's title"},
            "incident": {"required": "Select whether the child died or was seriously harmed"},
            "child_age_band": {"required": "Select the child's age"},
            "child_sex": {"required": "Select the child's sex"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio and select fields get no empty "---------" choice.
        for name in ("incident", "child_sex"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
        self.fields["review_model"].choices = [("", "Not known")] + [
            c for c in self.fields["review_model"].choices if c[0]
        ]
        self.fields["child_age_band"].choices = [("", "Select the age")] + [
            c for c in self.fields["child_age_band"].choices if c[0]
        ]
        lead_reviewer = self.fields["lead_reviewer"]
        lead_reviewer.queryset = users_with_role(role=Role.LEAD_REVIEWER)
        lead_reviewer.empty_label = "Not on the platform"
        lead_reviewer.label_from_instance = lambda user: user.get_full_name() or user.username
        lead_reviewer.error_messages["invalid_choice"] = "Choose a lead reviewer from the list"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field taking several files; each is checked by the ingestion service."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [file for file in files if file]
        if not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


class UploadForm(GovukFormMixin, forms.Form):
    """Upload one or more PDFs of a review."""

    kind = forms.ChoiceField(
        choices=DocumentKind.choices,
        widget=forms.RadioSelect,
        label="What are you uploading?",
        error_messages={"required": "Select what kind of document this is"},
    )
    files = MultipleFileField(
        label="Upload PDF files",
        help_text="You can choose several files. Each must be a PDF without a password.",
        error_messages={"required": "Select at least one PDF file"},
        widget=MultipleFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class ReplaceForm(GovukFormMixin, forms.Form):
    """Upload a corrected copy of a document, e.g. with personal data removed."""

    file = forms.FileField(
        label="Upload the corrected PDF",
        error_messages={"required": "Select the corrected PDF file"},
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class FlagClearForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why is this not personal data?",
        help_text="For example: it is the board's public address, or a professional's job title.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Enter why this is not personal data"},
    )


class CodingForm(GovukFormMixin, forms.Form):
    """Link a passage on a page to a practice issue and the causes it shows."""

    excerpt = forms.CharField(
        label="Passage",
        help_text="Select it in the page text, or paste it exactly as it appears on the page.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Select or paste the passage that shows the issue"},
    )
    issue = forms.ModelChoiceField(
        queryset=PracticeIssue.objects.none(),
        label="Practice issue",
        empty_label="Choose the issue",
        error_messages={"required": "Choose the practice issue the passage shows"},
    )
    causes = forms.ModelMultipleChoiceField(
        queryset=Cause.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Causes it shows",
        help_text="Only causes listed under the chosen issue can be kept.",
    )
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Note (optional)"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        issues = PracticeIssue.objects.filter(retired_at__isnull=True).select_related("stage")
        self.fields["issue"].queryset = issues
        self.fields["issue"].label_from_instance = lambda issue: f"{issue.code}: {issue.title}"
        self.fields["causes"].queryset = Cause.objects.filter(
            retired_at__isnull=True, issue__retired_at__isnull=True
        ).select_related("issue")
        self.fields["causes"].label_from_instance = lambda cause: (
            f"{cause.issue.code}: {cause.text}"
        )


class StageForm(GovukFormMixin, forms.Form):
    code = forms.CharField(
        max_length=2,
        label="Code",
        help_text="One or two capital letters.",
        error_messages={"required": "Enter the stage's code"},
    )
    title = forms.CharField(
        max_length=300, label="Title", error_messages={"required": "Enter the stage's title"}
    )


class IssueForm(GovukFormMixin, forms.Form):
    stage = forms.ModelChoiceField(
        queryset=Stage.objects.all(),
        empty_label="Choose the stage",
        label="Stage",
        error_messages={"required": "Select the stage the issue belongs to"},
    )
    code = forms.CharField(
        max_length=8,
        label="Code",
        help_text="For example C9.",
        error_messages={"required": "Enter the issue's code"},
    )
    title = forms.CharField(
        label="What the practice issue is",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what the practice issue is"},
    )
    causes = forms.CharField(
        required=False,
        label="Why it happens",
        help_text="One cause a line. A cause you remove is retired, keeping its codings.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    why_unclear = forms.BooleanField(
        required=False, label="The reviews do not make the causes clear"
    )

    def cause_lines(self) -> list[str]:
        return self.cleaned_data["causes"].splitlines()


class BriefingForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        max_length=200, label="Title", error_messages={"required": "Enter the briefing's title"}
    )
    period = forms.CharField(
        max_length=10,
        initial="all",
        label="Period",
        help_text="all, a year (2015), a half-year (2015-H1) or a quarter (2015-Q2)",
        error_messages={"required": "Enter the period the briefing covers"},
    )
    summary = forms.CharField(
        label="What the briefing says",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Plain English. Figures and excerpts are added from the grid.",
        error_messages={"required": "Enter what the briefing says"},
    )
    issues = forms.ModelMultipleChoiceField(
        queryset=PracticeIssue.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Practice issues it covers",
        required=False,
    )
    excerpts = forms.ModelMultipleChoiceField(
        queryset=Coding.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Excerpts to quote",
        required=False,
        help_text=(
            "From published reports on the chosen issues. "
            "Save to see excerpts for newly chosen issues."
        ),
    )

    def __init__(self, *args, issues=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issues"].queryset = PracticeIssue.objects.filter(retired_at__isnull=True)
        self.fields["issues"].label_from_instance = lambda issue: f"{issue.code}: {issue.title}"
        self.fields["excerpts"].queryset = (
            Coding.objects.public()
            .filter(issue__in=issues or [])
            .select_related("issue", "document__review")
        )
        self.fields["excerpts"].label_from_instance = lambda coding: (
            f"{coding.issue.code}, {coding.document.review.title} p.{coding.page}: "
            f"“{coding.excerpt[:160]}”"
        )


class RecommendationCodeForm(GovukFormMixin, forms.Form):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.all(),
        required=False,
        empty_label="Not stated",
        label="Agency it is addressed to",
    )
    theme = forms.ModelChoiceField(
        queryset=RecommendationTheme.objects.all(),
        required=False,
        empty_label="Choose a theme",
        label="Theme",
    )
    layer = forms.ChoiceField(
        choices=RecommendationLayer.choices,
        widget=forms.RadioSelect,
        label="Layer",
        error_messages={"required": "Choose who the recommendation is about"},
    )
    smart = forms.MultipleChoiceField(
        choices=list(SMART_CRITERIA.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Which SMART criteria does it meet?",
    )
    issues = forms.ModelMultipleChoiceField(
        queryset=PracticeIssue.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Practice issues it answers",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issues"].queryset = PracticeIssue.objects.filter(retired_at__isnull=True)
        self.fields["issues"].label_from_instance = lambda issue: f"{issue.code}: {issue.title}"


class SummaryForm(GovukFormMixin, forms.Form):
    summary = forms.CharField(
        label="Summary",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=SUMMARY_MAX_LENGTH,
        help_text=(
            "Plain English, in two short paragraphs: “Learning themes include: …” and "
            "“Recommendations include: …”. Anyone can read it once the review is published."
        ),
        error_messages={
            "required": "Enter the review's summary",
            "max_length": f"Summary must be {SUMMARY_MAX_LENGTH:,} characters or fewer",
        },
    )
    # Set when the text came from "Draft from the codings", so the review records when
    # its summary was last drafted.
    drafted = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # GOV.UK: no maxlength on a textarea, which cuts a pasted text short unnoticed;
        # a longer summary gets the error message instead.
        self.fields["summary"].widget.attrs.pop("maxlength", None)
