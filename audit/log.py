"""Writing audit rows; called by actions inside their transaction."""

from django.db import models

from audit.models import AuditEntry


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields whose value changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def snapshot(instance: models.Model, fields: list[str]) -> dict:
    """Plain, JSON-ready values of `fields` of `instance`."""
    out = {}
    for name in fields:
        value = getattr(instance, name)
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif isinstance(value, models.Model):
            value = str(value)
        out[name] = value
    return out


def label(organization) -> str:
    """What the row keeps of its organization once the organization is gone."""
    return f"{organization.code} {organization.name}" if organization is not None else ""


def entry(*, actor, action, obj: models.Model, organization, changes=None, participant=None) -> AuditEntry:
    """An unsaved entry, so bulk paths can `bulk_create` many at once."""
    return AuditEntry(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        organization=organization,
        organization_label=label(organization),
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        participant=participant,
        object_repr=str(obj)[:300],
        changes=changes or {},
    )


def record(**kwargs) -> AuditEntry:
    e = entry(**kwargs)
    e.save()
    return e
