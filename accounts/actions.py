"""Changes of a person's login: closing it when they leave or are anonymized, and ending all its sessions."""

from django.db import transaction
from django.db.models import F

from accounts.models import RoleAssignment, User
from accounts.roles import PERSONAL_ROLES
from audit import log
from audit.models import AuditEntry


def sign_out_everywhere(user: User) -> None:
    """Every session of `user`, on every device, ends at its next request (accounts.models.User)."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])


@transaction.atomic
def close_personal_logins(participant, *, actor, roles=PERSONAL_ROLES) -> list[User]:
    """The personal roles bound to `participant` (their own, their parents'; or only `roles`) end at once; a
    login left with no role is disabled and signed out everywhere. The users whose roles ended."""
    assignments = list(RoleAssignment.objects.filter(participant=participant, role__in=roles)
                       .select_related("user"))
    users = {a.user_id: a.user for a in assignments}
    for assignment in assignments:
        log.record(actor=actor, action=AuditEntry.Action.DELETE, obj=assignment,
                   organization=assignment.organization, participant=participant,
                   changes={"role": [assignment.role, None]})
    RoleAssignment.objects.filter(pk__in=[a.pk for a in assignments]).delete()
    for user in users.values():
        if not user.roles.exists():
            User.objects.filter(pk=user.pk).update(is_active=False)
            sign_out_everywhere(user)
    return list(users.values())
