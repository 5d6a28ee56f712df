"""Search and the trend grid through the API."""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.response import Response

from ...filtersets import SearchFilterSet
from ...selectors import page_search, published_review_list
from .. import serializers


class SearchView(ListAPIView):
    """Full-text search over published reports, ranked, with highlighted snippets.

    ``q`` takes web-search syntax: words, "quoted phrases", ``or``, ``-excluded``.
    Every review filter applies too. Only published reports are ever searched.
    """

    serializer_class = serializers.SearchHitSerializer
    permission_classes = [permissions.AllowAny]
    filterset_class = SearchFilterSet
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        return published_review_list()

    @extend_schema(responses=serializers.SearchResultsSerializer)
    def get(self, request, *args, **kwargs):
        query = request.query_params.get("q", "").strip()
        if not query:
            raise ValidationError({"q": "Enter what to search for."})
        reviews = self.filter_queryset(self.get_queryset())
        page_size = self.paginator.get_page_size(request)
        page_number = _positive_int(request.query_params.get("page"), default=1)
        results = page_search(
            query=query, reviews=reviews, offset=(page_number - 1) * page_size, limit=page_size
        )
        return Response(
            serializers.SearchResultsSerializer(
                {
                    "count": results.total,
                    "count_is_capped": results.total_is_capped,
                    "page": page_number,
                    "results": results.hits,
                }
            ).data
        )


def _positive_int(value: str | None, *, default: int) -> int:
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return default
