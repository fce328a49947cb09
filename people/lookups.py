"""Participants looked up for a change, the same way for pages and the API."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts.scoping import may
from people.models import Participant


def managed_participant(user, pk: int, **conditions) -> Participant:
    """A participant the user sees (404 otherwise), not anonymised, whom they may change (403 otherwise)."""
    participant = get_object_or_404(
        Participant.objects.visible_to(user).active().select_related("organization"), pk=pk, **conditions
    )
    if not may(user, "manage_people", participant.organization):
        raise PermissionDenied
    return participant
