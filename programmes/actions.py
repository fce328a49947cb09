"""Every change of the programmes app: the region's and the organization's changes of a form's rules,
and the organization's programme with its stages. Each action runs in one transaction and writes its
audit row in it."""

from django.core.exceptions import ValidationError
from django.db import transaction

from audit import log
from audit.models import AuditEntry
from programmes.models import FormRuleOverride, MentorshipForm

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
