"""Times are shown in the time zone of the user's region: remembered in the session at login, activated
for each request of that session (Khakassia's users see Krasnoyarsk time, UTC+7, the site's default is Moscow)."""

import zoneinfo

from django.conf import settings
from django.utils import timezone

SESSION_KEY = "time_zone"


def time_zone_of(user) -> str:
    """The zone of the organization of the user's first role (organizations inherit the region's), or the site's."""
    assignment = user.roles.select_related("organization__parent__parent").order_by("pk").first()
    return assignment.organization.zone if assignment else settings.TIME_ZONE


def remember(sender, request, user, **kwargs) -> None:
    """On login (django.contrib.auth's user_logged_in)."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = time_zone_of(user)


class TimeZoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        # Only for this request: a zone left active would carry into whatever the thread does next.
        with timezone.override(zoneinfo.ZoneInfo(zone) if zone else None):
            return self.get_response(request)
