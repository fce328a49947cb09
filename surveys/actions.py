"""Answering and closing campaigns: one transaction each, with its audit row."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Role
from accounts.scoping import organizations_where
from audit import log
from audit.models import AuditEntry
from surveys.models import Answer, Campaign, Item, Response

_ANSWERING_ROLES = (Role.MENTOR, Role.MENTEE, Role.REPRESENTATIVE)


def may_answer_for(user, participant) -> bool:
    """The participant's own login, or the parent's (a minor answers through the legal representative); or the
    curator entering a questionnaire filled in on paper («в письменной форме», seed 002)."""
    return (user.roles.filter(participant=participant, role__in=_ANSWERING_ROLES).exists()
            or organizations_where(user, "manage_people").filter(pk=participant.organization_id).exists())


def _clean(item: Item, value):
    where = f"Вопрос «{item.text}»"
    if item.kind == Item.Kind.SCALE:
        if not isinstance(value, int) or not 1 <= value <= 10:
            raise ValidationError({str(item.pk): f"{where}: нужна оценка от 1 до 10."})
        return {"score": value}
    if item.kind == Item.Kind.TEXT:
        return {"text": str(value or "")[:2000]}
    chosen = [value] if item.kind == Item.Kind.SINGLE else list(value or [])
    if not chosen or any(c not in item.options for c in chosen) or len(set(chosen)) != len(chosen):
        raise ValidationError({str(item.pk): f"{where}: выберите из предложенных вариантов."})
    return {"choices": chosen}


@transaction.atomic
def answer(campaign: Campaign, participant, values: dict[int, object], by) -> Response:
    """Record the answers of `participant`; `values` maps item id → score, option(s) or text."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.state == Campaign.State.CLOSED:
        raise ValidationError("Анкетирование закрыто: ответы больше не принимаются.")
    if not campaign.recipients.filter(pk=participant.pk).exists():
        raise ValidationError("Эта анкета не адресована участнику.")
    if not may_answer_for(by, participant):
        raise ValidationError("Отвечать может сам участник или его законный представитель.")
    if Response.objects.filter(campaign=campaign, participant=participant).exists():
        raise ValidationError("Участник уже ответил на эту анкету.")
    items = list(campaign.questionnaire.items.all())
    cleaned = [(item, _clean(item, values.get(item.pk))) for item in items]
    response = Response.objects.create(campaign=campaign, participant=participant, given_by=by)
    Answer.objects.bulk_create(Answer(response=response, item=item, **fields) for item, fields in cleaned)
    log.record(actor=by, action=AuditEntry.Action.CREATE, obj=response, organization=campaign.organization,
               participant=participant, changes={"campaign": campaign.pk})
    return response


@transaction.atomic
def close(campaign: Campaign, by) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.state == Campaign.State.CLOSED:
        raise ValidationError("Анкетирование уже закрыто.")
    campaign.state, campaign.closed_at = Campaign.State.CLOSED, timezone.now()
    campaign.save(update_fields=["state", "closed_at"])
    log.record(actor=by, action=AuditEntry.Action.TRANSITION, obj=campaign, organization=campaign.organization,
               changes={"state": [Campaign.State.OPEN, Campaign.State.CLOSED]})
    return campaign
