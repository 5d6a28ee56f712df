"""Collation: page addresses (the repository, search and trends)."""

from django.urls import path, re_path

from scr_platform.response_cache import public_response_cache

from .filtersets import ReviewFilterSet, SearchFilterSet
from .views import (
    agreement,
    briefings,
    codebook,
    coding,
    corpus,
    documents,
    following,
    learning,
    local,
    local_national,
    overview,
    personal_data,
    recommendations,
    reviews,
    search,
    summaries,
    taxonomy,
    trends,
    verification,
)

app_name = "collation"


# The public pages people read most are served whole from the cache while
# nothing the public can see has changed (scr_platform/response_cache.py,
# "Whole-response cache"); signed-in people always get a fresh page. The trend
# grid and issue pages are wrapped in views/trends.py. Parameters: each page's
# own filters and its page number; any other query is rendered as usual.
def _filters_and_page(filterset):
    return lambda: [*filterset.base_filters, "page"]


review_list_view = public_response_cache(
    "review-list", parameters=_filters_and_page(ReviewFilterSet)
)(reviews.review_list_view)
review_detail_view = public_response_cache("review-detail")(reviews.review_detail_view)
document_page_view = public_response_cache("document-page")(documents.document_page_view)
search_view = public_response_cache("search", parameters=_filters_and_page(SearchFilterSet))(
    search.search_view
)
briefing_list_view = public_response_cache("briefing-list")(briefings.briefing_list_view)
# Grouping repeated recommendations compares the whole public body: once per public version.
recommendation_analysis_view = public_response_cache("recommendation-analysis")(
    recommendations.analysis_view
)
# National figures from boards' private records, small numbers hidden: once per version.
local_national_view = public_response_cache("local-national")(local_national.local_national_view)
outcome_rates_view = public_response_cache("recommendation-outcome-rates")(
    local_national.outcome_rates_view
)
briefing_detail_view = public_response_cache("briefing-detail")(briefings.briefing_detail_view)
# Learning material: a briefing for one audience, a training pack, the national overview.
# Their PDFs are kept by printing.pdf_response (under the public version, published ones only).
briefing_audience_view = public_response_cache("briefing-audience")(learning.briefing_audience_view)
training_pack_view = public_response_cache("training-pack")(learning.training_pack_view)
overview_view = public_response_cache("overview")(overview.overview_view)
overview_index_view = public_response_cache("overview-index")(overview.overview_index_view)
_AUDIENCE = r"^briefings/(?P<slug>[-a-zA-Z0-9_]+)/(?P<audience>practitioners|managers|board)"

