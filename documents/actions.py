"""Every change of orders and document templates. Registering an order moves the pairs it names to their
new state through the pairs actions, and completes the roadmap items awaiting it, in the same transaction; the
DOCX is kept after the commit."""

import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Role
from audit import log
from audit.models import AuditEntry
from documents import defaults, rendering, rules, sandbox, typography
from documents.models import DocumentTemplate, Order
from pairs import actions as pair_actions
from roadmaps import actions as roadmap_actions


def _check_items(order: Order, items: list) -> None:
    """The order names only what its kind names, and only what is eligible now."""
    names = rules.NAMES[order.kind]
    if names is None:
        return
    if not items:
        raise ValidationError({names: rules.EMPTY[names]})
    eligible = rules.eligible(order.kind, order.organization)
    ids = set(eligible.filter(pk__in=[i.pk for i in items]).values_list("pk", flat=True))
    refused = [str(item) for item in items if not isinstance(item, eligible.model) or item.pk not in ids]
    if refused:
        raise ValidationError({names: f"{rules.REFUSED[order.kind]}: {'; '.join(refused)}."})


def _check_signer(organization, signer) -> None:
    if signer is not None and not signer.roles.filter(role=Role.HEAD, organization=organization).exists():
        raise ValidationError({"signer": f"{signer.get_full_name()} не руководитель организации «{organization}»."})


def _save_items(order: Order, items: list) -> dict:
    """Name `items` in the order; the audit change of the named list."""
    names = rules.NAMES[order.kind]
    if names is None:
        return {}
    manager = getattr(order, names)
    before = sorted(str(item) for item in manager.all())
    manager.set(items)
    after = sorted(str(item) for item in items)
    return {names: [before, after]} if before != after else {}


def _snapshot(order: Order) -> dict:
    return log.snapshot(order, ["text", "signer", "signer_position"])


def _check_draft(order: Order) -> Order:
    """The order locked for the change; a registered order is never changed again."""
    order = Order.objects.select_for_update().select_related("organization").get(pk=order.pk)
    if not order.is_draft:
        raise ValidationError(f"Приказ {order.heading} уже зарегистрирован; изменить его нельзя.")
    return order


@transaction.atomic
def draft_order(*, organization, kind: str, actor, items=(), text: str = "", signer=None,
                signer_position: str = "Директор") -> Order:
    """A project of an order of `kind`, naming `items` (pairs, pending changes or mentors, as the kind names)."""
    if not organization.is_educational:
        raise ValidationError({"organization": "Приказы издаёт образовательная организация."})
    order = Order(organization=organization, kind=kind, text=text.strip() or defaults.default_text(kind),
                  signer=signer, signer_position=signer_position.strip() or "Директор", created_by=actor)
    _check_items(order, list(items))
    _check_signer(organization, signer)
    order.save()
    changes = {"kind": [None, kind], **log.diff({}, _snapshot(order)), **_save_items(order, list(items))}
    log.record(actor=actor, action=AuditEntry.Action.CREATE, obj=order, organization=organization, changes=changes)
    return order


@transaction.atomic
def update_order(order: Order, *, actor, items=(), text: str, signer=None, signer_position: str) -> Order:
    order = _check_draft(order)
    before = _snapshot(order)
    _check_items(order, list(items))
    _check_signer(order.organization, signer)
    order.text, order.signer = text.strip() or defaults.default_text(order.kind), signer
    order.signer_position = signer_position.strip() or "Директор"
    order.save()
    changes = {**log.diff(before, _snapshot(order)), **_save_items(order, list(items))}
    if changes:
        log.record(actor=actor, action=AuditEntry.Action.UPDATE, obj=order, organization=order.organization,
                   changes=changes)
    return order


def _check_number(order: Order, number: str, date: datetime.date) -> str:
    number = typography.order_number(number)
    if not number:
        raise ValidationError({"number": "Укажите номер приказа."})
    taken = Order.objects.filter(organization=order.organization, year=date.year, number=number,
                                 status=Order.Status.REGISTERED)
    if taken.exists():
        raise ValidationError({"number": f"Приказ № {number} уже зарегистрирован в {date.year} году."})
    return number


@transaction.atomic
def register_order(order: Order, *, actor, number: str, date: datetime.date) -> Order:
    """Register the order under `number` and `date` and move what it names to its new state:
    the pairs it fixes are approved, the changes it names are applied; all of it or nothing."""
    order = _check_draft(order)
    number = _check_number(order, number, date)
    names = rules.NAMES[order.kind]
    items = list(getattr(order, names).all()) if names else []
    if names and not items:
        raise ValidationError(rules.EMPTY[names])
    order.number, order.date, order.year = number, date, date.year
    order.status, order.registered_at = Order.Status.REGISTERED, timezone.now()
    try:
        with transaction.atomic():
            order.save()
    except IntegrityError as error:  # the same number registered at the same moment
        raise ValidationError({"number": f"Приказ № {number} уже зарегистрирован в {date.year} году."}) from error
    # The document shows what the order changes, so it is filled before the change.
    document = rendering.render_order(order)
    moved = {"order_number": number, "order_date": date, "actor": actor}
    if names == rules.PAIRS:
        pair_actions.approve_pairs(items, **moved)
    elif names == rules.CHANGES:
        pair_actions.apply_changes(items, **moved)
    log.record(actor=actor, action=AuditEntry.Action.TRANSITION, obj=order, organization=order.organization,
               changes={"status": [Order.Status.DRAFT, Order.Status.REGISTERED], "number": [None, number],
                        "date": [None, date.isoformat()]})
    roadmap_actions.complete_by(order, actor=actor)
    transaction.on_commit(partial(_keep_file, order.pk, document))
    return order


def _keep_file(order_pk: int, document: bytes) -> None:
    order = Order.objects.get(pk=order_pk)
    order.file.save(f"order-{order.pk}.docx", ContentFile(document))


@transaction.atomic
def upload_template(*, organization, kind: str, file, actor) -> DocumentTemplate:
    """The organization's own template of `kind`, kept once documents.sandbox has checked it and filled it once
    with sample data."""
    if not file.name.lower().endswith(".docx"):
        raise ValidationError({"file": "Загрузите файл DOCX (Word 2007 и новее)."})
    if file.size > sandbox.MAX_FILE:
        raise ValidationError({"file": f"Файл шаблона больше {sandbox.MAX_FILE // sandbox.MB} МБ."})
    content = file.read()
    rendering.check_template(content, kind)
    template = DocumentTemplate.objects.filter(organization=organization, kind=kind).first()
    action = AuditEntry.Action.UPDATE if template else AuditEntry.Action.CREATE
    template = template or DocumentTemplate(organization=organization, kind=kind)
    replaced = template.file.name if template.pk else None
    template.uploaded_by = actor
    template.file.save(f"{organization.pk}-{kind}.docx", ContentFile(content), save=True)
    if replaced:
        transaction.on_commit(partial(template.file.storage.delete, replaced))
    log.record(actor=actor, action=action, obj=template, organization=organization,
               changes={"file": [None, file.name]})
    return template


@transaction.atomic
def reset_template(template: DocumentTemplate, *, actor) -> None:
    """Back to the default template."""
    log.record(actor=actor, action=AuditEntry.Action.DELETE, obj=template, organization=template.organization,
               changes={"kind": [template.kind, None]})
    transaction.on_commit(partial(template.file.storage.delete, template.file.name))
    template.delete()
