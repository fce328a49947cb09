"""The one scoping mechanism: user → the organizations and records they may see, by role.

Every list, card, export, API call and report starts from `Model.objects.visible_to(user)` or
`organizations_where(user, capability)`; nothing else filters personal data by hand
(accounts/tests/test_scoped_queries.py reads the request-facing modules to make sure). Roles held
at a region or a municipality reach down the fixed hierarchy region → municipality → organization,
walked only by `organizations.models` (`at_or_below`, `at_or_above`, `Organization.lineage`).

Personal data stays in the organization: a role held at a region or a municipality (TERRITORIAL_ROLES) sees
the organizations below it, their counts, shares and documents («view_aggregates»), but no participant —
`visible_to` gives such a user no participant and no pair, so every list, card, export and API answer of
personal data is empty or refused for them. Above the organization only adults who agreed appear: the regional
base of mentors (`Participant.objects.in_mentor_base_of`).

The models of personal data build on `ScopedQuerySet`, so this module sits beneath them: the two pair models
it needs (a mentor sees their mentees; rows of a pair follow the pair) come from the app registry by label,
as a ForeignKey names them, not by an import.
"""

from django.apps import apps
from django.db import models
from django.db.models import Q

from accounts.roles import PERSONAL_ROLES, Role
from organizations.models import Agreement, Organization, at_or_above, at_or_below

# Roles held at a region or a municipality: above the organization, numbers and not names.
TERRITORIAL_ROLES = (Role.REGION_OPERATOR, Role.MUNICIPAL_SPECIALIST)

# What each capability needs, by role. A role held at an organization grants the capability
# there and at every organization below it.
CAPABILITIES: dict[str, tuple[Role, ...]] = {
    "view_organization": (Role.REGION_OPERATOR, Role.MUNICIPAL_SPECIALIST, Role.HEAD, Role.CURATOR, Role.PSYCHOLOGIST),
    # Named records of participants: only inside the organization.
    "view_people": (Role.HEAD, Role.CURATOR, Role.PSYCHOLOGIST),
    # Counts, shares and charts of the territory, and the regional base of mentors.
    "view_aggregates": TERRITORIAL_ROLES,
    "manage_people": (Role.HEAD, Role.CURATOR),
    "view_audit": (Role.REGION_OPERATOR, Role.MUNICIPAL_SPECIALIST, Role.HEAD),
    "manage_organizations": (Role.REGION_OPERATOR,),
    "manage_agreements": (Role.REGION_OPERATOR, Role.MUNICIPAL_SPECIALIST, Role.HEAD, Role.CURATOR),
    "manage_pairs": (Role.HEAD, Role.CURATOR),
    "approve_plans": (Role.HEAD, Role.CURATOR),
    # Feedback after meetings is private to the pair, the curator and the psychologist — not the head.
    "view_feedback": (Role.CURATOR, Role.PSYCHOLOGIST),
    # Reports of the pairs are approved by the head (seed 000 §3.1).
    "approve_reports": (Role.HEAD,),
    "manage_programme": (Role.HEAD, Role.CURATOR),
    "run_matching": (Role.REGION_OPERATOR, Role.MUNICIPAL_SPECIALIST, Role.HEAD, Role.CURATOR),
    "configure_rules": (Role.REGION_OPERATOR, Role.HEAD),
    # The indicators' denominators and targets of a territory or an organization (monitoring).
    "manage_indicators": (Role.REGION_OPERATOR, Role.MUNICIPAL_SPECIALIST, Role.HEAD, Role.CURATOR),
    # A roadmap is written by the staff of its own organization and approved by the level directly above:
    # both are held at that very organization (`holds_at`), not from above.
    "manage_roadmaps": (Role.REGION_OPERATOR, Role.MUNICIPAL_SPECIALIST, Role.HEAD, Role.CURATOR),
    "approve_roadmaps": TERRITORIAL_ROLES,
    # Questionnaires sent to an organization's participants, or by a territory across its organizations (surveys).
    "run_surveys": (Role.REGION_OPERATOR, Role.MUNICIPAL_SPECIALIST, Role.HEAD, Role.CURATOR),
    # The yearly report (a territory's summary) is written and sent up by the staff of its own organization.
    "write_reports": (Role.REGION_OPERATOR, Role.MUNICIPAL_SPECIALIST, Role.HEAD, Role.CURATOR),
}


def organizations_where(user, capability: str):
    """The organizations where `user` holds `capability`, as a lazy queryset."""
    if not user.is_authenticated or not user.is_active:
        return Organization.objects.none()
    if user.is_superuser:
        return Organization.objects.all()
    roots = user.roles.filter(role__in=CAPABILITIES[capability]).values("organization")
    return Organization.objects.filter(at_or_below(roots))


