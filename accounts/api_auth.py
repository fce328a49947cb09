"""Who calls the API: an integration with a bearer token, or a signed-in user's session."""

from django.utils import timezone
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from accounts.models import ApiToken


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <ключ>`; only the key's hash is stored, a deactivated user's key stops working."""

    def authenticate(self, request, token: str):
        api_token = (ApiToken.objects.select_related("user")
                     .filter(key_hash=ApiToken.hash(token), user__is_active=True).first())
        if api_token is None:
            return None
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
        request.user = api_token.user  # scoping reads request.user, as in the pages
        return api_token.user


class SessionAuth(NinjaSessionAuth):
    """The pages' session cookie, with Django's CSRF check; a caller without a session is 401, not a CSRF 403."""

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


AUTH = [TokenAuth(), SessionAuth()]
