"""The caller of the API: who they are and their roles, so an integration can check its token; for a person
of the register (mentor, mentee, parent) also their records with pairs, plans and consents."""

from django.db.models import Prefetch, Q
from ninja import Field, Router, Schema

from accounts.scoping import personal_participant_ids
from pairs.api import PairOut, PlanOut
from pairs.models import Pair, PairMentee
from people.api import ConsentOut
from people.models import Consent, Participant
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


class MyPairOut(PairOut):
    plan: PlanOut | None = Field(None, description="Индивидуальный план, если он составлен")

    @staticmethod
    def resolve_plan(pair):
        return getattr(pair, "plan", None)


class RecordOut(Schema):
    """Своя запись участника или запись ребёнка законного представителя."""

    id: int
    full_name: str
    organization: str = Field(alias="organization.code")
    pairs: list[MyPairOut] = Field(description="Пары и группы, где участник — наставник или наставляемый")
    consents: list[ConsentOut] = Field(description="Согласия участника")


class MeOut(Schema):
    """Пользователь, от имени которого идёт запрос."""

    username: str = Field(description="Логин")
    full_name: str = Field(alias="get_full_name", description="ФИО")
    roles: list[RoleOut] = Field(description="Роли в организациях")
    records: list[RecordOut] = Field(description="Свои записи и записи детей: пары, планы, согласия")

    @staticmethod
    def resolve_roles(user):
        return user.roles.select_related("organization").order_by("organization__code", "role")

    @staticmethod
    def resolve_records(user):
        records = list(Participant.objects.visible_to(user).active().filter(pk__in=personal_participant_ids(user))
                       .select_related("organization")
                       .prefetch_related(Prefetch("consents", queryset=Consent.objects.visible_to(user))))
        pairs = list(Pair.objects.visible_to(user).filter(Q(mentor__in=records) | Q(mentees__mentee__in=records))
                     .distinct().select_related("organization", "form", "variant", "mentor", "plan")
                     .prefetch_related(Prefetch("mentees", queryset=PairMentee.objects.select_related("mentee")),
                                       Prefetch("plan__items")))
        for record in records:
            record.pairs = [p for p in pairs if p.mentor_id == record.pk
                            or any(m.mentee_id == record.pk for m in p.mentees.all())]
        return records


@router.get("", response={200: MeOut} | errors(401), summary="Кто я: пользователь токена или сессии и его роли")
def me(request):
    return request.user
