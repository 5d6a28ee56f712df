"""Quality Markers: administrators revise the framework as new versions."""

from django.contrib import admin, messages

from .models import Framework, Marker
from .services import framework_new_version


class MarkerInline(admin.StackedInline):
    model = Marker
    extra = 0
    fields = ["number", "stage", "title", "statement", "rationale", "prompts", "audiences"]


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
