"""The rules in force for a form in an organization, and the person arrays eligibility checks."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from audit import log
from audit.models import AuditEntry
from organizations.models import Agreement
from people.rules import missing_consents
from programmes.eligibility import FormRules, People
from programmes.models import FormRuleOverride, MentorshipForm

NUMERIC = {"mentee_age_min", "mentee_age_max", "mentee_max_teaching_years", "mentor_min_experience_years"}


def form_rules(form: MentorshipForm, organization) -> FormRules:
    """The seeds' numbers of `form`, changed by the region, then by the organization's lineage below it."""
    values = {rule: getattr(form, rule) for rule in FormRuleOverride.Rule.values}
    lineage = [organization, *organization.ancestors()][::-1]  # region first, the organization last
    order = [o.pk for o in lineage]
    for override in sorted(FormRuleOverride.objects.filter(form=form, organization__in=lineage),
                           key=lambda o: order.index(o.organization_id)):
        values[override.rule] = override.value
    return FormRules(mentor_categories=tuple(form.mentor_categories),
                     mentee_categories=tuple(form.mentee_categories), **values)


@transaction.atomic
def set_rule_override(*, organization, form: MentorshipForm, rule: str, value, actor) -> FormRuleOverride:
    if rule in NUMERIC and value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        raise ValidationError({"value": "Укажите целое неотрицательное число или отключите правило."})
    if rule not in NUMERIC and not isinstance(value, bool):
        raise ValidationError({"value": "Укажите «да» или «нет»."})
    override, created = FormRuleOverride.objects.get_or_create(
        organization=organization, form=form, rule=rule, defaults={"value": value})
    before = None if created else override.value
    override.value = value
    override.save()
    log.record(actor=actor, action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE, obj=override,
               organization=organization, changes={f"{form.code}.{rule}": [before, value]})
    return override


def agreement_valid_for(participant, organization, day: datetime.date) -> bool:
    """A partner's employee whose organization has an agreement, valid on `day`, with `organization`
    or a territory above it."""
    if not participant.organization.is_partner:
        return False
    lineage = [organization, *organization.ancestors()]
    return any(a.is_valid_on(day) for a in Agreement.objects.filter(partner=participant.organization_id,
                                                                     counterparty__in=lineage))


def people(participants, organization, day: datetime.date) -> People:
    """Eligibility arrays of a few participants (one pair or a group) on the pair's start date."""
    rows = []
    for p in participants:
        profile = getattr(p, "mentee_profile", None) if p.is_mentee else None
        rows.append({
            "id": p.pk, "category": p.category, "grade": p.grade, "age_at_start": p.age_on(day),
            "teaching_years": p.teaching_experience_years, "professional_years": p.professional_experience_years,
            "partner_agreement_valid": agreement_valid_for(p, organization, day),
            "consents_ok": not missing_consents(p, day),
            "flagged": bool(profile and (profile.new_to_organization or profile.support_reason)),
        })
    return People.build(rows)
