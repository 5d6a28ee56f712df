"""Your work for an Alliance member: their organisation's overdue actions, nobody else's."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from alliance.models import Action
from alliance.services import representative_appoint
from scr_platform.accounts.choices import Role
from tests.factories import UserFactory
from tests.test_dashboard import assert_fixed_queries, page

pytestmark = pytest.mark.django_db


# --- Alliance member --------------------------------------------------------------------


def test_an_alliance_member_sees_their_organisations_overdue_actions_only(
    client,
    member,
    make_action,
    adcs,
):
    adcs_rep = UserFactory(username="adcs-rep", roles=[Role.ALLIANCE_MEMBER])
    representative_appoint(user=adcs_rep, organisation=adcs)
    today = timezone.localdate()
    late = make_action(title="Our late draft")
    on_time = make_action(title="Our action due next month")
    theirs = make_action(user=adcs_rep, title="Their late published action", publish=True)
    Action.objects.filter(pk__in=[late.pk, theirs.pk]).update(
        due_on=today - datetime.timedelta(days=3)
    )
    Action.objects.filter(pk=on_time.pk).update(due_on=today + datetime.timedelta(days=30))

    content = page(client, member)
    assert f'href="{late.get_absolute_url()}">Our late draft</a>' in content
    assert "3 days overdue" in content
    assert "Our action due next month" not in content
    assert "Their late published action" not in content
    assert reverse("alliance:action-overdue") in content


def test_a_members_page_costs_fixed_queries(
    client, member, make_action, django_assert_max_num_queries
):
    late = timezone.localdate() - datetime.timedelta(days=3)

    def add_work(count):
        for number in range(count):
            action = make_action(title=f"Late action {Action.objects.count()} {number}")
            Action.objects.filter(pk=action.pk).update(due_on=late)

    # Session, user, roles, the organisation; overdue actions with partners and issues (3).
    assert_fixed_queries(client, member, add_work, most=7, assert_max=django_assert_max_num_queries)
