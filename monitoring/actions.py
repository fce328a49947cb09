"""Entering the denominators and the targets of a territory: one transaction, the audit row in it."""

from decimal import Decimal

from django.db import transaction

from audit import log
from audit.models import AuditEntry
from monitoring.models import Denominator, Target


def _save(model, *, actor, territory, year: int, key: dict, value):
    """Create, change or (value None) remove the row of `key`; journalled when something changed."""
    row = model.objects.select_for_update().filter(territory=territory, year=year, **key).first()
    before = row.value if row else None
    if value is None:
        if row:
            log.record(actor=actor, action=AuditEntry.Action.DELETE, obj=row, organization=territory,
                       changes={"value": [str(before), None]})
            row.delete()
        return None
    if row is None:
        row = model(territory=territory, year=year, **key, value=value)
    elif before == value:
        return row
    row.value = value
    row.full_clean()
    row.save()
    log.record(actor=actor, action=AuditEntry.Action.UPDATE if before is not None else AuditEntry.Action.CREATE,
               obj=row, organization=territory, changes={"value": [None if before is None else str(before),
                                                                   str(value)]})
    return row


@transaction.atomic
def set_figures(territory, year: int, *, denominators: dict[str, int | None], targets: dict[str, Decimal | None],
                actor) -> None:
    """The territory's numbers of `year` as entered on its page: an empty one is removed (then the sum below, the
    target above or the seed's default applies)."""
    for kind, value in denominators.items():
        _save(Denominator, actor=actor, territory=territory, year=year, key={"kind": kind}, value=value)
    for code, value in targets.items():
        _save(Target, actor=actor, territory=territory, year=year, key={"indicator": code}, value=value)
