"""Forms of the programme pages: input validation only; programmes.actions check the domain rules."""

from django import forms

from accounts.models import Role, User
from programmes import stages
from programmes.models import MentorshipForm, StageDocument
from utilities.widgets import DateInput

STAGE_CHOICES = [("", "—")] + [(s.number, f"{s.number}. {s.title}") for s in stages.STAGES]


def _textarea(rows: int = 3):
    return forms.Textarea(attrs={"rows": rows})


class ProgrammeForm(forms.Form):
    """Forms, goal, tasks, expected results and the curator, chosen among the organization's curators and heads."""

    goal = forms.CharField(label="Цель", widget=_textarea(2))
    tasks = forms.CharField(label="Задачи", required=False, widget=_textarea())
    expected_results = forms.CharField(label="Ожидаемые результаты", required=False, widget=_textarea())
    curator = forms.ModelChoiceField(label="Куратор", queryset=User.objects.none(), required=False)
    ends_on = forms.DateField(label="Окончание программы", required=False, widget=DateInput(),
                              help_text="Пусто — 31 мая. Этим днём заканчиваются сроки пар учебного года.")
    # Declared last: the name «forms» hides the module in the rest of the class body.
    forms = forms.ModelMultipleChoiceField(label="Формы наставничества", queryset=MentorshipForm.objects.all(),
                                           widget=forms.CheckboxSelectMultiple)

    field_order = ["forms", "goal", "tasks", "expected_results", "curator", "ends_on"]

    def __init__(self, *args, user, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["curator"].queryset = User.objects.visible_to(user).filter(
            roles__role__in=(Role.CURATOR, Role.HEAD), roles__organization=organization).distinct()
        self.fields["curator"].label_from_instance = User.get_full_name

    def clean_forms(self):
        return list(self.cleaned_data["forms"])


class NewProgrammeForm(ProgrammeForm):
    year = forms.TypedChoiceField(label="Учебный год", coerce=int)

    field_order = ["year", *ProgrammeForm.field_order]

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, stages.school_year_label(year)) for year in years]


class CalendarRowForm(forms.Form):
    """A row of the calendar plan; a row with nothing filled in is left out."""

    event = forms.CharField(label="Мероприятие", required=False, max_length=500)
    stage = forms.TypedChoiceField(label="Этап", choices=STAGE_CHOICES, coerce=int, empty_value=None, required=False)
    due_date = forms.DateField(label="Срок (дата)", required=False, widget=DateInput())
    due_text = forms.CharField(label="или срок словами", required=False, max_length=100,
                               widget=forms.TextInput(attrs={"placeholder": "ежемесячно"}))
    responsible = forms.CharField(label="Ответственный", required=False, max_length=300)
    result = forms.CharField(label="Ожидаемый результат / вид документа", required=False, max_length=500)


CalendarFormSet = forms.formset_factory(CalendarRowForm, extra=3)


class StageDocumentForm(forms.Form):
    # The recorded documents of stages 6–7 come from the pairs' meetings, feedback and reports, not from a file.
    kind = forms.ChoiceField(label="Вид документа",
                             choices=[(code, label) for code, label in StageDocument.KINDS if code not in stages.RECORDED])
    title = forms.CharField(label="Наименование", required=False, max_length=300,
                            help_text="Для иного документа — обязательно.")
    number = forms.CharField(label="Номер", required=False, max_length=50)
    dated = forms.DateField(label="Дата", required=False, widget=DateInput())
    note = forms.CharField(label="Примечание", required=False, max_length=500)
    stage = forms.TypedChoiceField(label="Этап (для иного документа)", choices=STAGE_CHOICES, coerce=int,
                                   empty_value=None, required=False)
