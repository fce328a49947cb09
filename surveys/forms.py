"""Forms of the questionnaire pages: input only; surveys.actions checks the rules."""

from django import forms

from accounts.models import Role
from pairs.models import PairStatus
from programmes.models import MentorshipForm
from surveys.actions import WITHOUT_PAIR
from surveys.models import Campaign, Item, Questionnaire
from utilities.forms import limit_choices

ROLES = [("", "как в анкете"), (Role.MENTOR, "наставники"), (Role.MENTEE, "наставляемые")]
PAIR_STATES = [("", "любое (в живой паре или без пары, если форма не выбрана)"), *PairStatus.choices,
               (WITHOUT_PAIR, "без живой пары")]


class CampaignForm(forms.Form):
    organization = forms.ModelChoiceField(label="Организация или территория", queryset=None,
                                          help_text="Территория отправляет анкету во все свои организации и видит "
                                                    "только числа.")
    questionnaire = forms.ModelChoiceField(label="Анкета", queryset=Questionnaire.objects.all())
    wave = forms.ChoiceField(label="Срез", choices=Campaign.Wave.choices)
    role = forms.ChoiceField(label="Кому", choices=ROLES, required=False)
    form = forms.ModelChoiceField(label="Форма наставничества пары", queryset=MentorshipForm.objects.all(),
                                  required=False)
    pair_status = forms.ChoiceField(label="Состояние пары", choices=PAIR_STATES, required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self.fields["organization"], organizations)


def _field(item: Item) -> forms.Field:
    label = f"{item.position}. {item.text}"
    if item.kind == Item.Kind.SCALE:
        return forms.TypedChoiceField(label=label, coerce=int, choices=[(n, str(n)) for n in range(1, 11)],
                                      widget=forms.RadioSelect(attrs={"class": "scale"}), help_text="1 — совсем нет, "
                                      "10 — полностью.")
    if item.kind == Item.Kind.SINGLE:
        return forms.ChoiceField(label=label, choices=[(o, o) for o in item.options], widget=forms.RadioSelect)
    if item.kind == Item.Kind.MULTIPLE:
        return forms.MultipleChoiceField(label=label, choices=[(o, o) for o in item.options],
                                         widget=forms.CheckboxSelectMultiple)
    return forms.CharField(label=label, required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    """The items of a questionnaire as fields `item_<id>`; `cleaned_data` becomes the `values` of surveys.actions."""

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        for item in questionnaire.items.all():
            self.fields[f"item_{item.pk}"] = _field(item)

    def clean(self):
        data = super().clean()
        return {"values": {int(name.removeprefix("item_")): value for name, value in data.items()}}
