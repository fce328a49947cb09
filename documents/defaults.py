"""The default DOCX templates, built with python-docx at first use (this module is their only source),
and the default text of each kind of order.

A template is a DOCX with docxtpl (Jinja) tags. Every order template gets: organization, title, number,
date (01.09.2026), date_long («1 сентября 2026 г.»), paragraphs (the text of the order), rows (the table
of the kind, see TABLES), signer («И.О. Фамилия»), signer_position, draft (true for a project). Consent
forms get: organization, person, birth_date, role, representative, signature («И.О. Фамилия» of who signs).
An organization that replaces a template downloads the one in force, edits it in a word processor keeping
the tags, and uploads it."""

import functools
import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from documents.models import ConsentFormKind, OrderKind

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Columns of the table each kind of order appends: (header, key of a row, width in cm).
TABLES: dict[str, list[tuple[str, str, float]]] = {
    OrderKind.REGISTRY: [("№", "n", 1), ("Наставник", "mentor", 5), ("Категория", "category", 3.5),
                         ("Место работы или учёбы", "place", 4.5), ("Формы наставничества", "forms", 4)],
    OrderKind.PAIRS: [("№", "n", 1), ("Наставник", "mentor", 4.2), ("Наставляемые", "mentees", 4.5),
                      ("Форма наставничества", "form", 3.5), ("Срок наставничества", "term", 4)],
    OrderKind.REPLACEMENT: [("№", "n", 1), ("Наставляемые", "mentees", 3.8), ("Прежний наставник", "mentor", 3.5),
                            ("Новый наставник", "new_mentor", 3.5), ("Основание", "reason", 3.5),
                            ("Дата замены", "effective_on", 2.4)],
    OrderKind.EXTENSION: [("№", "n", 1), ("Наставник", "mentor", 3.8), ("Наставляемые", "mentees", 4),
                          ("Основание", "reason", 4.5), ("Срок продлён до", "new_end", 3)],
    OrderKind.REWARD: [("№", "n", 1), ("Наставник", "mentor", 5), ("Категория", "category", 3.5),
                       ("Наставляемые", "mentees", 5), ("Форма наставничества", "forms", 3.5)],
}

_CONTROL = "Контроль исполнения настоящего приказа оставляю за собой."
_BASIS = ("В соответствии с распоряжением Минпросвещения России от 25.12.2019 № Р-145 «Об утверждении методологии "
          "(целевой модели) наставничества обучающихся для организаций, осуществляющих образовательную деятельность "
          "по общеобразовательным, дополнительным общеобразовательным и программам среднего профессионального "
          "образования, в том числе с применением лучших практик обмена опытом между обучающимися»{}")
_BY_REGULATION = _BASIS.format(" и Положением о наставничестве")

TEXTS: dict[str, list[str]] = {
    OrderKind.REGULATION: [
        _BASIS.format("") + ", в целях внедрения целевой модели наставничества",
        "ПРИКАЗЫВАЮ:",
        "1. Утвердить Положение о наставничестве.",
        "2. Утвердить дорожную карту (план мероприятий) внедрения целевой модели наставничества.",
        "3. Куратору наставничества обеспечить выполнение мероприятий дорожной карты и информирование "
        "обучающихся, их родителей (законных представителей) и педагогических работников.",
        "4. " + _CONTROL,
    ],
    OrderKind.REGISTRY: [
        _BY_REGULATION + ", по итогам отбора наставников",
        "ПРИКАЗЫВАЮ:",
        "1. Утвердить реестр наставников (приложение).",
        "2. Куратору наставничества организовать обучение наставников.",
        "3. " + _CONTROL,
    ],
    OrderKind.PAIRS: [
        _BY_REGULATION + ", на основании письменных согласий участников",
        "ПРИКАЗЫВАЮ:",
        "1. Закрепить наставнические пары (группы) на указанный срок (приложение).",
        "2. Наставникам совместно с наставляемыми разработать индивидуальные планы в течение месяца.",
        "3. Куратору наставничества осуществлять контроль работы наставнических пар (групп).",
        "4. " + _CONTROL,
    ],
    OrderKind.REPLACEMENT: [
        _BY_REGULATION + " (замена наставника)",
        "ПРИКАЗЫВАЮ:",
        "1. Заменить наставников наставнических пар (групп) с указанных дат по указанным основаниям (приложение).",
        "2. Новым наставникам продолжить работу по индивидуальным планам наставляемых.",
        "3. " + _CONTROL,
    ],
    OrderKind.EXTENSION: [
        _BY_REGULATION + " (продление срока наставничества)",
        "ПРИКАЗЫВАЮ:",
        "1. Продлить срок наставничества наставнических пар (групп) по указанным основаниям (приложение).",
        "2. Наставникам внести изменения в сроки индивидуальных планов.",
        "3. " + _CONTROL,
    ],
    OrderKind.REWARD: [
        _BY_REGULATION + ", по итогам реализации программы наставничества",
        "ПРИКАЗЫВАЮ:",
        "1. Объявить благодарность наставникам (приложение) за добросовестное осуществление наставничества.",
        "2. " + _CONTROL,
    ],
}

