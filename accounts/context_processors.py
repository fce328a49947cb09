from accounts.models import PERSONAL_ROLES
from accounts.scoping import CAPABILITIES


def roles(request):
    """What the navigation may offer; the user's roles are read once per page."""
    user = request.user
    if not user.is_authenticated:
        return {}
    nav_roles = list(user.roles.select_related("organization").all())
    held = {assignment.role for assignment in nav_roles}

    def can(capability: str) -> bool:
        return user.is_superuser or not held.isdisjoint(CAPABILITIES[capability])

    return {
        "nav_roles": nav_roles,
        "can_view_people": can("view_people"),
        # Pairs are listed for the organization's staff and the participants themselves, not above them.
        "can_view_pairs": can("view_people") or not held.isdisjoint(PERSONAL_ROLES),
        "is_participant": not held.isdisjoint(PERSONAL_ROLES),
        "can_view_organizations": can("view_organization"),
        "can_view_aggregates": can("view_aggregates"),
        "can_manage_people": can("manage_people"),
        "can_view_audit": can("view_audit"),
        "can_manage_organizations": can("manage_organizations"),
        "can_run_matching": can("run_matching"),
    }
