"""The codebook: public downloads (CSV, REFI-QDA) and the analysts' CSV import."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views import View
from django.views.decorators.http import require_GET

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import RoleRequiredMixin
from scr_platform.forms import GovukFormMixin

from ..services.codebook import COLUMNS
from ..services.codebook.export import codebook_csv, codebook_qdc
from ..services.codebook.importing import codebook_import_csv

CSV_FILENAME = "scr-practice-issues-codebook.csv"
QDC_FILENAME = "scr-practice-issues-codebook.qdc"


@require_GET
def codebook_csv_view(request):
    """The whole taxonomy, retired items included, as CSV (the import's format)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{CSV_FILENAME}"'
    codebook_csv(response)
    return response


@require_GET
def codebook_qdc_view(request):
    """The taxonomy as a REFI-QDA codebook for NVivo, ATLAS.ti, MAXQDA, Taguette…"""
    response = HttpResponse(codebook_qdc(), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{QDC_FILENAME}"'
    return response


class CodebookImportForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label="Upload a codebook CSV file",
        help_text="A CSV file saved as UTF-8, smaller than 2 MB, with the columns listed above.",
        error_messages={
            "required": "Select a CSV file",
            "empty": "The selected file is empty",
        },
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def import_refused(self, error: ValidationError) -> None:
        """Show the import's row messages on the file field, styled as the mixin styles errors."""
        for message in error.messages:
            self.add_error("file", message)
        widget = self.fields["file"].widget
        if "govuk-file-upload--error" not in widget.attrs["class"]:
            widget.attrs["class"] += " govuk-file-upload--error"
        widget.attrs["aria-describedby"] = "id_file_helptext id_file-error"


class CodebookImportView(RoleRequiredMixin, View):
    """Upload a codebook CSV: every row is checked first, then all of it is applied or none."""

    required_roles = (Role.ANALYST,)  # administrators pass every role check
    template_name = "collation/codebook_import.html"

    def _render(self, request, form, status=200):
        return render(
            request, self.template_name, {"form": form, "columns": COLUMNS}, status=status
        )

    def get(self, request):
        return self._render(request, CodebookImportForm())

    def post(self, request):
        form = CodebookImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                summary = codebook_import_csv(user=request.user, stream=form.cleaned_data["file"])
            except ValidationError as error:
                form.import_refused(error)
            else:
                if summary.changed:
                    messages.success(request, f"The codebook has been imported. {summary}")
                else:
                    messages.success(
                        request, f"The file matches the codebook: nothing changed. {summary}"
                    )
                return redirect(request.path)
        return self._render(request, form, status=400)
