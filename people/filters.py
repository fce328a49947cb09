"""The one definition of the participant list's search and filters, shared by the page, the XLSX
export and the API. It narrows a queryset the caller has already scoped with `visible_to`."""

import django_filters
from django.db.models import Q
from django.utils import timezone

from accounts.scoping import organizations_where
from organizations.models import Organization, at_or_below
from people import stats
from people.models import Category, Participant
from people.names import normalize
from programmes.models import MentorshipForm

ROLE_CHOICES = [("mentor", "наставник"), ("mentee", "наставляемый")]
CONSENT_CHOICES = [
    ("complete", "все согласия есть"),
    ("incomplete", "не хватает согласий"),
    ("no_personal_data", stats.PERSONAL_DATA_MISSING),
    ("no_representative", stats.REPRESENTATIVE_MISSING),
]


def _organizations(request):
    user = getattr(request, "user", None)
    return organizations_where(user, "view_people") if user is not None else Organization.objects.none()


class ParticipantFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="ФИО", method="filter_name")
    organization = django_filters.ModelChoiceFilter(
        label="Организация", queryset=_organizations, method="filter_organization", empty_label="все"
    )
    role = django_filters.ChoiceFilter(label="Роль", choices=ROLE_CHOICES, method="filter_role", empty_label="все")
    category = django_filters.ChoiceFilter(label="Категория", choices=Category.choices, empty_label="все")
    grade = django_filters.NumberFilter(label="Класс/курс", min_value=0)
    consents = django_filters.ChoiceFilter(
        label="Согласия", choices=CONSENT_CHOICES, method="filter_consents", empty_label="все"
    )
    form = django_filters.ModelChoiceFilter(
        label="Форма наставничества", queryset=MentorshipForm.objects.all(), method="filter_form", empty_label="все"
    )

    class Meta:
        model = Participant
        fields = ["q", "organization", "role", "category", "grade", "consents", "form"]

    def filter_name(self, queryset, name, value):
        """Every word of the query is a part of the surname, name or patronymic (case and ё/е ignored)."""
        for word in normalize(value).split():
            queryset = queryset.filter(fio_key__contains=word)
        return queryset

    def filter_organization(self, queryset, name, organization):
        """The organization and everything below it, so a municipality selects its schools."""
        return queryset.filter(at_or_below([organization], "organization"))

    def filter_role(self, queryset, name, value):
        return queryset.filter(**{f"is_{value}": True})

    def filter_consents(self, queryset, name, value):
        day = timezone.localdate()
        condition = {
            "complete": ~stats.lacks_consents_q(day),
            "incomplete": stats.lacks_consents_q(day),
            "no_personal_data": stats.lacks_personal_data_q(day),
            "no_representative": stats.lacks_representative_q(day),
        }[value]
        return queryset.filter(condition)

    def filter_form(self, queryset, name, form):
        """Mentors ready for the form and mentees who asked for it."""
        return queryset.filter(Q(mentor_profile__forms=form) | Q(mentee_profile__desired_form=form)).distinct()
