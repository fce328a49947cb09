"""The caller of the API: who they are and their roles, so an integration can check its token."""

from ninja import Field, Router, Schema

from utilities.api_errors import errors

router = Router(tags=["Учётная запись"])


class RoleOut(Schema):
    role: str = Field(description="Код роли: region_operator, municipal_specialist, head, curator, psychologist, "
                                  "mentor, mentee, representative")
    role_label: str = Field(alias="get_role_display", description="Роль по-русски")
    organization: str = Field(alias="organization.code", description="Код организации")
    organization_name: str = Field(alias="organization.name")
    participant_id: int | None = Field(description="Свой участник (наставник, наставляемый) или ребёнок (законный "
                                                   "представитель)")


class MeOut(Schema):
    """Пользователь, от имени которого идёт запрос."""

    username: str = Field(description="Логин")
    full_name: str = Field(alias="get_full_name", description="ФИО")
    roles: list[RoleOut] = Field(description="Роли в организациях")

    @staticmethod
    def resolve_roles(user):
        return user.roles.select_related("organization").order_by("organization__code", "role")


@router.get("", response={200: MeOut} | errors(401), summary="Кто я: пользователь токена или сессии и его роли")
def me(request):
    return request.user
