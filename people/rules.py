"""Checks on participants that actions and other apps call; they never write."""

import datetime

import numpy as np
from django.core.exceptions import ValidationError

from people.models import Consent, Participant
from programmes import eligibility


def missing_consents(participant: Participant, day: datetime.date) -> list[str]:
    """Labels of the consents `participant` lacks on `day` to be put into a pair."""
    in_force = {c.kind for c in participant.consents.all() if c.is_in_force_on(day)}
    age = participant.age_on(day)
    bits = int(eligibility.consents_in_force(np.array([Consent.Kind.PERSONAL_DATA in in_force]),
                                             np.array([Consent.Kind.REPRESENTATIVE in in_force]),
                                             np.array([-1 if age is None else age]))[0])
    return [kind.label for bit, kind in ((1, Consent.Kind.PERSONAL_DATA), (2, Consent.Kind.REPRESENTATIVE))
            if bits & bit]


def require_consents(participant: Participant, day: datetime.date) -> None:
    missing = missing_consents(participant, day)
    if missing:
        raise ValidationError(f"У участника «{participant.full_name}» нет: {'; '.join(missing)}.")


def duplicate_exists(organization_id: int, fio_key: str, birth_date, exclude_pk=None) -> bool:
    qs = Participant.objects.active().filter(organization_id=organization_id, fio_key=fio_key, birth_date=birth_date)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()
