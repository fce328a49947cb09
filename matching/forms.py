"""Forms of the matching pages: input only; choices limited by the user's scope."""

import datetime

from django import forms
from django.utils import timezone

from accounts.scoping import organizations_where
from matching.models import MatchingWeights, MatchPreference
from nastavnik.forms import limit_choices
from nastavnik.widgets import DateInput
from organizations.models import Organization
from people.models import Participant
from programmes.models import MentorshipForm


def matching_scopes(user):
    """Where `user` may run matching: their organizations and territories (not partners)."""
    return organizations_where(user, "run_matching").exclude(kind=Organization.Kind.PARTNER)


class RunForm(forms.Form):
    scope = forms.ModelChoiceField(label="Где подбираем", queryset=Organization.objects.none(),
                                   help_text="Организация — её наставники и наставляемые; муниципалитет — ещё и "
                                             "наставники партнёров для всех его школ; регион — ещё и педагоги "
                                             "разных организаций (виртуальное наставничество).")
    form = forms.ModelChoiceField(label="Форма наставничества", queryset=MentorshipForm.objects.all(), required=False,
                                  empty_label="все формы сразу")
    start_date = forms.DateField(label="Начало пар", widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {"start_date": timezone.localdate() + datetime.timedelta(days=7)})
        super().__init__(*args, **kwargs)
        limit_choices(self.fields["scope"], matching_scopes(user))


class PairForm(forms.Form):
    """A suggested pair a button marks (pin or forbid)."""

    mentee = forms.IntegerField()
    mentor = forms.IntegerField()


class WeightsForm(forms.ModelForm):
    class Meta:
        model = MatchingWeights
        fields = ["request", "interest", "age", "time", "form", "variant", "like", "dislike"]


class PreferenceForm(forms.Form):
    from_participant = forms.ModelChoiceField(label="Кто", queryset=Participant.objects.none())
    kind = forms.ChoiceField(label="Предпочтение", choices=MatchPreference.Kind.choices)
    to_participant = forms.ModelChoiceField(label="О ком", queryset=Participant.objects.none())

    def __init__(self, *args, user, organization, **kwargs):
        super().__init__(*args, **kwargs)
        people = Participant.objects.visible_to(user).active().filter(organization=organization).order_by(
            "last_name", "first_name", "middle_name")
        self.fields["from_participant"].queryset = people
        self.fields["to_participant"].queryset = people
