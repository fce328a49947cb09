"""Audit changes as people read them: Russian field labels and values, old → new."""

import datetime
from functools import cache

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst

from audit.models import AuditEntry


@cache
def _models() -> dict:
    return {model._meta.model_name: model for model in apps.get_models()}


def _field(object_type: str, name: str):
    """The model field of a logged change; None for names that are not fields or are reverse
    relations (e.g. a pair's «mentees»), which have no label of their own."""
    model = _models().get(object_type)
    try:
        field = model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None
    return field if hasattr(field, "verbose_name") else None


def _show(field, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, str) and len(value) == 10:
        try:
            return datetime.date.fromisoformat(value).strftime("%d.%m.%Y")
        except ValueError:
            pass
    return str(value)


def describe(entry: AuditEntry) -> list[tuple[str, str, str]]:
    """[(field label, old value, new value)] of an entry's changes."""
    rows = []
    for name, (old, new) in entry.changes.items():
        field = _field(entry.object_type, name)
        label = capfirst(field.verbose_name) if field is not None else name
        rows.append((label, _show(field, old), _show(field, new)))
    return rows
