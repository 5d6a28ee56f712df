"""The national overview of a period through the API: the page's figures as data."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from ...selectors.overview import national_overview, overview_period


def _trend(trend) -> dict:
    return {
        "code": trend.issue.code,
        "title": trend.issue.title,
        "count": trend.count,
        "share": trend.share,
        "previous_share": trend.previous_share,
        "change": trend.change,
    }


class OverviewView(APIView):
    """A year's, half-year's or quarter's national overview, from published reviews."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("period", str, required=True, description="2025, 2025-H1 or 2025-Q2")
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        try:
            period = overview_period(request.query_params.get("period", ""))
        except ValueError as error:
            raise ValidationError({"period": [str(error)]}) from error
        overview = national_overview(period)
        recommendations = overview.recommendations
        return Response(
            {
                "period": {"key": period.key, "label": period.label},
                "previous_period": {"key": overview.previous.key, "label": overview.previous.label},
                "published_reviews": overview.review_count,
                "previous_published_reviews": overview.previous_review_count,
                "synthetic_demo_reviews": overview.synthetic_count,
                "published_by_part": [
                    {"label": label, "reviews": count} for label, count in overview.by_part
                ],
                "most_often": [_trend(trend) for trend in overview.top_issues],
                "rising": [_trend(trend) for trend in overview.rising],
                "falling": [_trend(trend) for trend in overview.falling],
                "briefings": [
                    {"title": briefing.title, "url": briefing.get_absolute_url()}
                    for briefing in overview.briefings
                ],
                "recommendations": {
                    "total": recommendations.total,
                    "reviews": recommendations.reviews,
                    "mean_per_review": recommendations.mean,
                    "lowest": recommendations.lowest,
                    "highest": recommendations.highest,
                    "benchmark_rr157": recommendations.benchmark,
                    "by_agency": [
                        {"agency": agency, "count": count}
                        for agency, count in recommendations.by_agency
                    ],
                },
            }
        )
