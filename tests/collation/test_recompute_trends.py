"""``manage.py recompute_trends``, the command the product specification names."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from collation.models import ReviewIssue
from collation.services.trends import trends_version
from tests.collation.test_trends import review_showing
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _run(*arguments) -> str:
    out = StringIO()
    call_command("recompute_trends", *arguments, stdout=out)
    return out.getvalue()


def test_it_rebuilds_the_figures_clears_the_cache_and_prints_each_year(
    board, django_capture_on_commit_callbacks
):
    coder = UserFactory(username="coder", roles=["analyst"])
    review_showing(["C1", "G2"], published_on=date(2014, 3, 1), board=board, coder=coder)
    review_showing(["C1"], published_on=date(2016, 5, 1), board=board, coder=coder)
    review_showing(["D4"], published_on=date(2016, 6, 1), board=board, coder=coder, publish=False)
    ReviewIssue.objects.all().delete()  # as if codings had been changed behind the service
    before = trends_version()
    with django_capture_on_commit_callbacks(execute=True):
        output = _run()
    assert ReviewIssue.objects.count() == 4  # the draft's row too: it counts once published
    assert trends_version() != before
    assert "Recomputed the trend figures: 4 review–issue row(s)." in output
    assert "2014: 1 published review(s); most often C1 1 (100%), G2 1 (100%)" in output
    assert "2015: 0 published review(s)\n" in output
    assert "2016: 1 published review(s); most often C1 1 (100%)\n" in output


def test_it_prints_quarters_when_asked_and_says_when_there_is_nothing(board):
    assert "No published review has a publication date yet" in _run()
    coder = UserFactory(username="coder", roles=["analyst"])
    review_showing(["C1"], published_on=date(2016, 5, 1), board=board, coder=coder)
    output = _run("--period", "quarter")
    assert "Quarter 2 2016: 1 published review(s); most often C1 1 (100%)" in output
    assert "All time: 1 published review(s)" in _run("--period", "all")
