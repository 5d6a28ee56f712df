"""Attendees give feedback on a session, once (and may change it)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from scr_platform.forms import add_service_errors

from ..forms import FeedbackForm
from ..models import Session
from ..selectors.catalogue import feedback_of, has_attended
from ..services.attendance import feedback_save
from .helpers import ReviewerRequiredMixin


class FeedbackView(ReviewerRequiredMixin, View):
    template_name = "masterclasses/feedback_form.html"

    def _session(self, request, pk):
        session = get_object_or_404(Session.objects.select_related("topic"), pk=pk)
        if not has_attended(user=request.user, session=session):
            raise PermissionDenied("Only those who attended a session give feedback on it.")
        return session

    def get(self, request, pk):
        session = self._session(request, pk)
        existing = feedback_of(user=request.user, session=session)
        initial = {}
        if existing:
            initial = {
                name: getattr(existing, name)
                for name in ("skills", "ideas", "ongoing", "most_helpful", "improve")
            }
        return render(
            request,
            self.template_name,
            {"session": session, "form": FeedbackForm(initial=initial), "existing": existing},
        )

    def post(self, request, pk):
        session = self._session(request, pk)
        form = FeedbackForm(request.POST)
        if form.is_valid():
            try:
                feedback_save(user=request.user, session=session, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Thank you. Your feedback is saved.")
                return redirect("masterclasses:yours")
        existing = feedback_of(user=request.user, session=session)
        return render(
            request,
            self.template_name,
            {"session": session, "form": form, "existing": existing},
            status=400,
        )
