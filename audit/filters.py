"""Filters of the audit log page."""

import django_filters
from django.forms import HiddenInput

from accounts.scoping import organizations_where
from audit.models import AuditEntry
from organizations.models import at_or_below
from people.models import Participant
from utilities.widgets import DateInput


def _organizations(request):
    return organizations_where(request.user, "view_audit")


def _participants(request):
    return Participant.objects.visible_to(request.user)


class AuditFilter(django_filters.FilterSet):
    organization = django_filters.ModelChoiceFilter(
        label="Организация", queryset=_organizations, method="filter_organization", empty_label="все"
    )
    participant = django_filters.ModelChoiceFilter(label="Участник", queryset=_participants, widget=HiddenInput)
    since = django_filters.DateFilter(label="С", field_name="at", lookup_expr="date__gte", widget=DateInput())
    until = django_filters.DateFilter(label="По", field_name="at", lookup_expr="date__lte", widget=DateInput())
    action = django_filters.ChoiceFilter(label="Действие", choices=AuditEntry.Action.choices, empty_label="все")

    class Meta:
        model = AuditEntry
        fields = ["organization", "participant", "since", "until", "action"]

    def filter_organization(self, queryset, name, organization):
        """The organization and everything below it."""
        return queryset.filter(at_or_below([organization], "organization"))