CONSENT_TEXTS: dict[str, tuple[str, list[str]]] = {
    ConsentFormKind.PARTICIPANT: ("СОГЛАСИЕ\nна участие в программе наставничества и обработку персональных данных", [
        "Я, {{ person }}, {{ birth_date }} года рождения, добровольно даю согласие на участие в программе "
        "наставничества {{ organization }} в качестве {{ role }}.",
        "Даю согласие {{ organization }} на обработку моих персональных данных (фамилия, имя, отчество, дата "
        "рождения, сведения об образовании, о профессиональном опыте и интересах, контактные данные) в целях "
        "организации наставничества, в соответствии с Федеральным законом от 27.07.2006 № 152-ФЗ "
        "«О персональных данных».",
        "Согласие действует до окончания моего участия в программе наставничества и может быть отозвано мной "
        "письменным заявлением.",
    ]),
    ConsentFormKind.REPRESENTATIVE: ("СОГЛАСИЕ\nзаконного представителя несовершеннолетнего", [
        "Я, {{ representative }}, являясь законным представителем несовершеннолетнего (несовершеннолетней) "
        "{{ person }}, {{ birth_date }} года рождения, даю согласие на его (её) участие в программе "
        "наставничества {{ organization }} в качестве {{ role }}.",
        "Даю согласие {{ organization }} на обработку персональных данных несовершеннолетнего (фамилия, имя, "
        "отчество, дата рождения, класс, сведения об интересах и образовательных результатах) и моих "
        "персональных данных (фамилия, имя, отчество, контактные данные) в целях организации наставничества, "
        "в соответствии с Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных».",
        "Согласие действует до окончания участия несовершеннолетнего в программе наставничества и может быть "
        "отозвано мной письменным заявлением.",
    ]),
}


def default_text(kind: str) -> str:
    return "\n\n".join(TEXTS[kind])


def default_template(kind: str) -> bytes:
    """The default template of `kind` (an order kind or a consent form kind) as DOCX bytes, built once."""
    return _built(str(kind))  # an OrderKind member and its plain value share one cache entry


@functools.lru_cache
def _built(kind: str) -> bytes:
    document = _document()
    if kind in CONSENT_TEXTS:
        _consent(document, *CONSENT_TEXTS[kind])
    else:
        _order(document, kind)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _document():
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    style.paragraph_format.space_after = Pt(0)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(2)
    return document


def _line(document, text: str = "", *, bold=False, align=None, indent=False, size=None):
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1.25)
    return paragraph


def _order(document, kind: str) -> None:
    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    _line(document, "{%p if draft %}")
    _line(document, "ПРОЕКТ", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _line(document, "{%p endif %}")
    _line(document, "{{ organization }}", bold=True, align=center)
    _line(document)
    _line(document, "ПРИКАЗ", bold=True, align=center, size=16)
    _line(document)
    _line(document, "{{ date }}\t\t\t\t\t\t\t\t№ {{ number }}")
    _line(document)
    _line(document, "{{ title }}", bold=True)
    _line(document)
    _line(document, "{%p for paragraph in paragraphs %}")
    _line(document, "{{ paragraph }}", align=justify, indent=True)
    _line(document, "{%p endfor %}")
    _line(document)
    _line(document)
    _line(document, "{{ signer_position }}\t\t\t\t\t\t{{ signer }}")
    if kind in TABLES:
        _appendix(document, TABLES[kind])


def _appendix(document, columns: list[tuple[str, str, float]]) -> None:
    document.add_page_break()
    _line(document, "Приложение к приказу {{ organization }}", align=WD_ALIGN_PARAGRAPH.RIGHT, size=12)
    _line(document, "от {{ date }} № {{ number }}", align=WD_ALIGN_PARAGRAPH.RIGHT, size=12)
    _line(document)
    _line(document, "{{ title }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _line(document)
    table = document.add_table(rows=4, cols=len(columns))
    table.style = "Table Grid"
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header, opening, data, closing = table.rows
    opening.cells[0].text = "{%tr for row in rows %}"
    closing.cells[0].text = "{%tr endfor %}"
    for index, (title, key, width) in enumerate(columns):
        header.cells[index].text = title
        header.cells[index].paragraphs[0].runs[0].bold = True
        data.cells[index].text = "{{ row." + key + " }}"
        table.columns[index].width = Cm(width)
        for row in table.rows:
            row.cells[index].width = Cm(width)
    for cell in (*header.cells, *data.cells):
        cell.paragraphs[0].runs[0].font.size = Pt(12)


def _consent(document, title: str, paragraphs: list[str]) -> None:
    _line(document, "{{ organization }}", align=WD_ALIGN_PARAGRAPH.RIGHT, size=12)
    _line(document)
    for line in title.split("\n"):
        _line(document, line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _line(document)
    for text in paragraphs:
        _line(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    _line(document)
    _line(document, "«____» ______________ 20____ г.\t\t__________________ / {{ signature }}")
