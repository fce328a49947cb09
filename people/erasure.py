"""A withdrawn person's name erased from everything that wrote it down as text: the audit rows, the results of
matching runs, the drafts of orders (their text and generated file), and the files of their consents.

Registered orders keep it: a registered order is an official document of the organization and is kept as it
was signed (README, «Персональные данные»). Rows are found by the organization and the territories above it
(every place a name of its people is written), the name in its written forms — «Фамилия Имя Отчество»,
«Фамилия Имя», «Фамилия И. О.», «И. О. Фамилия» — replaced by the anonymous label.
"""

from django.apps import apps
from django.db import transaction


def written_forms(last: str, first: str, middle: str) -> list[str]:
    """The forms a name is written in by the pages, the audit and the orders, the longest first."""
    initials = [f"{first[:1]}. {middle[:1]}.", f"{first[:1]}.{middle[:1]}."] if middle else [f"{first[:1]}."]
    forms = {" ".join(p for p in (last, first, middle) if p), f"{last} {first}".strip()}
    forms |= {f"{last} {i}" for i in initials} | {f"{i} {last}" for i in initials}
    return sorted((f for f in forms if len(f) > 3), key=len, reverse=True)


def scrub(value, forms: list[str], label: str):
    """`value` (text, or JSON of lists and dicts) with every form of the name replaced by `label`."""
    if isinstance(value, str):
        for form in forms:
            value = value.replace(form, label)
        return value
    if isinstance(value, list):
        return [scrub(v, forms, label) for v in value]
    if isinstance(value, dict):
        return {k: scrub(v, forms, label) for k, v in value.items()}
    return value


def _rewrite(queryset, fields: list[str], forms: list[str], label: str) -> list:
    """Save the rows of `queryset` whose `fields` held the name; the rows changed."""
    changed = []
    for row in queryset.only("pk", *fields).iterator(chunk_size=2000):
        before = [getattr(row, f) for f in fields]
        after = [scrub(v, forms, label) for v in before]
        if after != before:
            for field, value in zip(fields, after, strict=True):
                setattr(row, field, value)
            changed.append(row)
    queryset.model.objects.bulk_update(changed, fields, batch_size=500)
    return changed


def erase_name(participant, forms: list[str], label: str) -> None:
    """Replace the name in the rows of the participant's organization and of the territories above it."""
    lineage = [o.pk for o in participant.organization.lineage()]
    AuditEntry = apps.get_model("audit", "AuditEntry")
    _rewrite(AuditEntry.objects.filter(organization__in=lineage), ["object_repr", "changes"], forms, label)
    MatchingRun = apps.get_model("matching", "MatchingRun")
    _rewrite(MatchingRun.objects.filter(scope__in=lineage), ["result", "stage", "error"], forms, label)
    Order = apps.get_model("documents", "Order")
    drafts = Order.objects.filter(organization__in=lineage).exclude(status=Order.Status.REGISTERED)
    _rewrite(drafts, ["text"], forms, label)
    # A draft's file (its pairs' table may name the person) is filled afresh when it is asked for.
    kept = list(drafts.exclude(file=""))
    drafts.filter(pk__in=[o.pk for o in kept]).update(file="")
    delete_files([o.file for o in kept])


def delete_files(field_files) -> None:
    """Delete the files after the transaction commits (nothing is lost if it rolls back)."""
    for name, storage in [(f.name, f.storage) for f in field_files if f]:
        transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))


def delete_invitations(participant) -> None:
    """The invitations of an anonymized person: they name the person (or the parent) and must not be redeemed."""
    apps.get_model("logins", "Invitation").objects.filter(participant=participant).delete()
