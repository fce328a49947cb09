"""An existing roadmap from DOCX or XLSX: the preview (due dates read from each term, the rows that need a
date) and the import of it all or nothing, for the page, the API and `manage.py import_roadmap`."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

from roadmaps import actions, files, tables
from roadmaps.catalogue import Row
from roadmaps.terms import Term, read_term


@dataclass(frozen=True)
class Preview:
    title: str
    starts_on: datetime.date
    ends_on: datetime.date
    rows: tuple[Row, ...]
    terms: tuple[Term | None, ...]  # None for a section
    errors: tuple[str, ...]

    @property
    def items(self) -> list[tuple[Row, Term]]:
        return [(row, term) for row, term in zip(self.rows, self.terms, strict=True) if term is not None]

    @property
    def attention(self) -> list[int]:
        """The rows of the file whose term gave no date, or one outside the period."""
        return [row.line for row, term in self.items if term.attention]

    def as_json(self) -> dict:
        return {"items": [{"number": row.number, "item": row.activity, "term": row.term,
                           "responsible": row.responsible, "result": row.result, "kind": term.kind,
                           "due": [day.isoformat() for day in term.due]} for row, term in self.items],
                "attention": self.attention}


def preview(content: bytes, name: str, *, starts_on=None, ends_on=None) -> Preview:
    """What the file holds; a file that is no roadmap raises ValidationError with the reason."""
    try:
        layout = tables.read_layout(files.read_cells(content, name))
    except tables.TableError as error:
        raise ValidationError({"file": str(error)}) from error
    if starts_on is None or ends_on is None:
        starts_on, ends_on = tables.period_of(layout.rows, timezone.localdate())
    if ends_on < starts_on:
        raise ValidationError({"ends_on": "Конец периода раньше его начала."})
    terms = tuple(None if row.section else read_term(row.term, starts_on, ends_on) for row in layout.rows)
    return Preview(layout.title or name, starts_on, ends_on, layout.rows, terms,
                   tuple(actions.check_rows(layout.rows)))


def import_roadmap(content: bytes, name: str, *, organization, actor, starts_on=None, ends_on=None):
    """The roadmap of the file as the organization's, all rows or none: (preview, roadmap)."""
    shown = preview(content, name, starts_on=starts_on, ends_on=ends_on)
    if shown.errors:
        raise ValidationError(list(shown.errors))
    roadmap = actions.create_roadmap(organization=organization, title=shown.title, starts_on=shown.starts_on,
                                     ends_on=shown.ends_on, rows=shown.rows, actor=actor)
    return shown, roadmap
