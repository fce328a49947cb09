"""Consent states and aggregate counts of participants, for lists, filters and home pages.

Everything here works in the database and returns conditions or numbers, never names: the pages
above an organization show these aggregates only.
"""

import datetime

from django.db.models import Case, Count, Exists, OuterRef, Q, Value, When

from people.models import Consent
from programmes.eligibility import ADULT_AGE

PERSONAL_DATA_MISSING = "нет согласия на ПД"
REPRESENTATIVE_MISSING = "нет согласия законного представителя"


def consent_in_force(kind: str, day: datetime.date) -> Exists:
    """The participant (the outer row) has a consent of `kind` in force on `day`."""
    return Exists(
        Consent.objects.filter(participant=OuterRef("pk"), kind=kind, given_on__lte=day).filter(
            Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day)
        )
    )


def latest_adult_birth_date(day: datetime.date) -> datetime.date:
    """Whoever was born after this date is a minor on `day`."""
    if (day.month, day.day) == (2, 29):
        return datetime.date(day.year - ADULT_AGE, 2, 28)
    return day.replace(year=day.year - ADULT_AGE)


def lacks_personal_data_q(day: datetime.date) -> Q:
    return Q(~consent_in_force(Consent.Kind.PERSONAL_DATA, day))


def lacks_representative_q(day: datetime.date) -> Q:
    minor = Q(birth_date__gt=latest_adult_birth_date(day))
    return minor & ~consent_in_force(Consent.Kind.REPRESENTATIVE, day)


def lacks_consents_q(day: datetime.date) -> Q:
    """Lacks a consent required to be put into a pair (see people.rules.missing_consents)."""
    return lacks_personal_data_q(day) | lacks_representative_q(day)


def missing_consent_label(day: datetime.date) -> Case:
    """An annotation: the first missing consent's label, or "" when all are there."""
    return Case(
        When(lacks_personal_data_q(day), then=Value(PERSONAL_DATA_MISSING)),
        When(lacks_representative_q(day), then=Value(REPRESENTATIVE_MISSING)),
        default=Value(""),
    )


def _counts(day: datetime.date) -> dict:
    # Anonymised people keep counting as participants; nobody can ask them for a consent any more.
    return {
        "participants": Count("pk"),
        "mentors": Count("pk", filter=Q(is_mentor=True)),
        "mentees": Count("pk", filter=Q(is_mentee=True)),
        "without_consents": Count("pk", filter=Q(anonymized_at__isnull=True) & lacks_consents_q(day)),
    }


EMPTY_COUNTS = {"participants": 0, "mentors": 0, "mentees": 0, "without_consents": 0}


def totals(participants, day: datetime.date) -> dict:
    """{participants, mentors, mentees, without_consents} of a participant queryset, one query."""
    return participants.order_by().aggregate(**_counts(day))


def totals_by_organization(participants, day: datetime.date) -> dict[int, dict]:
    """The same counts per organization id, one query."""
    rows = participants.order_by().values("organization").annotate(**_counts(day))
    return {row.pop("organization"): row for row in rows}
