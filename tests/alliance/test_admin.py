"""Administrators keep member organisations and their representatives in Django admin."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from alliance.models import Organisation, Representative

pytestmark = pytest.mark.django_db


def test_an_administrator_adds_an_organisation_with_its_representative(
    client, administrator, alliance_member
):
    client.force_login(administrator)
    for name in (
        "organisation",
        "representative",
        "action",
        "meeting",
        "workinggroup",
        "goodpractice",
        "practitioner",
        "summitround",
        "contribution",
    ):
        url = reverse(f"admin:alliance_{name}_changelist")
        assert client.get(url).status_code == 200, name
    response = client.post(
        reverse("admin:alliance_organisation_add"),
        {
            "name": "Royal College of Nursing",
            "short_name": "RCN",
            "slug": "rcn",
            "sector": "professional",
            "joined_on": "2015-06-01",
            "representatives-TOTAL_FORMS": "1",
            "representatives-INITIAL_FORMS": "0",
            "representatives-0-user": alliance_member.pk,
            "representatives-0-job_title": "Professional lead",
            "representatives-0-started_on": "2015-06-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    organisation = Organisation.objects.get(slug="rcn")
    assert Representative.objects.get().organisation == organisation
    entry = LogEntry.objects.get_for_object(organisation).get()
    assert entry.actor == administrator


def test_a_second_current_organisation_is_refused_with_a_message(
    client, administrator, member, police
):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:alliance_representative_add"),
        {"user": member.pk, "organisation": police.pk, "started_on": "2016-01-01"},
    )
    assert response.status_code == 200
    assert "already represents an organisation" in response.content.decode()


def test_other_roles_do_not_reach_the_alliance_in_admin(client, member):
    client.force_login(member)
    response = client.get(reverse("admin:alliance_organisation_changelist"))
    assert response.status_code == 302
