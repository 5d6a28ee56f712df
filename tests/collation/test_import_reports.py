"""``import_reports``: a folder of PDFs with a CSV, resumable, reporting every file."""

import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from collation.models import Review, ReviewDocument
from tests.collation.conftest import BAD, REPORTS

pytestmark = pytest.mark.django_db

HEADER = (
    "file,board,region,reference,title,publication_date,incident,child_age_band,child_sex,"
    "abuse_categories,agencies,review_model,lead_reviewer,kind\n"
)


@pytest.fixture
def folder(tmp_path):
    shutil.copy(REPORTS / "scr_s1_002.pdf", tmp_path)
    shutil.copy(REPORTS / "scr_s1_003.pdf", tmp_path)
    shutil.copy(BAD / "png_renamed.pdf", tmp_path)
    (tmp_path / "reports.csv").write_text(
        HEADER + "scr_s1_002.pdf,Ashby Board,London,AB-1,Child A,2015-03-01,death,under_1,female,"
        "neglect;physical abuse,Police;Education,SILP,Jo Bloggs,overview_report\n"
        + "scr_s1_003.pdf,Ashby Board,London,AB-2,Child B,,serious harm,11 to 15,Male,,,,,\n"
        + "png_renamed.pdf,Ashby Board,London,AB-3,Child C,,death,1_5,male,,,,,\n"
        + "missing.pdf,Ashby Board,London,AB-4,Child D,,death,1_5,male,,,,,\n"
        + "scr_s1_002.pdf,Ashby Board,Atlantis,AB-5,Child E,,death,1_5,male,,,,,\n"
    )
    return tmp_path


def run(folder, *args):
    out, err = StringIO(), StringIO()
    try:
        call_command(
            "import_reports", str(folder), "--user", "admin", *args, stdout=out, stderr=err
        )
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), ""


def test_each_file_is_reported_and_good_ones_are_imported(folder, administrator):
    out, error = run(folder)
    assert "imported  scr_s1_002.pdf" in out
    assert "imported  scr_s1_003.pdf" in out
    assert "rejected  png_renamed.pdf" in out and "PNG" in out
    assert "invalid  missing.pdf" in out and "does not exist" in out
    assert error == "Some files were not imported; see the messages above."
    first = Review.objects.get(reference="AB-1")
    assert first.board.name == "Ashby Board" and first.board.region == "london"
    assert sorted(c.code for c in first.abuse_categories.all()) == ["neglect", "physical"]
    assert sorted(a.name for a in first.agencies.all()) == ["Education", "Police"]
    assert first.review_model == "silp" and first.lead_reviewer_name == "Jo Bloggs"
    # Labels work as well as codes.
    second = Review.objects.get(reference="AB-2")
    assert (second.incident, second.child_age_band, second.child_sex) == (
        "serious_harm",
        "11_15",
        "male",
    )
    assert ReviewDocument.objects.count() == 2


def test_running_again_resumes_without_duplicating(folder, administrator):
    run(folder)
    out, _ = run(folder)
    assert out.count("  skipped  ") == 3  # both imported files, and the repeated row
    assert ReviewDocument.objects.count() == 2
    assert Review.objects.count() == 3  # AB-3's review exists, its PDF was refused


def test_a_bad_region_is_reported_for_that_row(folder, administrator):
    (folder / "reports.csv").write_text(
        HEADER + "scr_s1_002.pdf,New Board,Atlantis,AB-5,Child E,,death,1_5,male,,,,,\n"
    )
    out, _ = run(folder)
    assert "invalid  scr_s1_002.pdf" in out and "region “Atlantis”" in out
    assert not Review.objects.exists()


def test_a_csv_without_the_required_columns_imports_nothing(folder, administrator):
    (folder / "reports.csv").write_text("file,title\nx.pdf,X\n")
    _, error = run(folder)
    assert "has no column board, region, reference" in error
    assert not Review.objects.exists()


def test_only_an_administrator_may_import(folder, analyst):
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="not an active administrator"):
        call_command("import_reports", str(folder), "--user", "analyst", stdout=out, stderr=err)


def test_imported_documents_are_traced_to_the_importing_administrator(folder, administrator):
    from auditlog.models import LogEntry

    run(folder)
    document = ReviewDocument.objects.first()
    assert LogEntry.objects.get_for_object(document).first().actor == administrator
