"""The reviewer directory: boards find reviewers; reviewers keep their own profile."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views import View
from django.views.decorators.http import require_safe

from scr_platform.forms import add_service_errors

from ..filtersets import ProfileFilterSet
from ..forms import ProfileForm
from ..rules import is_reviewer, profile_parts, sees_listed_profiles
from ..selectors.directory import profile_get, profile_list, profile_of, profile_reviews
from ..services.profiles import profile_save
from .helpers import ReviewerRequiredMixin

PAGE_SIZE = 20


@require_safe
def directory_view(request):
    """Find a lead reviewer by region, method, availability, background or name."""
    filterset = ProfileFilterSet(
        request.GET or None, queryset=profile_list(user=request.user), request=request
    )
    profiles = filterset.qs if not filterset.is_bound or filterset.is_valid() else []
    page = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("page"))
    for profile in page.object_list:
        profile.parts = profile_parts(request.user, profile)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "masterclasses/reviewer_list.html",
        {
            "filter": filterset,
            "page": page,
            "query_string": query.urlencode(),
            "full_view": sees_listed_profiles(request.user),
            "is_reviewer": is_reviewer(request.user),
            "hidden_filters": [],
        },
    )


@require_safe
def reviewer_detail_view(request, pk):
    profile = profile_get(user=request.user, pk=pk)
    return render(
        request,
        "masterclasses/reviewer_detail.html",
        {
            "profile": profile,
            "parts": profile_parts(request.user, profile),
            "reviews": profile_reviews(viewer=request.user, profile=profile)[:50],
            "own": profile.user_id == request.user.pk,
        },
    )


class ProfileEditView(ReviewerRequiredMixin, View):
    """A lead reviewer's own profile: what it says and who sees which parts."""

    template_name = "masterclasses/profile_form.html"

    def get(self, request):
        profile = profile_of(user=request.user)
        initial = (
            ProfileForm.initial_from(profile)
            if profile
            else {
                "visibility": "boards",
                "public_parts": ["background", "experience", "methods", "regions"],
            }
        )
        return render(
            request, self.template_name, {"form": ProfileForm(initial=initial), "profile": profile}
        )

    def post(self, request):
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                profile = profile_save(user=request.user, **form.service_arguments())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Your directory profile is saved.")
                return redirect(profile)
        return render(
            request,
            self.template_name,
            {"form": form, "profile": profile_of(user=request.user)},
            status=400,
        )
