"""A session ends after SESSION_COOKIE_AGE (the SESSION_IDLE_HOURS setting) without a request.

Django's SESSION_SAVE_EVERY_REQUEST would write the session row on every request: htmx polls a
running matching every two seconds, and on SQLite each write waits for all others. Instead the
session notes when its expiry was last moved on and is written again only once that is REFRESH
seconds old, so the idle limit holds to within REFRESH."""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

MOVED_ON = "_expiry_moved_on"
REFRESH = 5 * 60


@receiver(user_logged_in)
def note_the_log_in(sender, request, user, **kwargs):
    request.session[MOVED_ON] = int(time.time())  # saved with the log-in itself


class IdleSessionMiddleware:
    """Below SessionMiddleware, which saves a modified session with a fresh expiry."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        moved_on = request.session.get(MOVED_ON)
        if moved_on is not None and time.time() - moved_on >= REFRESH:
            request.session[MOVED_ON] = int(time.time())
        return response
