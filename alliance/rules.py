"""Who may see and change the Alliance's records: the one place these rules are written.

Selectors, pages and the API all ask here. In short:

- the public sees member organisations, working groups and published actions;
- an Alliance member acts for the organisation they currently represent:
  they record its actions and change those it leads or is a partner in, and
  see those actions before they are published;
- Alliance members record and correct meetings and their decisions; analysts
  may read them;
- Alliance members and analysts record good practice; its author or an
  administrator changes it;
- overdue actions are listed for Alliance members and administrators only;
- analysts run digital summits (open rounds, moderate, summarise); verified
  practitioners contribute; the public sees approved contributions only, and a
  practitioner their own whatever their state;
- administrators may do everything.
"""

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import has_role, is_administrator

from .models import Action, Organisation, Representative

_CACHE_ATTRIBUTE = "_alliance_organisation"


def represented_organisation(user) -> Organisation | None:
    """The organisation an Alliance member currently represents, read once per request."""
    if not has_role(user, [Role.ALLIANCE_MEMBER]):
        return None
    if not hasattr(user, _CACHE_ATTRIBUTE):
        representation = (
            Representative.objects.filter(user=user, ended_on__isnull=True)
            .select_related("organisation")
            .first()
        )
        organisation = representation.organisation if representation else None
        setattr(user, _CACHE_ATTRIBUTE, organisation)
    return getattr(user, _CACHE_ATTRIBUTE)


def forget_organisation(user) -> None:
    """Drop the cached organisation after a representation changes."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def can_record_actions(user) -> bool:
    """Administrators, and Alliance members who represent an organisation."""
    return is_administrator(user) or represented_organisation(user) is not None


def acts_for(user, action: Action) -> bool:
    """The user represents the action's lead organisation or one of its partners."""
    organisation = represented_organisation(user)
    if organisation is None:
        return False
    if action.organisation_id == organisation.pk:
        return True
    return any(partner.pk == organisation.pk for partner in action.partners.all())


def can_change_action(user, action: Action) -> bool:
    """Change, publish, add progress and evidence: its organisations' representatives, admins."""
    return is_administrator(user) or acts_for(user, action)


def can_view_action(user, action: Action) -> bool:
    """Published: everyone. Unpublished: those who may change it."""
    return action.is_published or can_change_action(user, action)


def can_read_meetings(user) -> bool:
    """Alliance members, analysts (who bring the analysis to meetings) and administrators."""
    return has_role(user, [Role.ALLIANCE_MEMBER, Role.ANALYST])


def can_record_meetings(user) -> bool:
    """Alliance members record meetings and working groups; administrators too."""
    return has_role(user, [Role.ALLIANCE_MEMBER])


def can_see_overdue(user) -> bool:
    """Overdue actions: Alliance members (who hold each other to account) and administrators.

    Not the public: a public page is cached until something changes, and
    "overdue" changes with the date alone.
    """
    return has_role(user, [Role.ALLIANCE_MEMBER])


def can_record_good_practice(user) -> bool:
    """Alliance members and analysts record what has worked somewhere; administrators too."""
    return has_role(user, [Role.ALLIANCE_MEMBER, Role.ANALYST])


def can_change_good_practice(user, good_practice) -> bool:
    """Its author (while they may still record good practice), and administrators."""
    if is_administrator(user):
        return True
    return good_practice.recorded_by_id == user.pk and can_record_good_practice(user)


# --- Digital summits: practitioners' causes and solutions ---------------------------


def can_run_summits(user) -> bool:
    """Analysts open rounds, move them on, write their summaries and moderate; admins too."""
    return has_role(user, [Role.ANALYST])


def can_contribute(user) -> bool:
    """Practitioners whose e-mail address is verified (the role is given on verifying)."""
    return has_role(user, [Role.PRACTITIONER])


def can_view_contribution(user, contribution) -> bool:
    """Approved: everyone. Otherwise: its author, and those who moderate."""
    return (
        contribution.is_public
        or (user.is_authenticated and contribution.author_id == user.pk)
        or can_run_summits(user)
    )
