"""Alliance: forms for the pages, rendered with GOV.UK components; services validate."""

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from collation.models import PracticeIssue
from scr_platform.accounts.models import User
from scr_platform.date_input import GovukDateField
from scr_platform.forms import GovukFormMixin

from .choices import STARTING_STATUSES, ActionStatus, EvidenceKind, statuses_after
from .models import Meeting, Organisation, Representative, WorkingGroup
from .services.good_practice import MAX_LINKS

EXAMPLE_PAST = "For example, 27 3 2024"
EXAMPLE_FUTURE = "For example, 30 6 2027"


def _date_so_far(
    subject: str, *, label: str, required: bool = True, help_text: str = EXAMPLE_PAST
) -> GovukDateField:
    """A date that has happened: today unless changed, if required ("Enter the date of …")."""
    return GovukDateField(
        subject=subject,
        when="today_or_past",
        required=required,
        label=label,
        help_text=help_text,
        initial=timezone.localdate if required else None,
    )


def _issue_field(label: str, help_text: str = "Select all that apply.") -> forms.Field:
    field = forms.ModelMultipleChoiceField(
        queryset=PracticeIssue.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=label,
        help_text=help_text,
        required=False,
    )
    field.label_from_instance = lambda issue: f"{issue.code}: {issue.title}"
    return field


def _issues(chosen=()) -> QuerySet[PracticeIssue]:
    """Issues in use, plus any retired ones already chosen (so they are not lost on saving)."""
    return PracticeIssue.objects.filter(
        Q(retired_at__isnull=True) | Q(pk__in=[issue.pk for issue in chosen])
    ).select_related("stage")


def _members() -> QuerySet[Organisation]:
    return Organisation.objects.filter(left_on__isnull=True)


class ActionForm(GovukFormMixin, forms.Form):
    """Record an action, or change its details."""

    # Not required here: the service reports every missing answer at once.
    title = forms.CharField(max_length=200, label="Title", required=False)
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        label="What will be done",
        help_text="Say how it tackles the practice issues. This is public once published.",
    )
    issues = _issue_field("Practice issues it tackles")
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label="Lead organisation", required=False
    )
    partners = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Partner organisations",
        help_text="Their representatives can also report progress on the action.",
        required=False,
    )
    owner = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Person responsible",
        required=False,
        help_text="A representative of the lead organisation or a partner.",
    )
    status = forms.ChoiceField(
        choices=[(status.value, status.label) for status in STARTING_STATUSES],
        widget=forms.RadioSelect,
        initial=ActionStatus.PROPOSED,
        label="Status",
        error_messages={"required": "Select the action's status"},
    )
    due_on = GovukDateField(
        subject="Due date", required=False, label="Due by (optional)", help_text=EXAMPLE_FUTURE
    )
    working_group = forms.ModelChoiceField(
        queryset=WorkingGroup.objects.filter(closed_on__isnull=True),
        required=False,
        label="Working group",
        empty_label="None",
    )
    meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.all(),
        required=False,
        label="Agreed at the meeting",
        empty_label="None",
    )

    def __init__(self, *args, action=None, choose_organisation=False, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issues"].queryset = _issues(action.issues.all() if action else ())
        # The lead is never its own partner.
        partners = _members()
        if organisation is not None:
            partners = partners.exclude(pk=organisation.pk)
        self.fields["partners"].queryset = partners
        self.fields["owner"].queryset = User.objects.filter(
            pk__in=Representative.objects.filter(ended_on__isnull=True).values("user_id")
        ).order_by("first_name", "last_name")
        self.fields["owner"].label_from_instance = self._owner_label()
        if choose_organisation:
            self.fields["organisation"].queryset = _members()
            self.fields["organisation"].required = True
        else:
            del self.fields["organisation"]
        if action is not None:
            # Status moves only with a progress update.
            del self.fields["status"]

    @staticmethod
    def _owner_label():
        organisations = dict(
            Representative.objects.filter(ended_on__isnull=True).values_list(
                "user_id", "organisation__name"
            )
        )
        return lambda user: f"{user} ({organisations.get(user.pk, '')})"


class ProgressUpdateForm(GovukFormMixin, forms.Form):
    """Dated progress; the status offered is the action's own and the moves allowed from it."""

    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="What has happened since the last update",
        error_messages={"required": "Enter what has happened since the last update"},
    )
    status = forms.ChoiceField(
        choices=(),
        widget=forms.RadioSelect,
        label="Status now",
        error_messages={"required": "Select the action's status now"},
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="If you are dropping the action: why",
        help_text="Needed when the action is dropped. The public sees it once the action is "
        "published.",
    )
    written_on = _date_so_far("Date of the update", label="Date of the update")

    def __init__(self, *args, current_status: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status.value, status.label if status != current_status else f"{status.label} (now)")
            for status in statuses_after(current_status)
        ]


class ImpactEvidenceForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(
        choices=EvidenceKind.choices,
        widget=forms.RadioSelect,
        label="What kind of evidence",
        error_messages={"required": "Select what kind of evidence it is"},
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="What changed, and how you know",
        help_text="Public once the action is published: no personal or case details.",
        error_messages={"required": "Enter what changed, and how you know"},
    )
    link = forms.URLField(
        required=False, assume_scheme="https", label="Link to the evidence (optional)"
    )
    observed_on = _date_so_far("Date the change was seen", label="When the change was seen")


class MeetingForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        max_length=200,
        label="Title",
        error_messages={"required": "Enter the meeting's title"},
    )
    held_on = GovukDateField(
        subject="Date of the meeting",
        label="Date of the meeting",
        help_text=EXAMPLE_PAST,
        error_messages={"required": "Enter the date of the meeting"},
    )
    working_group = forms.ModelChoiceField(
        queryset=WorkingGroup.objects.all(),
        required=False,
        label="Working group",
        empty_label="The whole Alliance",
    )
    location = forms.CharField(max_length=200, required=False, label="Where (optional)")
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Organisations represented",
    )
    issues = _issue_field("Agenda: practice issues discussed")
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        label="Notes",
        help_text="What was discussed. Record each decision separately after saving, so it can "
        "become an action. Seen by Alliance members and analysts only.",
    )

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issues"].queryset = _issues(meeting.issues.all() if meeting else ())
        self.fields["organisations"].queryset = Organisation.objects.all()


class WorkingGroupForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        max_length=200, label="Name", error_messages={"required": "Enter the group's name"}
    )
    purpose = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="What the group is for",
        error_messages={"required": "Enter what the group is for"},
    )
    lead_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label="Lead organisation"
    )
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Member organisations",
    )
    issues = _issue_field("Practice issues it works on")
    formed_on = _date_so_far("Date the group formed", label="Formed on (optional)", required=False)
    closed_on = _date_so_far(
        "Date the group closed",
        label="Closed on (optional)",
        required=False,
        help_text=f"Leave empty while it meets. {EXAMPLE_PAST}.",
    )

    def __init__(self, *args, working_group=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issues"].queryset = _issues(
            working_group.issues.all() if working_group else ()
        )
        self.fields["lead_organisation"].queryset = _members()
        self.fields["organisations"].queryset = _members()


class DecisionForm(GovukFormMixin, forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,  # the service says what is missing
        label="What was decided",
        help_text="One decision. You can make it an action afterwards.",
    )


class LinksField(forms.CharField):
    """Web addresses, one a line; the service checks each."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class GoodPracticeForm(GovukFormMixin, forms.Form):
    """Record what has worked somewhere, or change it. Public once saved."""

    title = forms.CharField(max_length=200, required=False, label="Title")
    what_worked = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        label="What worked",
        help_text="What was done, and what difference it made. This is public: no personal or "
        "case details.",
    )
    where = forms.CharField(
        max_length=200,
        required=False,
        label="Where it worked",
        help_text="A place, service or organisation, for example “Leeds children's services”.",
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label="Member organisation involved (optional)",
        empty_label="None",
    )
    issues = _issue_field("Practice issues it addresses")
    links = LinksField(
        required=False,
        label="Links (optional)",
        help_text=f"Where to read more: full web addresses, one a line, up to {MAX_LINKS}.",
    )
    started_on = _date_so_far("Date it began", label="When it began (optional)", required=False)

    def __init__(self, *args, good_practice=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issues"].queryset = _issues(
            good_practice.issues.all() if good_practice else ()
        )
        self.fields["organisation"].queryset = Organisation.objects.all()
