"""Defect 1 across the service: every date a person types is a GOV.UK date input, filled
with the date it holds (never the locale's "04/12/2026" in a browser's date box), and
dates that must have happened are refused when they are still to come."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from collation.forms import ReviewForm
from collation.services.reviews import review_publish, review_update
from masterclasses.models import CpdActivity
from tests.collation.test_trends import review_showing
from tests.date_input import date_input_data
from tests.factories import ReviewFactory, UserFactory

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def _boxes(content: str, name: str, value: datetime.date) -> bool:
    return all(
        f'name="{name}_{part}" type="text" inputmode="numeric" value="{number}"' in content
        for part, number in (("day", value.day), ("month", value.month), ("year", value.year))
    )


def test_a_new_cpd_activity_offers_today_in_three_boxes(client, reviewer):
    client.force_login(reviewer)
    content = client.get(reverse("masterclasses:cpd-new")).content.decode()
    assert _boxes(content, "date", timezone.localdate())
    assert 'type="date"' not in content
    assert timezone.localdate().strftime("%d/%m/%Y") not in content


def test_a_cpd_activity_cannot_be_dated_in_the_future(client, reviewer):
    client.force_login(reviewer)
    data = {"title": "Peer group", "kind": "peer_support", "hours": "2"}
    response = client.post(
        reverse("masterclasses:cpd-new"), {**data, **date_input_data("date", TOMORROW)}
    )
    assert response.status_code == 400
    assert "Date of the activity must be today or in the past" in response.content.decode()
    response = client.post(
        reverse("masterclasses:cpd-new"), {**data, **date_input_data("date", ("4", "", "2016"))}
    )
    assert "Date of the activity must include a month" in response.content.decode()
    assert not CpdActivity.objects.exists()


def test_a_review_cannot_be_dated_in_the_future_on_its_form_or_by_the_service(manager, board):
    form = ReviewForm(date_input_data("publication_date", TOMORROW))
    form.is_valid()
    assert form.errors["publication_date"] == ["Publication date must be today or in the past"]
    review = ReviewFactory(board=board)
    with pytest.raises(ValidationError) as error:
        review_update(user=manager, review=review, publication_date=TOMORROW)
    assert error.value.message_dict == {
        "publication_date": ["Publication date must be today or in the past"]
    }


def test_a_review_form_shows_its_publication_date_in_three_boxes(client, manager, board):
    review = ReviewFactory(board=board, publication_date=datetime.date(2014, 3, 9))
    client.force_login(manager)
    content = client.get(reverse("collation:review-edit", args=[review.pk])).content.decode()
    assert _boxes(content, "publication_date", datetime.date(2014, 3, 9))


def test_publishing_keeps_the_report_s_own_publication_date(manager, board):
    coder = UserFactory(username="coder", roles=["analyst"])
    historical = review_showing(
        ["C1"], published_on=datetime.date(2014, 3, 9), board=board, coder=coder, publish=False
    )
    undated = review_showing(["C1"], published_on=None, board=board, coder=coder, publish=False)
    assert review_publish(user=manager, review=historical).publication_date == datetime.date(
        2014, 3, 9
    )
    assert review_publish(user=manager, review=undated).publication_date == timezone.localdate()
