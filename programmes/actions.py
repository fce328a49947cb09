"""Every change of the programmes app: the region's and the organization's changes of a form's rules,
and the organization's programme with its stages. Each action runs in one transaction and writes its
audit row in it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import Role
from audit import log
from audit.models import AuditEntry
from meetings import records
from programmes import stages
from programmes.models import (
    CalendarItem,
    FormRuleOverride,
    MentorshipForm,
    Programme,
    ProgrammeStage,
    StageDocument,
)

NUMERIC_RULES = {"mentee_age_min", "mentee_age_max", "mentee_max_teaching_years", "mentor_min_experience_years"}


def _check_rule_value(rule: str, value) -> None:
    if rule not in FormRuleOverride.Rule.values:
        raise ValidationError({"rule": f"Неизвестное правило «{rule}»."})
    if rule in NUMERIC_RULES:
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100):
            raise ValidationError({"value": "Укажите целое число от 0 до 100 или отключите правило."})
    elif not isinstance(value, bool):
        raise ValidationError({"value": "Укажите «да» или «нет»."})


@transaction.atomic
def set_rule_override(*, organization, form: MentorshipForm, rule: str, value, actor) -> FormRuleOverride:
    """The region (or an organization, whose change wins) sets a number of `form`'s rule, or switches it
    off: None for a number, False for a yes/no rule."""
    _check_rule_value(rule, value)
    override, created = FormRuleOverride.objects.select_for_update().get_or_create(
        organization=organization, form=form, rule=rule, defaults={"value": value})
    before = None if created else override.value
    override.value = value
    override.save()
    log.record(actor=actor, action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE, obj=override,
               organization=organization, changes={f"{form.code}.{rule}": [before, value]})
    return override


@transaction.atomic
def clear_rule_override(override: FormRuleOverride, *, actor) -> None:
    """The level returns to the rule of the level above (in the end, the seeds' number)."""
    log.record(actor=actor, action=AuditEntry.Action.DELETE, obj=override, organization=override.organization,
               changes={f"{override.form.code}.{override.rule}": [override.value, None]})
    override.delete()


PROGRAMME_FIELDS = ["goal", "tasks", "expected_results", "curator", "ends_on"]


def _check_programme(organization, year: int, values: dict, forms) -> None:
    errors = {}
    first, last = stages.school_year_bounds(year)
    if values.get("ends_on") and not first <= values["ends_on"] <= last:
        errors["ends_on"] = f"Окончание — в {stages.school_year_label(year)} учебном году: с {first:%d.%m.%Y} " \
                            f"по {last:%d.%m.%Y}."
    if not (values.get("goal") or "").strip():
        errors["goal"] = "Укажите цель программы."
    if forms is not None and not forms:
        errors["forms"] = "Выберите хотя бы одну форму наставничества."
    curator = values.get("curator")
    if curator is not None and not curator.roles.filter(role__in=(Role.CURATOR, Role.HEAD),
                                                        organization=organization).exists():
        errors["curator"] = f"«{curator.get_full_name()}» не куратор и не руководитель организации «{organization}»."
    if errors:
        raise ValidationError(errors)


def _log_programme(programme: Programme, *, actor, action, before: dict, forms_before: list[str]) -> None:
    changes = log.diff(before, log.snapshot(programme, PROGRAMME_FIELDS))
    forms_after = sorted(f.name for f in programme.forms.all())
    if forms_after != forms_before:
        changes["forms"] = [forms_before or None, forms_after]
    if changes:
        log.record(actor=actor, action=action, obj=programme, organization=programme.organization, changes=changes)


@transaction.atomic
def create_programme(*, organization, year: int, forms: list[MentorshipForm], goal: str, actor, tasks: str = "",
                     expected_results: str = "", curator=None, ends_on: datetime.date | None = None) -> Programme:
    """The organization's programme for the school year `year`/`year + 1`, with its seven stages not started."""
    if not organization.is_educational:
        raise ValidationError({"organization": "Программу наставничества ведёт образовательная организация."})
    values = {"goal": goal, "tasks": tasks, "expected_results": expected_results, "curator": curator,
              "ends_on": ends_on}
    _check_programme(organization, year, values, forms)
    if Programme.objects.filter(organization=organization, year=year).exists():
        raise ValidationError({"year": f"Программа на {stages.school_year_label(year)} учебный год уже есть."})
    programme = Programme.objects.create(organization=organization, year=year, **values)
    programme.forms.set(forms)
    ProgrammeStage.objects.bulk_create([ProgrammeStage(programme=programme, number=s.number) for s in stages.STAGES])
    _log_programme(programme, actor=actor, action=AuditEntry.Action.CREATE, before={"year": None}, forms_before=[])
    return programme


@transaction.atomic
def update_programme(programme: Programme, *, actor, forms: list[MentorshipForm] | None = None, **values) -> Programme:
    """Change the goal, tasks, expected results, curator or forms; only the changes are logged."""
    unknown = set(values) - set(PROGRAMME_FIELDS)
    if unknown:
        raise ValidationError(f"Нельзя изменить: {', '.join(sorted(unknown))}.")
    before = log.snapshot(programme, PROGRAMME_FIELDS)
    forms_before = sorted(f.name for f in programme.forms.all())
    _check_programme(programme.organization, programme.year, {**{k: getattr(programme, k) for k in PROGRAMME_FIELDS}, **values}, forms)
    for name, value in values.items():
        setattr(programme, name, value)
    programme.save()
    if forms is not None:
        programme.forms.set(forms)
    _log_programme(programme, actor=actor, action=AuditEntry.Action.UPDATE, before=before, forms_before=forms_before)
    return programme


CALENDAR_TEXTS = ("event", "due_text", "responsible", "result")


def _calendar_item(programme: Programme, position: int, row: dict) -> CalendarItem:
    texts = {name: (row.get(name) or "").strip() for name in CALENDAR_TEXTS}
    return CalendarItem(programme=programme, position=position, stage=row.get("stage"), due_date=row.get("due_date"),
                        **texts)


def _calendar_row_errors(row: dict, year: int) -> list[str]:
    errors = []
    if not (row.get("event") or "").strip():
        errors.append("укажите мероприятие")
    due_date, due_text = row.get("due_date"), (row.get("due_text") or "").strip()
    first, last = stages.school_year_bounds(year)
    if due_date is None and not due_text:
        errors.append("укажите срок: дату или словами («ежемесячно»)")
    elif due_date is not None and not first <= due_date <= last:
        errors.append(f"срок {due_date:%d.%m.%Y} вне {stages.school_year_label(year)} учебного года "
                      f"({first:%d.%m.%Y} – {last:%d.%m.%Y})")
    if row.get("stage") is not None and row["stage"] not in stages.BY_NUMBER:
        errors.append("этап — число от 1 до 7")
    return errors


@transaction.atomic
def set_calendar_plan(programme: Programme, rows: list[dict], *, actor) -> list[CalendarItem]:
    """Replace the calendar plan with `rows` ({event, stage, due_date, due_text, responsible, result});
    all or nothing, errors name the row."""
    errors = [f"Строка {n}: {'; '.join(problems)}." for n, row in enumerate(rows, start=1)
              if (problems := _calendar_row_errors(row, programme.year))]
    if errors:
        raise ValidationError(errors)
    before = programme.calendar.count()
    programme.calendar.all().delete()
    items = CalendarItem.objects.bulk_create([_calendar_item(programme, n, row) for n, row in enumerate(rows, start=1)])
    log.record(actor=actor, action=AuditEntry.Action.UPDATE, obj=programme, organization=programme.organization,
               changes={"calendar_items": [before, len(items)]})
    return items


def _locked_states(programme: Programme) -> dict[int, ProgrammeStage]:
    """The programme's stages, locked, so two curators cannot move them past each other's checks."""
    return {s.number: s for s in ProgrammeStage.objects.select_for_update().filter(programme=programme)}


def _move(stage: ProgrammeStage, *, actor, to: str, on: datetime.date, date_field: str) -> ProgrammeStage:
    before = stage.state
    stage.state = to
    setattr(stage, date_field, on)
    stage.save()
    log.record(actor=actor, action=AuditEntry.Action.TRANSITION, obj=stage, organization=stage.programme.organization,
               changes={"state": [before, to], date_field: [None, on.isoformat()]})
    return stage


@transaction.atomic
def start_stage(stage: ProgrammeStage, *, actor, on: datetime.date) -> ProgrammeStage:
    locked = _locked_states(stage.programme)
    reason = stages.why_not_start(stage.number, {n: s.state for n, s in locked.items()})
    if reason:
        raise ValidationError(reason)
    return _move(locked[stage.number], actor=actor, to=stages.IN_PROGRESS, on=on, date_field="started_on")


@transaction.atomic
def complete_stage(stage: ProgrammeStage, *, actor, on: datetime.date) -> ProgrammeStage:
    """A stage is completed once the stage before it is and its required documents are recorded."""
    locked = _locked_states(stage.programme)
    stage = locked[stage.number]
    produced = set(stage.documents.values_list("kind", flat=True)) | records.produced(stage.programme)
    reason = stages.why_not_complete(stage.number, {n: s.state for n, s in locked.items()}, produced)
    if not reason and on < stage.started_on:
        reason = f"Дата завершения раньше начала этапа ({stage.started_on:%d.%m.%Y})."
    if reason:
        raise ValidationError(reason)
    return _move(stage, actor=actor, to=stages.COMPLETED, on=on, date_field="completed_on")


@transaction.atomic
def record_stage_document(programme: Programme, *, kind: str, actor, title: str = "", number: str = "",
                          dated: datetime.date | None = None, note: str = "", stage: int | None = None
                          ) -> StageDocument:
    """A document a stage produced; its kind names the stage («иной документ» needs `stage`).
    Recording the same kind, number and date again returns the row already there."""
    if kind not in dict(StageDocument.KINDS):
        raise ValidationError({"kind": f"Неизвестный вид документа «{kind}»."})
    if kind == StageDocument.OTHER and (stage not in stages.BY_NUMBER or not title.strip()):
        raise ValidationError({"title": "Для иного документа укажите этап и наименование."})
    number_of_stage = stage if kind == StageDocument.OTHER else stages.stage_of(kind)
    owner = programme.stages.get(number=number_of_stage)
    document, created = StageDocument.objects.get_or_create(
        stage=owner, kind=kind, number=number.strip(), dated=dated,
        defaults={"title": title.strip(), "note": note.strip(), "created_by": actor})
    if created:
        log.record(actor=actor, action=AuditEntry.Action.CREATE, obj=document, organization=programme.organization,
                   changes={"stage": [None, owner.number], "document": [None, str(document)]})
    return document


@transaction.atomic
def remove_stage_document(document: StageDocument, *, actor) -> None:
    if document.stage.state == stages.COMPLETED:
        raise ValidationError("Этап завершён: его документы не удаляются.")
    log.record(actor=actor, action=AuditEntry.Action.DELETE, obj=document,
               organization=document.stage.programme.organization,
               changes={"document": [str(document), None]})
    document.delete()


def record_order(organization, *, kind: str, number: str, dated: datetime.date, actor) -> StageDocument | None:
    """An order registered elsewhere (pairs fixed, mentors' registry …) joins the stage of the
    organization's programme for that school year, when there is one."""
    programme = Programme.objects.filter(organization=organization, year=stages.school_year_of(dated)).first()
    if programme is None:
        return None
    return record_stage_document(programme, kind=kind, actor=actor, number=number, dated=dated)
