"""Reviewer development: django admin, where administrators keep the catalogue.

Topics with their reading lists, and rounds with their sessions, are edited
here; allocation, attendance and feedback have their own pages in the app.
"""

from django.contrib import admin

from .models import (
    AllocationRun,
    Application,
    ApplicationRound,
    Attendance,
    CpdActivity,
    Feedback,
    Place,
    ReadingItem,
    ReviewerProfile,
    Session,
    Topic,
)


class ReadingItemInline(admin.TabularInline):
    model = ReadingItem
    extra = 1


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "position"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ReadingItemInline]


class SessionInline(admin.TabularInline):
    model = Session
    extra = 1


@admin.register(ApplicationRound)
class ApplicationRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "closing_date", "status"]
    list_filter = ["status"]
    readonly_fields = ["status", "closed_early_at"]
    inlines = [SessionInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["topic", "date", "online", "venue", "capacity", "round"]
    list_filter = ["round", "topic"]


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "background", "availability", "visibility"]
    list_filter = ["visibility", "availability", "background"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["reviewer", "round", "first_choice", "second_choice"]
    list_filter = ["round"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by the app's services only, so the rules (and the audit trail) hold."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AllocationRun)
class AllocationRunAdmin(ReadOnlyAdmin):
    list_display = ["round", "seed", "status", "created_by", "created_at"]
    list_filter = ["status"]


@admin.register(Place)
class PlaceAdmin(ReadOnlyAdmin):
    list_display = ["application", "session", "choice", "status", "position"]
    list_filter = ["run", "status"]


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    list_display = ["session", "reviewer", "attended", "recorded_by"]


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ["session", "reviewer", "skills", "ideas", "ongoing"]


@admin.register(CpdActivity)
class CpdActivityAdmin(ReadOnlyAdmin):
    list_display = ["reviewer", "date", "title", "kind", "hours"]