def organizations_above_visible(user):
    """The visible organizations and those above them: agreements with these cover the user's ones."""
    return Organization.objects.filter(at_or_above(organizations_where(user, "view_organization")))


def partners_visible_to(user):
    """Partners the user sees: visible ones and those attached to a territory above the user's organizations."""
    return Organization.objects.filter(kind=Organization.Kind.PARTNER).filter(
        Q(pk__in=organizations_where(user, "view_organization")) | Q(parent__in=organizations_above_visible(user))
    )


def mentor_base_organizations(user):
    """The base of mentors is the region's: every organization of the regions where the user is staff."""
    regions = organizations_above_visible(user).filter(kind=Organization.Kind.REGION).values("pk")
    return Organization.objects.filter(at_or_below(regions))


def agreements_visible_to(user):
    """Agreements with the user's organizations or a territory above them, and those of visible partners."""
    return Agreement.objects.filter(
        Q(counterparty__in=organizations_above_visible(user))
        | Q(partner__in=organizations_where(user, "view_organization"))
    )


def may(user, capability: str, organization) -> bool:
    """Whether `user` holds `capability` at `organization` (directly or from above)."""
    if organization is None:
        return False
    if user.is_authenticated and user.is_active and user.is_superuser:
        return True
    return (
        user.is_authenticated
        and user.roles.filter(role__in=CAPABILITIES[capability], organization__in=organization.lineage()).exists()
    )


def holds_at(user, capability: str, organization) -> bool:
    """Whether `user` holds `capability` at `organization` itself, not from a territory above it."""
    if organization is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.roles.filter(role__in=CAPABILITIES[capability],
                                                  organization=organization).exists()


def organizations_held(user, capability: str):
    """The organizations where `user` holds `capability` itself (`holds_at`), as a lazy queryset."""
    if not user.is_authenticated or not user.is_active:
        return Organization.objects.none()
    if user.is_superuser:
        return Organization.objects.all()
    return Organization.objects.filter(pk__in=user.roles.filter(role__in=CAPABILITIES[capability])
                                       .values("organization"))


def may_anywhere(user, capability: str) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.roles.filter(role__in=CAPABILITIES[capability]).exists()
    )


def sees_people(user) -> bool:
    """Whether the user reads anybody's named record: staff of an organization, or a participant themself."""
    return may_anywhere(user, "view_people") or (
        user.is_authenticated and user.roles.filter(role__in=PERSONAL_ROLES).exists())


def personal_participant_ids(user, *roles: Role):
    """Participant ids a user is linked to personally (own record as mentor/mentee, a child)."""
    return user.roles.filter(role__in=roles or (Role.MENTOR, Role.MENTEE, Role.REPRESENTATIVE)).values(
        "participant"
    )


def participants_q(user, prefix: str = "") -> Q:
    """Which participants `user` may see; `prefix` points from another model to the participant."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    p = prefix + "__" if prefix else ""
    own = personal_participant_ids(user)
    my_mentees = apps.get_model("pairs", "PairMentee").objects.live().filter(
        pair__mentor__in=personal_participant_ids(user, Role.MENTOR)
    ).values("mentee")
    return (
        Q(**{f"{p}organization__in": organizations_where(user, "view_people")})
        | Q(**{f"{p}pk__in": own})
        | Q(**{f"{p}pk__in": my_mentees})
    )


class ScopedQuerySet(models.QuerySet):
    """`Model.objects.visible_to(user)`: the rows of a model holding personal data that `user` may see.

    A subclass says what decides, by one of: `participant_path` — the participant the row is about ("" for
    Participant itself); `pair_path` — the pair it belongs to; `organization_path` and `capability` — the
    organization where the user must hold the capability."""

    participant_path: str = ""
    pair_path: str | None = None
    organization_path: str | None = None
    capability: str = ""

    def counted_by(self, user):
        """Rows (of a model with an `organization`) whose numbers the user sees — of the territories
        («view_aggregates») and of the own organization: to count, never to list."""
        return self.filter(Q(organization__in=organizations_where(user, "view_aggregates"))
                           | Q(organization__in=organizations_where(user, "view_people")))

    def visible_to(self, user):
        if self.pair_path is not None:
            pairs = apps.get_model("pairs", "Pair").objects.visible_to(user)
            return self.filter(**{f"{self.pair_path}__in": pairs})
        if self.organization_path is not None:
            return self.filter(**{f"{self.organization_path}__in": organizations_where(user, self.capability)})
        return self.filter(participants_q(user, self.participant_path))
