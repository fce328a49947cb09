"""XLSX → participants of one organization: read and check everything with people/xlsx.py, then
write it all with bulk_create in one transaction, or nothing when a single row is wrong."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from audit.models import AuditEntry
from organizations.models import Organization
from people import xlsx
from people.actions import PARTICIPANT_FIELDS
from people.models import Category, Consent, MenteeProfile, MenteeRequest, MentorProfile, Participant, Sex
from programmes.catalogue import ALIASES
from programmes.models import MentorshipForm
from utilities.memory import cycles_collected_after

# Where a mentor of each category comes from (the bases of stage 3).
MENTOR_SOURCE = {
    Category.PUPIL: MentorProfile.Source.PUPILS,
    Category.STUDENT: MentorProfile.Source.PUPILS,
    Category.TEACHER: MentorProfile.Source.TEACHERS,
    Category.GRADUATE: MentorProfile.Source.GRADUATES,
    Category.PARENT: MentorProfile.Source.PARENTS,
    Category.PARTNER_EMPLOYEE: MentorProfile.Source.ENTERPRISES,
    Category.OTHER: MentorProfile.Source.OTHER_PARTNERS,
}
# Participants belong to organizations that work with people, not to the authorities above them.
NOT_FOR_PARTICIPANTS = Organization.TERRITORY_KINDS
BATCH = 2000


@dataclass
class ImportReport:
    rows: list[xlsx.ParticipantRow] = field(default_factory=list)
    errors: list[xlsx.RowError] = field(default_factory=list)
    notes: list[xlsx.RowError] = field(default_factory=list)  # what the rows loaded leave out, and why
    written: bool = False

    @property
    def counts(self) -> dict[str, int]:
        return xlsx.summary(self.rows)

    def summary(self) -> str:
        counts = ", ".join(f"{label}: {n}" for label, n in self.counts.items())
        return f"{'Загружено' if self.written else 'Проверено, можно загрузить'} — {counts}."


def vocabulary() -> xlsx.Vocabulary:
    forms = list(MentorshipForm.objects.values_list("code", "name"))
    return xlsx.Vocabulary(
        categories=xlsx.Labels(Category.choices), sexes=xlsx.Labels(Sex.choices),
        forms=xlsx.Labels(forms, aliases=[(code, alias) for alias, code in ALIASES.items()]),
    )


def existing_identities(organization: Organization) -> set[tuple[str, datetime.date]]:
    return set(Participant.objects.active().filter(organization=organization).values_list("fio_key", "birth_date"))


def check_participants(file, organization: Organization, today: datetime.date) -> ImportReport:
    if organization.kind in NOT_FOR_PARTICIPANTS:
        return ImportReport(errors=[xlsx.RowError(None, "", f"в «{organization}» участников не загружают: "
                                                  "выберите образовательную организацию или партнёра")])
    try:
        sheet = xlsx.read_sheet(file, settings.IMPORT_MAX_ROWS)
        checked = xlsx.check_participants(sheet, vocabulary(), today, existing_identities(organization))
    except xlsx.SheetError as error:
        return ImportReport(errors=[xlsx.RowError(None, "", str(error))])
    return ImportReport(rows=checked.rows, errors=checked.errors, notes=checked.notes)


@cycles_collected_after()
def import_participants(file, *, organization: Organization, actor, dry_run: bool = False) -> ImportReport:
    """Check `file` and, unless `dry_run` or a row is wrong, create everything it describes. The rows stay alive to
    the end, so the cycle collector waits (it took a third of the time walking them, bench/import_participants.py)."""
    today = timezone.localdate()
    report = check_participants(file, organization, today)
    if report.errors or dry_run:
        return report
    try:
        _create(report.rows, organization, actor, today)
    except IntegrityError:
        # Someone added the same person between the check and the write: name the rows again.
        report.errors = xlsx.duplicates(report.rows, existing_identities(organization)) or [
            xlsx.RowError(None, "", "данные изменились во время загрузки; загрузите файл ещё раз")]
        return report
    report.written = True
    return report


@transaction.atomic
def _create(rows: list[xlsx.ParticipantRow], organization: Organization, actor, today: datetime.date) -> None:
    ops = connection.ops
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    form_ids = dict(MentorshipForm.objects.values_list("code", "pk"))
    _insert(Participant, PARTICIPANT_COLUMNS, [_participant(row, organization.pk, ops) for row in rows])
    # The unique constraint on ФИО and date of birth makes them a key to the new ids.
    ids = {(key, born): pk for key, born, pk in Participant.objects.active().filter(organization=organization)
           .values_list("fio_key", "birth_date", "pk")}
    people = [(row, ids[row.identity]) for row in rows]
    _insert(MentorProfile, ("participant_id", "source", "competences"),
            [(pk, MENTOR_SOURCE[row.category], row.competences) for row, pk in people if row.is_mentor])
    profile_ids = dict(MentorProfile.objects.filter(participant__organization=organization)
                       .values_list("participant_id", "pk"))
    _insert(MentorProfile.forms.through, ("mentorprofile_id", "mentorshipform_id"),
            [(profile_ids[pk], form_ids[code]) for row, pk in people if row.is_mentor for code in row.forms])
    _insert(MenteeProfile, ("participant_id", "desired_form_id"),
            [(pk, form_ids[row.forms[0]] if len(row.forms) == 1 else None) for row, pk in people if row.is_mentee])
    _insert(MenteeRequest, ("participant_id", "text"), [(pk, text) for row, pk in people for text in row.requests])
    given_on = ops.adapt_datefield_value(today)
    _insert(Consent, ("participant_id", "kind", "given_on", "representative_name", "recorded_by_id"),
            [(pk, kind, given_on, name, actor_id) for row, pk in people for kind, name in _consents(row)])
    # One audit row per participant, shaped as log.entry shapes it, naming what was made with them.
    _insert(AuditEntry, AUDIT_COLUMNS,
            [(actor_id, CREATE, organization.pk, PARTICIPANT, pk, pk, _full_name(row)[:300],
              ops.adapt_json_value(_changes(row), None)) for row, pk in people])


def _insert(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Write `rows` (values of `columns`, ready for the driver) into `model`'s table; the other columns
    take their defaults. This is the hot loop of the import: bulk_create prepares every value through
    the ORM and takes several times as long as the database itself (bench/import_participants.py),
    so SQLite gets one executemany and PostgreSQL one COPY."""
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in columns]
    rest = [f for f in model._meta.concrete_fields if not f.primary_key and f not in fields]
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    defaults = tuple(now if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
                     else f.get_db_prep_save(f.get_default(), connection) for f in rest)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(f.column) for f in (*fields, *rest))
    with connection.cursor() as cursor, connection.wrap_database_errors:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((*row, *defaults))
        else:
            marks = ", ".join(["%s"] * (len(fields) + len(rest)))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", [(*row, *defaults) for row in rows])


