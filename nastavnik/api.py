"""The versioned JSON API, /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs).

Routers live in their apps and call the same actions and the same scoping as the pages; the handlers
below turn refusals into JSON with Russian messages (utilities/api_errors.py)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as InputError

from accounts.api import router as accounts_router
from accounts.api_auth import AUTH
from documents.api import router as documents_router
from matching.api import router as matching_router
from meetings.api import router as meetings_router
from monitoring.api import router as monitoring_router
from organizations.api import router as organizations_router
from pairs.api import router as pairs_router
from people.api import router as people_router
from reports.api import router as reports_router
from roadmaps.api import router as roadmaps_router
from surveys.api import router as surveys_router
from utilities.api_errors import django_errors, http_message, input_errors

api = NinjaAPI(
    title="Наставник API",
    version="1",
    description="Организации, участники, пары, подбор, приказы, встречи и обратная связь, показатели, дорожные карты, анкетирование. "
                "Токен: заголовок `Authorization: Bearer <ключ>` "
                "(`manage.py create_api_token`); из страниц — cookie сессии и заголовок X-CSRFToken.",
    urls_namespace="api-v1",
    auth=AUTH,
)


@api.exception_handler(InputError)
def invalid_input(request, error: InputError):
    return api.create_response(request, {"detail": input_errors(error.errors)}, status=422)


@api.exception_handler(ValidationError)
def refused(request, error: ValidationError):
    return api.create_response(request, {"detail": django_errors(error)}, status=422)


@api.exception_handler(HttpError)
def http_error(request, error: HttpError):
    return api.create_response(request, {"detail": http_message(error.message)}, status=error.status_code)


@api.exception_handler(PermissionDenied)
def permission_denied(request, error):
    return api.create_response(request, {"detail": "Недостаточно прав."}, status=403)


@api.exception_handler(Http404)
def not_found(request, error):
    return api.create_response(request, {"detail": "Не найдено."}, status=404)


api.add_router("/me", accounts_router)
api.add_router("/organizations/", organizations_router)
api.add_router("/participants/", people_router)
api.add_router("/pairs/", pairs_router)
api.add_router("/orders/", documents_router)
api.add_router("/indicators/", monitoring_router)
api.add_router("/matching/", matching_router)
api.add_router("/meetings/", meetings_router)
api.add_router("/roadmaps/", roadmaps_router)
api.add_router("/surveys/", surveys_router)
api.add_router("/reports/", reports_router)