urlpatterns = [
    path("reviews/", review_list_view, name="review-list"),
    path("reviews/export.csv", reviews.review_export_view, name="review-export"),
    path("reviews/new/", reviews.ReviewCreateView.as_view(), name="review-create"),
    path("reviews/<int:pk>/", review_detail_view, name="review-detail"),
    path("reviews/<int:pk>/edit/", reviews.ReviewEditView.as_view(), name="review-edit"),
    path("reviews/<int:pk>/upload/", documents.UploadView.as_view(), name="document-upload"),
    path("reviews/<int:pk>/publish/", reviews.PublishView.as_view(), name="review-publish"),
    path("reviews/<int:pk>/withdraw/", reviews.WithdrawView.as_view(), name="review-withdraw"),
    path(
        "reviews/<int:pk>/personal-data/",
        personal_data.CheckView.as_view(),
        name="personal-data-check",
    ),
    path(
        "reviews/<int:pk>/personal-data/<int:flag_pk>/",
        personal_data.FlagView.as_view(),
        name="personal-data-flag",
    ),
    path(
        "reviews/<int:pk>/personal-data/<int:flag_pk>/undo/",
        personal_data.UndoView.as_view(),
        name="personal-data-undo",
    ),
    path(
        "reviews/<int:pk>/documents/<int:document_pk>/progress/",
        documents.document_progress_view,
        name="document-progress",
    ),
    path(
        "reviews/<int:pk>/documents/<int:document_pk>/public-copy/progress/",
        documents.public_copy_progress_view,
        name="public-copy-progress",
    ),
    path(
        "reviews/<int:pk>/documents/<int:document_pk>/file/",
        documents.document_file_view,
        name="document-file",
    ),
    path(
        "reviews/<int:pk>/documents/<int:document_pk>/original/delete/",
        documents.OriginalDeleteView.as_view(),
        name="document-original-delete",
    ),
    path(
        "reviews/<int:pk>/documents/<int:document_pk>/pages/<int:number>/",
        document_page_view,
        name="document-page",
    ),
    path(
        "reviews/<int:pk>/documents/<int:document_pk>/pages/<int:number>/redact/",
        documents.RedactSelectionView.as_view(),
        name="document-redact",
    ),
    path(
        "reviews/<int:pk>/documents/<int:document_pk>/replace/",
        documents.ReplaceView.as_view(),
        name="document-replace",
    ),
    path(
        "reviews/<int:pk>/documents/<int:document_pk>/code/<int:number>/",
        coding.CodingPageView.as_view(),
        name="coding-page",
    ),
    path("codings/<int:coding_pk>/", coding.CodingEditView.as_view(), name="coding-edit"),
    path(
        "suggestions/<int:suggestion_pk>/<str:decision>/",
        coding.SuggestionDecisionView.as_view(),
        name="suggestion-decide",
    ),
    path(
        "codings/<int:coding_pk>/resolve/",
        verification.ResolveView.as_view(),
        name="coding-resolve",
    ),
    path("reviews/<int:pk>/summary/", summaries.SummaryEditView.as_view(), name="review-summary"),
    path("reviews/<int:pk>/verify/", verification.ReviewVerifyView.as_view(), name="verify-review"),
    path("trends/verification/", verification.WorkView.as_view(), name="verification"),
    path("trends/calibration/", verification.CalibrationView.as_view(), name="calibration"),
    path("search/", search_view, name="search"),
    path("trends/", trends.grid_view, name="trend-grid"),
    path("trends/grid.csv", trends.grid_csv_view, name="trend-grid-csv"),
    path("trends/grid.json", trends.grid_json_view, name="trend-grid-json"),
    path("trends/issues/<str:code>/", trends.issue_view, name="trend-issue"),
    path("briefings/", briefing_list_view, name="briefing-list"),
    path("briefings/new/", briefings.BriefingEditView.as_view(), name="briefing-new"),
    path("briefings/<slug:slug>/", briefing_detail_view, name="briefing-detail"),
    path("briefings/<slug:slug>/edit/", briefings.BriefingEditView.as_view(), name="briefing-edit"),
    re_path(_AUDIENCE + r"/$", briefing_audience_view, name="briefing-audience"),
    re_path(
        _AUDIENCE + r"\.pdf$", learning.briefing_audience_pdf_view, name="briefing-audience-pdf"
    ),
    re_path(
        _AUDIENCE + r"/edit/$",
        learning.BriefingAudienceEditView.as_view(),
        name="briefing-audience-edit",
    ),
    path("trends/issues/<str:code>/training-pack/", training_pack_view, name="training-pack"),
    path(
        "trends/issues/<str:code>/training-pack.pdf",
        learning.training_pack_pdf_view,
        name="training-pack-pdf",
    ),
    path(
        "trends/issues/<str:code>/training-pack/edit/",
        learning.TrainingPackEditView.as_view(),
        name="training-pack-edit",
    ),
    path("trends/overview/", overview_index_view, name="overview-index"),
    path("trends/overview/<str:period>.pdf", overview.overview_pdf_view, name="overview-pdf"),
    path("trends/overview/<str:period>/", overview_view, name="overview"),
    path("follow/", following.FollowView.as_view(), name="follow"),
    path("follow/sent/", following.follow_sent_view, name="follow-sent"),
    path("follow/mine/", following.MyFollowsView.as_view(), name="follow-mine"),
    path("follow/confirm/<str:token>/", following.ConfirmView.as_view(), name="follow-confirm"),
    path("follow/manage/<str:token>/", following.ManageView.as_view(), name="follow-manage"),
    path(
        "follow/unsubscribe/<str:token>/",
        following.UnsubscribeView.as_view(),
        name="follow-unsubscribe",
    ),
    path("trends/agreement/", agreement.agreement_view, name="agreement"),
    path(
        "trends/recommendations/",
        recommendation_analysis_view,
        name="recommendation-analysis",
    ),
    path(
        "reviews/<int:pk>/recommendations/<int:recommendation_pk>/code/",
        recommendations.RecommendationCodeView.as_view(),
        name="recommendation-code",
    ),
    path("boards/<slug:slug>/grid/", local.GridView.as_view(), name="local-grid"),
    path("boards/<slug:slug>/grid/sharing/", local.SharingView.as_view(), name="local-sharing"),
    path("boards/<slug:slug>/grid/<str:code>/", local.IssueView.as_view(), name="local-issue"),
    path(
        "boards/<slug:slug>/grid/<str:code>/actions/new/",
        local.ActionCreateView.as_view(),
        name="local-action-create",
    ),
    path(
        "boards/<slug:slug>/actions/<int:action_pk>/",
        local.ActionView.as_view(),
        name="local-action",
    ),
    path(
        "reviews/<int:pk>/recommendations/outcomes/",
        local.OutcomesView.as_view(),
        name="recommendation-outcomes",
    ),
    path(
        "reviews/<int:pk>/recommendations/<int:recommendation_pk>/outcome/",
        local.OutcomeRecordView.as_view(),
        name="recommendation-outcome-record",
    ),
    path("trends/local/", local_national_view, name="local-national"),
    path(
        "trends/recommendations/outcomes/",
        outcome_rates_view,
        name="recommendation-outcome-rates",
    ),
    path("trends/codebook.csv", codebook.codebook_csv_view, name="codebook-csv"),
    path("trends/codebook.qdc", codebook.codebook_qdc_view, name="codebook-qdc"),
    path("trends/codings.csv", corpus.codings_csv_view, name="codings-csv"),
    path("trends/corpus.qdpx", corpus.corpus_qdpx_view, name="corpus-qdpx"),
    path("trends/codebook/import/", codebook.CodebookImportView.as_view(), name="codebook-import"),
    path("trends/taxonomy/", taxonomy.TaxonomyView.as_view(), name="taxonomy"),
    path(
        "trends/taxonomy/stages/new/", taxonomy.StageEditView.as_view(), name="taxonomy-stage-new"
    ),
    path(
        "trends/taxonomy/stages/<str:code>/",
        taxonomy.StageEditView.as_view(),
        name="taxonomy-stage-edit",
    ),
    path(
        "trends/taxonomy/issues/new/", taxonomy.IssueEditView.as_view(), name="taxonomy-issue-new"
    ),
    path(
        "trends/taxonomy/issues/<str:code>/",
        taxonomy.IssueEditView.as_view(),
        name="taxonomy-issue-edit",
    ),
]