PARTICIPANT_COLUMNS = ("organization_id", "fio_key", "birth_year", *PARTICIPANT_FIELDS)
PERSONAL_DATA, REPRESENTATIVE = Consent.Kind.PERSONAL_DATA.value, Consent.Kind.REPRESENTATIVE.value
CREATE, PARTICIPANT = AuditEntry.Action.CREATE.value, Participant._meta.model_name
AUDIT_COLUMNS = ("actor_id", "action", "organization_id", "object_type", "object_id", "participant_id",
                 "object_repr", "changes")


def _participant(row: xlsx.ParticipantRow, organization_id: int, ops) -> tuple:
    # Participant.save derives fio_key and birth_year; this path does not call it.
    fio_key, birth_date = row.identity
    values = {name: getattr(row, name, None) for name in PARTICIPANT_FIELDS}
    values["birth_date"] = ops.adapt_datefield_value(birth_date)
    return (organization_id, fio_key, birth_date.year, *values.values())


def _full_name(row: xlsx.ParticipantRow) -> str:
    return " ".join(p for p in (row.last_name, row.first_name, row.middle_name) if p)


def _consents(row: xlsx.ParticipantRow) -> list[tuple[str, str]]:
    """(kind, representative's name) of the consents the row gives, dated the day of the import."""
    consents = []
    if row.personal_data_consent:
        consents.append((PERSONAL_DATA, ""))
    if row.representative_consent:
        consents.append((REPRESENTATIVE, row.representative_name))
    return consents


def _changes(row: xlsx.ParticipantRow) -> dict:
    """What log.diff gives for a new participant, plus the profiles, requests and consents made."""
    changes = {name: [None, value] for name in PARTICIPANT_FIELDS if (value := getattr(row, name, None)) is not None}
    changes["birth_date"] = [None, row.birth_date.isoformat()]
    made = {"forms": list(row.forms), "competences": row.competences, "requests": list(row.requests),
            "consents": [kind for kind, given in ((PERSONAL_DATA, row.personal_data_consent),
                                                  (REPRESENTATIVE, row.representative_consent)) if given]}
    changes.update({name: [None, value] for name, value in made.items() if value})
    changes["via"] = [None, "импорт XLSX"]
    return changes
