from accounts.scoping import may_anywhere


def roles(request):
    """What the navigation may offer; cheap lookups done once per page."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "nav_roles": list(user.roles.select_related("organization").all()),
        "can_view_people": may_anywhere(user, "view_people"),
        "can_manage_people": may_anywhere(user, "manage_people"),
        "can_view_audit": may_anywhere(user, "view_audit"),
        "can_manage_organizations": may_anywhere(user, "manage_organizations"),
    }
