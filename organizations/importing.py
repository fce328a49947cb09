"""XLSX → organizations: «Код», «Наименование», «Тип», «Код вышестоящей организации».

A parent may stand anywhere in the file or already be in the database; an existing code is updated.
Everything is checked first (columns, values, the fixed hierarchy region → municipality →
organization, and who may touch what), then written in one transaction, or nothing is."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.scoping import organizations_where
from audit import log
from audit.models import AuditEntry
from organizations.models import Organization
from people import xlsx

CODE, NAME, KIND, PARENT = "Код", "Наименование", "Тип", "Код вышестоящей организации"
COLUMNS = [CODE, NAME, KIND, PARENT]
REQUIRED = [CODE, NAME, KIND]
CODE_LENGTH, NAME_LENGTH = 40, 500
# The same columns as fields of the API.
FIELDS = {CODE: "code", NAME: "name", KIND: "kind", PARENT: "parent_code"}

Kind = Organization.Kind
KINDS = xlsx.Labels(Kind.choices)
LEVEL = {Kind.REGION: 0, Kind.MUNICIPALITY: 1, Kind.SCHOOL: 2, Kind.COLLEGE: 2, Kind.EXTRA: 2, Kind.PARTNER: 2}
# Whom each kind may report to; every parent is a level higher, so the file can hold no cycle.
PARENT_KINDS = {
    Kind.REGION: (),
    Kind.MUNICIPALITY: (Kind.REGION,),
    Kind.SCHOOL: (Kind.MUNICIPALITY, Kind.REGION),
    Kind.COLLEGE: (Kind.MUNICIPALITY, Kind.REGION),
    Kind.EXTRA: (Kind.MUNICIPALITY, Kind.REGION),
    Kind.PARTNER: (Kind.REGION, Kind.MUNICIPALITY),
}


@dataclass(frozen=True)
class OrganizationRow:
    line: int
    code: str
    name: str
    kind: str
    parent_code: str


@dataclass
class OrganizationReport:
    rows: list[OrganizationRow] = field(default_factory=list)
    errors: list[xlsx.RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    written: bool = False

    def summary(self) -> str:
        if not self.written:
            return f"Проверено, можно загрузить — организаций в файле: {len(self.rows)}."
        unchanged = len(self.rows) - self.created - self.updated
        return f"Загружено — добавлено организаций: {self.created}, изменено: {self.updated}, без изменений: {unchanged}."


def import_organizations(file, *, actor, dry_run: bool = False) -> OrganizationReport:
    """`actor` None is the command line, which may change anything; a user changes only what lies
    where they hold "manage_organizations", and only a superuser adds regions."""
    try:
        rows, errors = _read(xlsx.read_sheet(file, settings.IMPORT_MAX_ROWS))
    except xlsx.SheetError as error:
        return OrganizationReport(errors=[xlsx.RowError(None, "", str(error))])
    report = OrganizationReport(rows=rows, errors=errors or _check(rows, actor))
    if report.errors:
        report.rows = []
    if report.errors or dry_run:
        return report
    try:
        report.created, report.updated = _write(rows, actor)
    except IntegrityError:
        report.errors = [xlsx.RowError(None, "", "организации изменились во время загрузки; загрузите файл ещё раз")]
        return report
    report.written = True
    return report


def save_organization(*, actor, code: str, name: str, kind: str, parent_code: str = "") -> Organization:
    """One organization created or updated by code, under the same rules as a file (the API uses it)."""
    row = OrganizationRow(line=0, code=code.strip(), name=name.strip(), kind=kind, parent_code=parent_code.strip())
    errors = [xlsx.RowError(0, column, "Обязательное поле.") for column in (CODE, NAME) if not getattr(row, FIELDS[column])]
    errors = errors or _check([row], actor)
    if errors:
        by_field = {}
        for error in errors:
            by_field.setdefault(FIELDS[error.column], []).append(error.message)
        raise ValidationError(by_field)
    _write([row], actor)
    return Organization.objects.get(code=row.code)


def _read(sheet) -> tuple[list[OrganizationRow], list[xlsx.RowError]]:
    lines = iter(sheet)
    first = next(lines, None)
    if first is None:
        return [], [xlsx.RowError(None, "", "лист пуст: нет строки заголовков")]
    index, errors = xlsx.map_header(*first, COLUMNS, REQUIRED)
    if errors:
        return [], errors
    rows, seen = [], {}
    for line, values in lines:
        if xlsx.enough(errors):
            break
        cells = xlsx.Cells(line, values, index, errors)
        if cells.is_empty():
            continue
        before = len(errors)
        row = OrganizationRow(
            line=line, code=cells.text(CODE, CODE_LENGTH, required=True), name=cells.text(NAME, NAME_LENGTH, required=True),
            kind=cells.parse(KIND, xlsx.choice(KINDS, "неизвестный тип"), required=True),
            parent_code=cells.text(PARENT, CODE_LENGTH),
        )
        if row.code in seen:
            cells.error(CODE, f"код повторяет строку {seen[row.code]}")
        if len(errors) == before:
            seen[row.code] = line
            rows.append(row)
    if not rows and not errors:
        errors.append(xlsx.RowError(None, "", "в файле нет ни одной организации"))
    return rows, errors


def _check(rows: list[OrganizationRow], actor) -> list[xlsx.RowError]:
    codes = {row.code for row in rows} | {row.parent_code for row in rows if row.parent_code}
    known = {o.code: o for o in Organization.objects.filter(code__in=codes)}
    kinds = {code: o.kind for code, o in known.items()} | {row.code: row.kind for row in rows}
    errors = [error for row in rows for error in _hierarchy_errors(row, kinds)]
    errors += _orphaned_children(rows, known)
    if actor is not None and not actor.is_superuser:
        errors += _out_of_reach(rows, known, actor)
    return sorted(errors, key=lambda e: (e.line, COLUMNS.index(e.column)))


def _hierarchy_errors(row: OrganizationRow, kinds: dict[str, str]) -> list[xlsx.RowError]:
    allowed = PARENT_KINDS[row.kind]
    if not row.parent_code:
        return [xlsx.RowError(row.line, PARENT, f"не заполнено: {_label(row.kind)} подчиняется {_any(allowed)}")] \
            if allowed else []
    if not allowed:
        return [xlsx.RowError(row.line, PARENT, "у региона нет вышестоящей организации")]
    if row.parent_code == row.code:
        return [xlsx.RowError(row.line, PARENT, "организация не может подчиняться сама себе")]
    parent_kind = kinds.get(row.parent_code)
    if parent_kind is None:
        return [xlsx.RowError(row.line, PARENT, f"нет организации с кодом «{row.parent_code}» ни в файле, ни в системе")]
    if parent_kind not in allowed:
        return [xlsx.RowError(row.line, PARENT, f"{_label(row.kind)} подчиняется {_any(allowed)}, "
                                                f"а «{row.parent_code}» — {_label(parent_kind)}")]
    return []


def _orphaned_children(rows: list[OrganizationRow], known: dict[str, Organization]) -> list[xlsx.RowError]:
    """An organization whose type changes must still suit the subordinates the file leaves under it."""
    changed = {row.code: row for row in rows if row.code in known and known[row.code].kind != row.kind}
    children = (Organization.objects.filter(parent__code__in=changed).exclude(code__in=[row.code for row in rows])
                .select_related("parent")) if changed else []
    return [
        xlsx.RowError(changed[child.parent.code].line, KIND, f"под организацией есть «{child.name}» ({_label(child.kind)}), "
                                                            f"которая не может подчиняться типу «{_label(changed[child.parent.code].kind)}»")
        for child in children if changed[child.parent.code].kind not in PARENT_KINDS[child.kind]
    ]


def _out_of_reach(rows: list[OrganizationRow], known: dict[str, Organization], actor) -> list[xlsx.RowError]:
    """Rows a region operator may not apply: organizations outside their region, or new regions."""
    reach = set(organizations_where(actor, "manage_organizations").values_list("code", flat=True))
    errors = []
    for row in sorted(rows, key=lambda r: LEVEL[r.kind]):
        if row.code in known and row.code not in reach:
            errors.append(xlsx.RowError(row.line, CODE, "организация вне вашей территории: менять её нельзя"))
        elif not row.parent_code and row.code not in known:
            errors.append(xlsx.RowError(row.line, KIND, "добавить регион может только администратор системы"))
        elif row.parent_code and row.parent_code not in reach:
            errors.append(xlsx.RowError(row.line, PARENT, f"«{row.parent_code}» вне вашей территории"))
        else:
            reach.add(row.code)  # its own subordinates later in the file are within reach too
    return errors


def _label(kind: str) -> str:
    return Kind(kind).label


def _any(kinds) -> str:
    return " или ".join(f"«{_label(kind)}»" for kind in kinds)


@transaction.atomic
def _write(rows: list[OrganizationRow], actor) -> tuple[int, int]:
    """Parents first, so that every parent exists when its children are written."""
    codes = {row.code for row in rows} | {row.parent_code for row in rows if row.parent_code}
    organizations = {o.code: o for o in Organization.objects.filter(code__in=codes).select_related("parent")}
    entries, created, updated = [], 0, 0
    for row in sorted(rows, key=lambda r: LEVEL[r.kind]):
        parent = organizations[row.parent_code] if row.parent_code else None
        organization = organizations.get(row.code)
        before = _snapshot(organization) if organization else {}
        if organization is None:
            organization = Organization.objects.create(code=row.code, name=row.name, kind=row.kind, parent=parent)
            organizations[row.code] = organization
            created += 1
        else:
            organization.name, organization.kind, organization.parent = row.name, row.kind, parent
        changes = log.diff(before, _snapshot(organization))
        if before and changes:
            organization.save(update_fields=["name", "kind", "parent"])
            updated += 1
        if changes:
            entries.append(log.entry(actor=actor, action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
                                     obj=organization, organization=organization, changes=changes))
    AuditEntry.objects.bulk_create(entries)
    return created, updated


def _snapshot(organization: Organization) -> dict:
    return {"code": organization.code, "name": organization.name, "kind": organization.kind,
            "parent": organization.parent.code if organization.parent else None}
