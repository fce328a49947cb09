"""Forms of the matching pages: input only; choices limited by the user's scope."""

import datetime

from django import forms
from django.utils import timezone

from accounts.scoping import organizations_where
from matching.models import MatchingWeights, MatchPreference
from organizations.models import Organization
from people.models import Participant
from programmes.models import MentorshipForm
from utilities.forms import limit_choices
from utilities.widgets import DateInput


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


class SuggestionFilterForm(forms.Form):
    """Which suggestions of a run the page shows: a part of a mentor's or a mentee's name, a form, the mark."""

    MARKS = [("", "все"), ("pinned", "закреплённые"), ("forbidden", "исключённые"), ("none", "без отметки")]

    q = forms.CharField(label="ФИО наставника или наставляемого", required=False)
    form = forms.TypedChoiceField(label="Форма", required=False, coerce=int, empty_value=None)
    mark = forms.ChoiceField(label="Отметка", choices=MARKS, required=False)

    def __init__(self, *args, pairs: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        forms_in_run = {m["form"]["id"]: m["form"]["name"] for pair in pairs for m in pair["mentees"]}
        self.fields["form"].choices = [("", "все формы"), *sorted(forms_in_run.items(), key=lambda f: f[1])]

    def apply(self, pairs: list[dict]) -> list[dict]:
        """The mentors with the suggestions the filters keep (marked as `_marked` marks them); a mentor whose
        name matches keeps all of theirs."""
        values = self.cleaned_data if self.is_valid() else {}
        text, form, mark = (values.get("q") or "").strip().casefold(), values.get("form"), values.get("mark") or ""
        wanted_mark = "" if mark == "none" else mark
        kept = []
        for pair in pairs:
            whole = not text or text in pair["mentor"]["name"].casefold()
            mentees = [m for m in pair["mentees"] if (whole or text in m["name"].casefold())
                       and (form is None or m["form"]["id"] == form) and (not mark or m["mark"] == wanted_mark)]
            if mentees:
                kept.append({**pair, "mentees": mentees})
        return kept


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
