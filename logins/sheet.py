"""The sheet of cut-out slips a class teacher hands out: one slip a person, with a one-time code."""

import io

from django.utils import timezone
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt

from logins import codes
from utilities.text import printable

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
COLUMNS = 2


def _slip(cell, invitation, code: str, address: str) -> None:
    participant = invitation.participant
    lines = [
        ("«Наставник»: вход участника", True),
        (invitation.invitee_name, True),
        (" · ".join(p for p in (participant.grade_label and f"{participant.grade_label} класс",
                                participant.organization.name) if p), False),
        (f"Откройте {address} и введите код:", False),
        (codes.printed(code), True),
        (f"Код действует один раз до {timezone.localtime(invitation.expires_at):%d.%m.%Y}.", False),
    ]
    cell.paragraphs[0].text = ""
    for n, (text, bold) in enumerate(lines):
        paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
        run = paragraph.add_run(printable(text))
        run.bold = bold
        run.font.size = Pt(16 if text == codes.printed(code) else 10)


def sheet(issued, refused, address: str) -> bytes:
    """DOCX: the slips in a bordered table (the lines to cut along), then who got none and why."""
    document = Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Cm(1.5)
    if issued:
        table = document.add_table(rows=(len(issued) + COLUMNS - 1) // COLUMNS, cols=COLUMNS)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for n, (invitation, code) in enumerate(issued):
            _slip(table.cell(n // COLUMNS, n % COLUMNS), invitation, code, address)
    if refused:
        document.add_paragraph(printable("Без кода:")).runs[0].bold = True
        for participant, reason in refused:
            document.add_paragraph(printable(f"{participant.full_name} — {reason}"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
