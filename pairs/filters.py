"""The one definition of the pair list's search and filters, shared by the page, the export and the API.
It narrows a queryset the caller has already scoped with `Pair.objects.visible_to`."""

import django_filters
from django.db.models import Q

from pairs.models import Pair, PairStatus
from people.names import normalize
from programmes.models import MentorshipForm


class PairFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Наставник или наставляемый", method="filter_name")
    status = django_filters.ChoiceFilter(label="Состояние", choices=PairStatus.choices, empty_label="все")
    form = django_filters.ModelChoiceFilter(
        label="Форма наставничества", queryset=MentorshipForm.objects.all(), empty_label="все"
    )

    class Meta:
        model = Pair
        fields = ["q", "status", "form"]

    def filter_name(self, queryset, name, value):
        """Every word is a part of the ФИО of the mentor or of one mentee (case and ё/е ignored)."""
        for word in normalize(value).split():
            queryset = queryset.filter(
                Q(mentor__fio_key__contains=word) | Q(mentees__mentee__fio_key__contains=word)
            )
        return queryset.distinct()
