"""Alliance: administrators manage member organisations and their representatives here.

Actions, meetings, decisions, working groups and good practice are kept by
the members in the app; admin shows them too, for corrections. The digital
summits are only read here (who registered, and what they wrote): they are run
and moderated in the app, whose services keep their rules. Every change is
in the audit log; a change to anything public pages show moves the public
version on by itself (``AllianceConfig`` registers those models with
``scr_platform.public_changes``).
"""

from django.contrib import admin
from django.db import models

from .models import (
    Action,
    Contribution,
    Decision,
    GoodPractice,
    ImpactEvidence,
    Meeting,
    Organisation,
    Practitioner,
    ProgressUpdate,
    Representative,
    SummitRound,
    WorkingGroup,
)

# Links typed without a scheme are taken as https (Django 6's default).
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


class RepresentativeInline(admin.TabularInline):
    model = Representative
    extra = 1
    fields = ["user", "job_title", "started_on", "ended_on"]
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "sector", "joined_on", "left_on"]
    list_filter = ["sector", "left_on"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RepresentativeInline]
    formfield_overrides = HTTPS_LINKS


@admin.register(Representative)
class RepresentativeAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "job_title", "started_on", "ended_on"]
    list_filter = ["organisation", "ended_on"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "lead_organisation", "formed_on", "closed_on"]
    search_fields = ["name", "purpose"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["issues", "organisations"]
    readonly_fields = ["created_by"]


class DecisionInline(admin.StackedInline):
    model = Decision
    extra = 0
    fields = ["text", "action", "recorded_by"]
    readonly_fields = ["recorded_by"]
    raw_id_fields = ["action"]

    def has_add_permission(self, request, obj=None):
        # A decision needs the member who recorded it: added on the meeting's page.
        return False


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "held_on", "working_group"]
    date_hierarchy = "held_on"
    search_fields = ["title", "notes"]
    filter_horizontal = ["issues", "organisations"]
    readonly_fields = ["recorded_by"]
    inlines = [DecisionInline]


@admin.register(GoodPractice)
class GoodPracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "where", "organisation", "recorded_by", "created_at"]
    list_filter = ["organisation"]
    search_fields = ["title", "what_worked", "where"]
    filter_horizontal = ["issues"]
    readonly_fields = ["recorded_by"]


class ProgressUpdateInline(admin.StackedInline):
    model = ProgressUpdate
    extra = 0
    readonly_fields = ["author"]


class ImpactEvidenceInline(admin.StackedInline):
    model = ImpactEvidence
    extra = 0
    readonly_fields = ["author"]
    formfield_overrides = HTTPS_LINKS


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "status", "due_on", "published_at"]
    list_filter = ["status", "organisation"]
    search_fields = ["title", "description"]
    filter_horizontal = ["issues", "partners"]
    autocomplete_fields = ["owner"]
    readonly_fields = ["created_by", "published_at"]
    inlines = [ProgressUpdateInline, ImpactEvidenceInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Practitioner)
class PractitionerAdmin(ReadOnlyAdmin):
    list_display = ["user", "organisation", "sector", "verified_at", "created_at"]
    list_filter = ["sector", "verified_at"]
    search_fields = ["user__username", "user__email", "organisation"]


@admin.register(SummitRound)
class SummitRoundAdmin(ReadOnlyAdmin):
    list_display = ["title", "issue", "phase", "opened_at"]
    list_filter = ["phase"]


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyAdmin):
    list_display = ["round", "phase", "status", "sector", "author", "report_count", "created_at"]
    list_filter = ["status", "phase", "sector"]
    search_fields = ["text", "author__username"]
