"""Participants → XLSX with exactly the import's columns, so that an export loads back unchanged
into another organization; and the empty template with a sheet of allowed values."""


from django.db.models import Prefetch, QuerySet
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from people import xlsx
from people.models import Category, Consent, Participant, Sex
from programmes.models import MentorshipForm
from utilities.spreadsheets import row_cells, workbook_bytes

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 2000
WIDTHS = {xlsx.LAST_NAME: 16, xlsx.FIRST_NAME: 14, xlsx.MIDDLE_NAME: 16, xlsx.BIRTH_DATE: 13, xlsx.CATEGORY: 16,
          xlsx.ROLE: 24, xlsx.FORMS: 30, xlsx.INTERESTS: 30, xlsx.COMPETENCES: 30, xlsx.REQUEST: 40,
          xlsx.EMAIL: 24, xlsx.PHONE: 18, xlsx.REPRESENTATIVE: 30}


def export_participants(participants: QuerySet) -> bytes:
    """The participants of `participants` (already scoped and filtered) that are not anonymised."""
    book, sheet = _book()
    rows = (participants.active().select_related("mentor_profile", "mentee_profile__desired_form")
            .prefetch_related("mentor_profile__forms", "requests",
                              Prefetch("consents", queryset=Consent.objects.filter(withdrawn_on__isnull=True))))
    for participant in rows.iterator(chunk_size=CHUNK):
        sheet.append(row_cells(sheet, participant_values(participant)))
    return workbook_bytes(book)


def participant_values(participant: Participant) -> list:
    """The row of `participant`, column by column as in xlsx.COLUMNS."""
    consents = {c.kind: c for c in participant.consents.all() if c.withdrawn_on is None}
    representative = consents.get(Consent.Kind.REPRESENTATIVE)
    values = {
        xlsx.LAST_NAME: participant.last_name,
        xlsx.FIRST_NAME: participant.first_name,
        xlsx.MIDDLE_NAME: participant.middle_name,
        xlsx.BIRTH_DATE: participant.birth_date,
        xlsx.SEX: participant.get_sex_display(),
        xlsx.CATEGORY: participant.get_category_display(),
        xlsx.ROLE: participant.roles_label,
        xlsx.GRADE: participant.grade_label,
        xlsx.TEACHING_YEARS: participant.teaching_experience_years,
        xlsx.FORMS: f"{xlsx.SEPARATOR} ".join(form.name for form in _forms(participant)),
        xlsx.INTERESTS: participant.interests,
        xlsx.COMPETENCES: participant.mentor_profile.competences if _mentor_profile(participant) else "",
        xlsx.REQUEST: f"{xlsx.SEPARATOR} ".join(r.text for r in participant.requests.all()) if participant.is_mentee else "",
        xlsx.EMAIL: participant.email,
        xlsx.PHONE: participant.phone,
        xlsx.PD_CONSENT: xlsx.YES if Consent.Kind.PERSONAL_DATA in consents else xlsx.NO,
        xlsx.REPRESENTATIVE_CONSENT: xlsx.YES if representative else xlsx.NO,
        xlsx.REPRESENTATIVE: representative.representative_name if representative else "",
    }
    return [values[column] for column in xlsx.COLUMNS]


def _mentor_profile(participant: Participant):
    return getattr(participant, "mentor_profile", None) if participant.is_mentor else None


def _forms(participant: Participant) -> list[MentorshipForm]:
    """The forms a mentor is ready for; for a mentee alone, or a mentor without them, the desired form."""
    profile = _mentor_profile(participant)
    forms = list(profile.forms.all()) if profile else []  # in the catalogue order
    desired = getattr(getattr(participant, "mentee_profile", None), "desired_form", None) if participant.is_mentee else None
    return forms or ([desired] if desired else [])


def template() -> bytes:
    """The empty sheet to fill, and a second sheet listing what each column accepts."""
    book, _ = _book()
    help_sheet = book.create_sheet("Справочник")
    help_sheet.column_dimensions["A"].width = 34
    help_sheet.column_dimensions["B"].width = 90
    forms = MentorshipForm.objects.values_list("name", flat=True)
    for column, allowed in [
        (xlsx.BIRTH_DATE, "ДД.ММ.ГГГГ или дата Excel"),
        (xlsx.SEX, ", ".join(label for _, label in Sex.choices)),
        (xlsx.CATEGORY, ", ".join(label for _, label in Category.choices)),
        (xlsx.ROLE, ", ".join(xlsx.ROLES.shown.values())),
        (xlsx.GRADE, "класс с буквой, например 7Б, или номер курса"),
        (xlsx.FORMS, f"{', '.join(forms)}; несколько форм наставника — через «{xlsx.SEPARATOR}»"),
        (xlsx.REQUEST, f"у наставляемого; несколько запросов — через «{xlsx.SEPARATOR}»"),
        (xlsx.COMPETENCES, "у наставника"),
        (f"{xlsx.PD_CONSENT}, {xlsx.REPRESENTATIVE_CONSENT}", f"{xlsx.YES} или {xlsx.NO}"),
        (xlsx.REPRESENTATIVE, "ФИО; обязательно, если согласие законного представителя дано"),
        ("Обязательные столбцы", ", ".join(xlsx.REQUIRED)),
    ]:
        help_sheet.append(row_cells(help_sheet, [column, allowed]))
    return workbook_bytes(book)


def _book() -> tuple[Workbook, object]:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Участники")
    for index, column in enumerate(xlsx.COLUMNS):
        sheet.column_dimensions[get_column_letter(index + 1)].width = WIDTHS.get(column, 12)
    sheet.freeze_panes = "A2"
    header = row_cells(sheet, xlsx.COLUMNS)
    for title in header:
        title.font = Font(bold=True)
    sheet.append(header)
    return book, sheet
