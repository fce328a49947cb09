"""Who calls the API: an integration with a bearer token, or a signed-in user's session."""

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from accounts.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        api_token = (ApiToken.objects.select_related("user")
                     .filter(key_hash=ApiToken.hash(token), user__is_active=True).first())
        if api_token is None:
            return None
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
        request.user = api_token.user  # scoping reads request.user, as in the pages
        return api_token.user


AUTH = [TokenAuth(), SessionAuth()]
