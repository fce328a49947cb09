"""The versioned JSON API, /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs).

Routers live in their apps and call the same actions and the same scoping as the pages."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI

from accounts.api_auth import AUTH
from organizations.api import router as organizations_router
from pairs.api import router as pairs_router
from people.api import router as people_router

api = NinjaAPI(
    title="Наставник API",
    version="1",
    description="Организации, участники, пары и подбор. Токен: заголовок `Authorization: Bearer <ключ>`.",
    urls_namespace="api-v1",
    auth=AUTH,
)


@api.exception_handler(ValidationError)
def validation_error(request, error: ValidationError):
    if hasattr(error, "error_dict"):
        detail = [{"field": field, "message": message}
                  for field, messages in error.message_dict.items() for message in messages]
    else:
        detail = [{"field": None, "message": message} for message in error.messages]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(PermissionDenied)
def permission_denied(request, error):
    return api.create_response(request, {"detail": "Недостаточно прав."}, status=403)


@api.exception_handler(Http404)
def not_found(request, error):
    return api.create_response(request, {"detail": "Не найдено."}, status=404)


api.add_router("/organizations/", organizations_router)
api.add_router("/participants/", people_router)
api.add_router("/pairs/", pairs_router)
