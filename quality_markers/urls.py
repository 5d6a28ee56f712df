"""Quality Markers: page addresses."""

from django.urls import path

from . import views

app_name = "quality_markers"

urlpatterns = [
    path("quality-markers/", views.framework_view, name="framework"),
    path(
        "quality-markers/markers/<int:pk>/feedback/",
        views.marker_feedback_view,
        name="marker-feedback",
    ),
    path("quality-markers/national/", views.national_summary_view, name="national"),
    path("quality-markers/boards/<int:board_id>/", views.board_summary_view, name="board"),
    path("quality-markers/assessments/", views.assessment_list_view, name="assessment-list"),
    path("quality-markers/assessments/new/", views.assessment_start_view, name="assessment-start"),
    path(
        "quality-markers/assessments/compare/",
        views.assessment_compare_view,
        name="assessment-compare",
    ),
    path("quality-markers/assessments/<int:pk>/", views.assessment_view, name="assessment"),
    path(
        "quality-markers/assessments/<int:pk>/markers/<int:number>/",
        views.rating_edit_view,
        name="rating",
    ),
    path(
        "quality-markers/assessments/<int:pk>/submit/",
        views.assessment_submit_view,
        name="assessment-submit",
    ),
    path(
        "quality-markers/assessments/<int:pk>/summary/",
        views.assessment_summary_view,
        name="assessment-summary",
    ),
]
