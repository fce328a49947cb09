"""The control page's filters, shared by the page and its XLSX export; they narrow pairs already scoped."""

import django_filters

from pairs.models import Pair, PairStatus
from people.models import Participant
from programmes.models import MentorshipForm


def _mentors(request):
    return Participant.objects.visible_to(request.user).filter(mentored_pairs__isnull=False).distinct().order_by(
        "last_name", "first_name")


class ControlFilter(django_filters.FilterSet):
    form = django_filters.ModelChoiceFilter(label="Форма", queryset=MentorshipForm.objects.all(), empty_label="все")
    mentor = django_filters.ModelChoiceFilter(label="Наставник", queryset=_mentors, empty_label="все")
    status = django_filters.ChoiceFilter(label="Состояние", choices=PairStatus.choices, empty_label="все")

    class Meta:
        model = Pair
        fields = ["form", "mentor", "status"]
