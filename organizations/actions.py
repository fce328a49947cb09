"""Changes of partner agreements; each runs in one transaction and writes its audit row in it."""

from django.core.exceptions import ValidationError
from django.db import transaction

from audit import log
from audit.models import AuditEntry
from organizations.models import Agreement, Organization

AGREEMENT_FIELDS = ["counterparty", "number", "signed_on", "valid_from", "valid_until", "subject"]


def _check(partner: Organization, values: dict, exclude_pk=None) -> None:
    if not partner.is_partner:
        raise ValidationError("Соглашение о сотрудничестве заключается с организацией-партнёром.")
    if values["counterparty"].is_partner:
        raise ValidationError({"counterparty": "Вторая сторона соглашения — не организация-партнёр."})
    if values.get("valid_until") and values["valid_until"] < values["valid_from"]:
        raise ValidationError({"valid_until": "Срок действия заканчивается раньше, чем начинается."})
    if Agreement.objects.filter(partner=partner, number=values["number"]).exclude(pk=exclude_pk).exists():
        raise ValidationError({"number": f"У партнёра уже есть соглашение № {values['number']}."})


@transaction.atomic
def create_agreement(*, partner: Organization, actor, **values) -> Agreement:
    values["number"] = values["number"].strip()
    _check(partner, values)
    agreement = Agreement.objects.create(partner=partner, **values)
    log.record(actor=actor, action=AuditEntry.Action.CREATE, obj=agreement, organization=agreement.counterparty,
               changes=log.diff({}, log.snapshot(agreement, AGREEMENT_FIELDS)))
    return agreement


@transaction.atomic
def update_agreement(agreement: Agreement, *, actor, **values) -> Agreement:
    if "number" in values:
        values["number"] = values["number"].strip()
    before = log.snapshot(agreement, AGREEMENT_FIELDS)
    _check(agreement.partner, {**{f: getattr(agreement, f) for f in AGREEMENT_FIELDS}, **values},
           exclude_pk=agreement.pk)
    for name, value in values.items():
        setattr(agreement, name, value)
    agreement.save()
    changes = log.diff(before, log.snapshot(agreement, AGREEMENT_FIELDS))
    if changes:
        log.record(actor=actor, action=AuditEntry.Action.UPDATE, obj=agreement,
                   organization=agreement.counterparty, changes=changes)
    return agreement
