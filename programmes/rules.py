"""The rules in force for a form in an organization, a mentor's limit, and the person arrays
programmes.eligibility checks. Reads only; changes of the rules go through programmes.actions."""

import datetime

from organizations.models import LINEAGE, Agreement
from programmes import eligibility
from programmes.eligibility import FormRules
from programmes.models import FormRuleOverride, MentorshipForm


def _rules(form: MentorshipForm, lineage_ids: list[int], overrides: dict[int, list[FormRuleOverride]]) -> FormRules:
    """The form's numbers changed by the overrides of `lineage_ids`, region first, the organization last."""
    values = {rule: getattr(form, rule) for rule in FormRuleOverride.Rule.values}
    for organization_id in lineage_ids:
        for override in overrides.get(organization_id, []):
            values[override.rule] = override.value
    return FormRules(mentor_categories=tuple(form.mentor_categories),
                     mentee_categories=tuple(form.mentee_categories), mentor_position=form.mentor_position or None,
                     **values)


def form_rules(form: MentorshipForm, organization) -> FormRules:
    """The seeds' numbers of `form`, changed by the region, then by the organization's lineage below it."""
    lineage = [o.pk for o in organization.lineage()[::-1]]
    overrides: dict[int, list[FormRuleOverride]] = {}
    for override in FormRuleOverride.objects.filter(form=form, organization__in=lineage):
        overrides.setdefault(override.organization_id, []).append(override)
    return _rules(form, lineage, overrides)


def form_rules_by_organization(form: MentorshipForm, organizations) -> dict[int, FormRules]:
    """`form_rules` of many organizations (a queryset) with two queries: organization id → rules."""
    overrides: dict[int, list[FormRuleOverride]] = {}
    for override in FormRuleOverride.objects.filter(form=form):
        overrides.setdefault(override.organization_id, []).append(override)
    lineages = organizations.values_list(*reversed(LINEAGE))
    return {lineage[-1]: _rules(form, [pk for pk in lineage if pk is not None], overrides) for lineage in lineages}


def mentee_limit_of(mentor) -> int:
    """How many mentees `mentor` may have at once: 3, or less if the organization or the profile says so."""
    profile = getattr(mentor, "mentor_profile", None)
    return eligibility.mentee_limit(mentor.organization.max_mentees_per_mentor, profile and profile.max_mentees)


def agreement_valid_for(participant, organization, day: datetime.date) -> bool:
    """A partner's employee whose organization has an agreement, valid on `day`, with `organization`
    or a territory above it."""
    if not participant.organization.is_partner:
        return False
    return Agreement.objects.valid_on(day).filter(partner=participant.organization_id,
                                                   counterparty__in=organization.lineage()).exists()
