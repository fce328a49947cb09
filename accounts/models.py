import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.crypto import salted_hmac

from accounts.roles import PERSONAL_ROLES, STAFF_ROLES, Role


def _seen(user) -> Q:
    """Role assignments `user` may see: their own and those held in the organizations they see."""
    from accounts.scoping import organizations_where

    return Q(user=user.pk) | Q(organization__in=organizations_where(user, "view_organization"))


class UserQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The user and the people holding a role in the organizations they see."""
        return self.filter(Q(pk=user.pk) | Q(pk__in=RoleAssignment.objects.filter(_seen(user)).values("user")))


class VisibleUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    middle_name = models.CharField("отчество", max_length=150, blank=True)
    # Raised by «выйти на всех устройствах»: every session signed with the previous value ends.
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    objects = VisibleUserManager()

    def _get_session_auth_hash(self, secret=None):
        """Django's hash of the password, which a session must match, with the generation mixed in."""
        if not self.session_generation:
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac("accounts.User.session", f"{self.password}:{self.session_generation}", secret=secret,
                           algorithm="sha256").hexdigest()

    def get_full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p) or self.username


class RoleAssignmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(_seen(user))


class RoleAssignment(models.Model):
    """One role of a user in one organization; a person may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField("роль", max_length=30, choices=Role.choices)
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name="организация", on_delete=models.CASCADE, related_name="+"
    )
    # Mentor and mentee: their own record; legal representative: the child's record.
    participant = models.ForeignKey(
        "people.Participant", verbose_name="участник", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "роль пользователя"
        verbose_name_plural = "роли пользователей"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organization"],
                condition=Q(participant__isnull=True),
                name="staff_role_unique",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organization", "participant"],
                condition=Q(participant__isnull=False),
                name="personal_role_unique",
            ),
            models.CheckConstraint(
                condition=Q(role__in=[r.value for r in PERSONAL_ROLES], participant__isnull=False)
                | Q(role__in=[r.value for r in STAFF_ROLES], participant__isnull=True),
                name="role_assignment_participant_for_personal_roles",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}, {self.organization}"


class ApiToken(models.Model):
    """A bearer token for integrations; only its hash is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("назначение", max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "токен API"
        verbose_name_plural = "токены API"

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str) -> tuple["ApiToken", str]:
        """Create a token and return it with the plain key, which is shown once."""
        key = secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, key_hash=cls.hash(key)), key
