"""The registry of mentors (реестр наставников) and the list of pairs as XLSX: a styled header, frozen and
filtered, one row per mentor or pair, dates as dates. The caller passes querysets already scoped to the user."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from documents.models import Order, OrderKind
from pairs.models import LIVE_STATUSES, PairMentee
from people.models import Participant
from utilities.spreadsheets import header_cells, row_cells, workbook_bytes

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 2000


@dataclass(frozen=True)
class Column:
    title: str
    width: float


REGISTRY_COLUMNS = [
    Column("№", 6), Column("Фамилия, имя, отчество", 32), Column("Организация", 30), Column("Категория", 18),
    Column("Класс/курс", 10), Column("Педагогический стаж, лет", 13), Column("Профессиональный стаж, лет", 13),
    Column("Формы наставничества", 34), Column("Компетенции", 34), Column("Наставляемых сейчас", 13),
    Column("Включён в реестр приказом №", 14), Column("Дата приказа", 13),
]
PAIR_COLUMNS = [
    Column("№", 6), Column("Организация", 30), Column("Наставник", 30), Column("Наставляемые", 40),
    Column("Форма наставничества", 24), Column("Вариация", 24), Column("Вид", 16), Column("Состояние", 20),
    Column("Начало", 12), Column("Плановое окончание", 13), Column("Фактическое окончание", 13),
    Column("Приказ о закреплении №", 14), Column("Дата приказа", 13),
]


def _registered(kind: str, related: str) -> Prefetch:
    """The registered orders of `kind`, newest first, as `<related>`'s `orders`."""
    return Prefetch(related, queryset=Order.objects.filter(kind=kind, status=Order.Status.REGISTERED)
                    .order_by("-date", "-pk"))


def mentor_registry(participants: QuerySet) -> bytes:
    """Every mentor of `participants` not anonymised, with the latest registry order that names them."""
    mentors = (participants.active().filter(is_mentor=True)
               .select_related("organization", "mentor_profile")
               .prefetch_related("mentor_profile__forms", _registered(OrderKind.REGISTRY, "orders"))
               .annotate(mentees_now=Count("mentored_pairs__mentees", filter=Q(
                   mentored_pairs__status__in=LIVE_STATUSES, mentored_pairs__mentees__left_on__isnull=True)))
               .order_by("organization__name", "last_name", "first_name", "middle_name", "pk"))
    book, sheet = _book("Реестр наставников", REGISTRY_COLUMNS)
    for index, mentor in enumerate(mentors.iterator(chunk_size=CHUNK), start=1):
        sheet.append(row_cells(sheet, _mentor_values(index, mentor)))
    return workbook_bytes(book)


def _mentor_values(index: int, mentor: Participant) -> list:
    profile = getattr(mentor, "mentor_profile", None)
    order = next(iter(mentor.orders.all()), None)
    return [index, mentor.full_name, mentor.organization.name, mentor.get_category_display(), mentor.grade_label,
            mentor.teaching_experience_years, mentor.professional_experience_years,
            ", ".join(form.name for form in profile.forms.all()) if profile else "",
            profile.competences if profile else "", mentor.mentees_now,
            order.number if order else "", order.date if order else None]


def pair_list(pairs: QuerySet) -> bytes:
    """Every pair of `pairs` with its mentees now and the order that fixed it."""
    mentees = Prefetch("mentees", queryset=PairMentee.objects.filter(left_on__isnull=True)
                       .select_related("mentee").order_by("mentee__last_name", "mentee__first_name"))
    rows = (pairs.select_related("organization", "mentor", "form", "variant")
            .prefetch_related(mentees, _registered(OrderKind.PAIRS, "orders"))
            .order_by("organization__name", "mentor__last_name", "mentor__first_name", "start_date", "pk"))
    book, sheet = _book("Пары и группы", PAIR_COLUMNS)
    for index, pair in enumerate(rows.iterator(chunk_size=CHUNK), start=1):
        order = next(iter(pair.orders.all()), None)
        sheet.append(row_cells(sheet, [
            index, pair.organization.name, pair.mentor.full_name,
            ", ".join(item.mentee.full_name for item in pair.mentees.all()), pair.form.name,
            pair.variant.name if pair.variant else "", pair.get_kind_display(), pair.get_status_display(),
            pair.start_date, pair.planned_end_date, pair.ended_on,
            order.number if order else "", order.date if order else None]))
    return workbook_bytes(book)


def _book(title: str, columns: list[Column]):
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"
    sheet.append(header_cells(sheet, [column.title for column in columns]))
    return book, sheet
