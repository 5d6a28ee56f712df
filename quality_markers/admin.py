"""Quality Markers: administrators revise the framework as new versions, reading the
feedback users left on each marker as they go."""

from django.contrib import admin, messages
from django.utils.html import format_html_join

from .models import Assessment, BoardSharing, Framework, Marker, MarkerFeedback, MarkerRating
from .services import framework_new_version


class MarkerInline(admin.StackedInline):
    model = Marker
    extra = 0
    fields = [
        "number",
        "stage",
        "title",
        "statement",
        "rationale",
        "prompts",
        "audiences",
        "feedback_received",
    ]
    readonly_fields = ["feedback_received"]

    @admin.display(description="Feedback on this marker")
    def feedback_received(self, marker: Marker) -> str:
        # Comments are left on the version people used; those on earlier
        # versions of the same marker matter when revising this one.
        feedback = MarkerFeedback.objects.filter(marker__number=marker.number).select_related(
            "marker__framework"
        )
        if not feedback:
            return "None yet."
        return format_html_join(
            "",
            "<p><strong>{} (version {}, {})</strong><br>{}</p>",
            (
                (
                    item.get_usefulness_display(),
                    item.marker.framework.version,
                    item.created_at.date(),
                    item.comment,
                )
                for item in feedback
            ),
        )


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["version", "title", "published_at"]
    inlines = [MarkerInline]
    actions = ["start_new_version"]

    @admin.action(description="Start a new version from the selected framework")
    def start_new_version(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Choose exactly one version to copy.", messages.ERROR)
            return
        draft = framework_new_version(framework=queryset.get())
        self.message_user(
            request,
            f"Version {draft.version} started as an unpublished copy. Revise it, then set its "
            "publication date to make it current.",
        )


@admin.register(MarkerFeedback)
class MarkerFeedbackAdmin(admin.ModelAdmin):
    list_display = ["marker", "usefulness", "author", "created_at"]
    list_filter = ["usefulness", "marker__framework", "marker__number"]
    search_fields = ["comment", "marker__title"]
    readonly_fields = ["marker", "author", "usefulness", "comment", "created_at"]


class MarkerRatingInline(admin.TabularInline):
    model = MarkerRating
    extra = 0
    fields = ["marker", "rating", "evidence", "helped", "hindered", "actions"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["review", "point", "author", "status", "framework", "updated_at"]
    list_filter = ["status", "point", "framework"]
    search_fields = ["review__reference", "review__title", "author__username"]
    readonly_fields = ["review", "framework", "author", "created_at", "updated_at", "submitted_at"]
    inlines = [MarkerRatingInline]


@admin.register(BoardSharing)
class BoardSharingAdmin(admin.ModelAdmin):
    list_display = ["board", "shares_nationally", "changed_by", "changed_at"]
    readonly_fields = ["changed_by", "changed_at"]
