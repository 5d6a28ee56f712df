"""Check personal data: a manager works through the flags one after another.

Each flag is shown in its page's text with the words marked. One click (or
the R key) redacts it; choosing a reason and one click keeps it as not
personal data; one click decides every occurrence of the same text. Decisions
can be undone until the review is published.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from scr_platform.forms import add_service_errors

from ..choices import FlagStatus
from ..models import RedactionJob
from ..personal_data_forms import FlagDecisionForm
from ..selectors.personal_data import (
    flag_passage,
    next_open_flag,
    review_check_flags,
    review_check_progress,
)
from ..services.personal_data import (
    flag_decide,
    flag_undo,
    flags_decide_same,
    same_text_flags,
    unflagged_occurrences,
)
from .manage import ManageView, review_to_manage

REFUSAL = "You cannot check personal data on this review."


def _check_url(review, flag=None) -> str:
    if flag is None:
        return reverse("collation:personal-data-check", kwargs={"pk": review.pk})
    return reverse("collation:personal-data-flag", kwargs={"pk": review.pk, "flag_pk": flag.pk})


class CheckView(ManageView):
    """The next flag to check, or, when none is left, what was decided."""

    def get(self, request, pk):
        review = review_to_manage(request, pk, refusal=REFUSAL)
        flag = next_open_flag(review=review)
        if flag is not None:
            return redirect(_check_url(review, flag))
        return render(request, "collation/personal_data_check.html", _context(review, None))


class FlagView(ManageView):
    """One flag in its context, with the decision form."""

    def _flag(self, request, pk, flag_pk):
        review = review_to_manage(request, pk, refusal=REFUSAL)
        return review, get_object_or_404(review_check_flags(review=review), pk=flag_pk)

    def get(self, request, pk, flag_pk):
        review, flag = self._flag(request, pk, flag_pk)
        context = _context(review, flag, FlagDecisionForm())
        return render(request, "collation/personal_data_check.html", context)

    def post(self, request, pk, flag_pk):
        review, flag = self._flag(request, pk, flag_pk)
        form = FlagDecisionForm(request.POST)
        if form.is_valid():
            decision = form.cleaned_data["decision"]
            reason = form.cleaned_data["reason_text"]
            try:
                if form.cleaned_data.get("scope") == "all":
                    count = flags_decide_same(
                        user=request.user, flag=flag, decision=decision, reason=reason
                    )
                else:
                    flag_decide(user=request.user, flag=flag, decision=decision, reason=reason)
                    count = 1
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _decided_message(flag, decision, count))
                following = next_open_flag(review=review, after=flag)
                return redirect(_check_url(review, following))
        context = _context(review, flag, form)
        return render(request, "collation/personal_data_check.html", context, status=400)


def _decided_message(flag, decision: str, count: int) -> str:
    what = f"“{flag.text}”" if count == 1 else f"{count} occurrences of “{flag.text}”"
    if decision == FlagStatus.REDACT:
        return f"{what} will be redacted."
    return f"{what} kept: not personal data."


class UndoView(ManageView):
    """Take back a decision (until the review is published)."""

    def post(self, request, pk, flag_pk):
        review = review_to_manage(request, pk, refusal=REFUSAL)
        flag = get_object_or_404(review_check_flags(review=review), pk=flag_pk)
        try:
            remaining = flag_undo(user=request.user, flag=flag)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(_check_url(review))
        messages.success(request, f"Decision on “{flag.text}” undone.")
        return redirect(_check_url(review, remaining))


def _context(review, flag, form=None) -> dict:
    flags = list(review_check_flags(review=review))
    context = {
        "review": review,
        "flag": flag,
        "form": form,
        "progress": review_check_progress(review=review),
        "decided": [item for item in flags if item.status != FlagStatus.OPEN],
        "public_copies": RedactionJob.objects.filter(
            document__review=review, document__superseded_by__isnull=True
        ).select_related("document"),
    }
    if flag is not None:
        same = same_text_flags(flag=flag).count()
        following = next_open_flag(review=review, after=flag)
        context.update(
            passage=flag_passage(flag=flag),
            following=following if following != flag else None,
            # Every open flag with the same text, plus pages where it stands unflagged.
            occurrences=same + unflagged_occurrences(flag=flag).count(),
        )
    return context
