"""Every change of a report: a draft built from the register, its figures counted again, its texts written, sent to
the level above (the figures and the files frozen as sent). Only the staff of the report's own organization who
write reports (`write_reports`, held there, not from above); a sent report is read-only. One transaction each, the
audit row in it."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.scoping import holds_at
from audit import log
from audit.models import AuditEntry
from monitoring import counting
from organizations.models import Organization
from programmes import stages
from reports import figures, writing
from reports.models import Report
from roadmaps import actions as roadmap_actions
from utilities.text import printable

LIMIT = 20000
SENT = "Отчёт отправлен: его нельзя менять."
NOBODY_ABOVE = "Выше этой организации нет уровня, которому отправляют отчёт."
ROWS_LABELS = {Organization.Kind.REGION: "Муниципалитет", Organization.Kind.MUNICIPALITY: "Организация"}


def _allowed(actor, organization) -> None:
    """`actor` None is the system (the demo, a command on the server), never a request."""
    if actor is not None and not holds_at(actor, "write_reports", organization):
        raise PermissionDenied


def _draft(report: Report, actor) -> Report:
    report = Report.objects.select_for_update().select_related("organization").get(pk=report.pk)
    _allowed(actor, report.organization)
    if not report.editable:
        raise ValidationError(SENT)
    return report


@transaction.atomic
def create_report(*, organization, year: int, actor, today: datetime.date | None = None) -> Report:
    """The organization's draft report of the school year `year`, its figures counted on `today` (or the end of
    that year)."""
    _allowed(actor, organization)
    today = today or timezone.localdate()
    if organization.kind not in counting.REPORTED_KINDS:
        raise ValidationError({"organization": "Отчёт о наставничестве составляют образовательные организации, "
                                               "муниципалитеты и регион."})
    if not 2000 <= year <= stages.school_year_of(today):
        raise ValidationError({"year": "Учебный год отчёта ещё не начался или указан неверно."})
    if Report.objects.filter(organization=organization, year=year).exists():
        raise ValidationError({"year": "Отчёт организации за этот учебный год уже есть: откройте его."})
    day = figures.day_of(year, today)
    report = Report.objects.create(organization=organization, year=year, day=day,
                                   figures=figures.gather(organization, year, day))
    log.record(actor=actor, action=AuditEntry.Action.CREATE, obj=report, organization=organization,
               changes={"year": [None, year], "day": [None, day.isoformat()]})
    return report


@transaction.atomic
def refresh(report: Report, *, actor, today: datetime.date | None = None) -> Report:
    """The draft's figures counted again from the register, on `today` (or the end of its school year)."""
    report = _draft(report, actor)
    before = report.day.isoformat()
    report.day = figures.day_of(report.year, today or timezone.localdate())
    report.figures = figures.gather(report.organization, report.year, report.day)
    report.save(update_fields=["day", "figures", "updated_at"])
    log.record(actor=actor, action=AuditEntry.Action.UPDATE, obj=report, organization=report.organization,
               changes={"figures": [before, report.day.isoformat()]})
    return report


@transaction.atomic
def edit_texts(report: Report, *, actor, **texts: str) -> Report:
    """The curator's parts («Итоги», «Лучшие практики и кейсы», «Выводы и планы»)."""
    report = _draft(report, actor)
    names = [name for name, _ in Report.TEXTS]
    before = log.snapshot(report, names)
    for name, value in texts.items():
        if name not in names:
            raise TypeError(name)
        value = printable(value).strip()
        if len(value) > LIMIT:
            raise ValidationError({name: f"«{dict(Report.TEXTS)[name]}»: больше {LIMIT} знаков."})
        setattr(report, name, value)
    report.save()
    # The audit keeps which parts changed and their length, not the text.
    changes = {name: [len(old or ""), len(new)] for name, (old, new) in
               log.diff(before, log.snapshot(report, names)).items()}
    log.record(actor=actor, action=AuditEntry.Action.UPDATE, obj=report, organization=report.organization,
               changes=changes)
    return report


def heading(report: Report) -> writing.Heading:
    return writing.Heading(report.title, report.organization.name, ROWS_LABELS.get(report.organization.kind, ""),
                           timezone.localdate(report.sent_at) if report.sent_at else None)


def document(report: Report) -> bytes:
    return writing.docx_bytes(heading(report), report.figures, report.texts())


def table(report: Report) -> bytes:
    return writing.xlsx_bytes(heading(report), report.figures)


@transaction.atomic
def send(report: Report, *, actor) -> Report:
    """The report to the level above as it was previewed: figures, texts and files stay as sent. It completes the
    roadmap items of the organization waiting for it."""
    report = _draft(report, actor)
    if report.organization.parent_id is None:
        raise ValidationError(NOBODY_ABOVE)
    report.status, report.sent_at, report.sent_by = Report.Status.SENT, timezone.now(), actor
    name = f"{report.organization.code}-{report.year}"
    report.document.save(f"{name}.docx", ContentFile(document(report)), save=False)
    report.table.save(f"{name}.xlsx", ContentFile(table(report)), save=False)
    report.save()
    log.record(actor=actor, action=AuditEntry.Action.TRANSITION, obj=report, organization=report.organization,
               changes={"status": [Report.Status.DRAFT, Report.Status.SENT]})
    roadmap_actions.complete_by(report, actor=actor)
    return report
